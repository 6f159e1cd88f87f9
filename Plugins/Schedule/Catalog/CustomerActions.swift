import PluginSDK

/// `customer/create|update|list|delete`: a store's customers. Codes are per store and never
/// change once given; `tags` group customers for `tagIds`.
enum CustomerActions {
    static func create(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let params = context.params
        let customer = Customer(
            id: 0, code: try CatalogInput.code(params, prefix: "C"), name: try params.requiredString("name"),
            email: try CatalogInput.email(params), phone: try CatalogInput.phone(params),
            language: try language(params) ?? .en, tags: try CatalogInput.tags(params) ?? [])
        let now = context.services.clock.unixSeconds()
        let saved = try await context.storage.write { db in
            let id = try CatalogRecords.insert(db, storeID: storeID, customer: customer, now: now)
            return try CatalogRecords.customer(db, id: id)
        }
        return .ok(saved?.json ?? .null)
    }

    static func update(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let params = context.params
        let code = try params.requiredString("code")
        let name = params.string("name")
        let email = try CatalogInput.email(params)
        let phone = try CatalogInput.phone(params)
        let language = try language(params)
        let tags = try CatalogInput.tags(params)
        let sentEmail = params["email"] != nil
        let sentPhone = params["phone"] != nil
        let now = context.services.clock.unixSeconds()
        let saved = try await context.storage.write { db -> Customer in
            guard var customer = try CatalogRecords.customer(db, storeID: storeID, code: code) else { throw KernelError.notFound }
            if let name {
                guard !name.isEmpty else { throw KernelError.badParameter("name", .missing) }
                customer.name = name
            }
            if sentEmail { customer.email = email }
            if sentPhone { customer.phone = phone }
            if let language { customer.language = language }
            if let tags { customer.tags = tags }
            try CatalogRecords.update(db, storeID: storeID, customer: customer, now: now)
            return try CatalogRecords.customer(db, id: customer.id) ?? customer
        }
        return .ok(saved.json)
    }

    static func list(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let page = try context.params.int("page") ?? 1
        let size = try context.params.int("page_size") ?? 20
        let tag = context.params.string("tag")
        let (customers, total) = try await context.storage.read { db -> ([Customer], Int64) in
            let rows: [Row]
            let total: Int64
            if let tag, !tag.isEmpty {
                let tagged = "FROM schedule_customers c JOIN schedule_customer_tags t ON t.customer_id = c.id WHERE c.store_id = ? AND t.tag = ?"
                rows = try db.query("SELECT c.* \(tagged) ORDER BY c.id LIMIT ? OFFSET ?", storeID, tag, size, (page - 1) * size)
                total = try db.queryOne("SELECT COUNT(*) AS n \(tagged)", storeID, tag)?.int64("n") ?? 0
            } else {
                rows = try db.query("SELECT * FROM schedule_customers WHERE store_id = ? ORDER BY id LIMIT ? OFFSET ?", storeID, size, (page - 1) * size)
                total = try db.queryOne("SELECT COUNT(*) AS n FROM schedule_customers WHERE store_id = ?", storeID)?.int64("n") ?? 0
            }
            return (try rows.map { try CatalogRecords.customer(db, row: $0) }, total)
        }
        return .page(customers.map(\.json), page: page, pageSize: size, total: total)
    }

    static func delete(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let code = try context.params.requiredString("code")
        try await context.storage.write { db in
            try db.execute("DELETE FROM schedule_customers WHERE store_id = ? AND code = ?", storeID, code)
            guard db.changes == 1 else { throw KernelError.notFound }
        }
        return .ok(["code": .string(code)])
    }

    private static func language(_ params: Params) throws -> Language? {
        guard let value = params.string("language"), !value.isEmpty else { return nil }
        guard let language = Language(rawValue: value) else { throw KernelError.badParameter("language", .notOneOf(["en", "zh", "fa"])) }
        return language
    }
}
