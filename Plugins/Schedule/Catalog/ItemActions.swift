import PluginSDK

/// `item/create|update|list|delete`: a store's catalog items (code, title, description,
/// amount, haveTax). Codes are per store and never change once given.
enum ItemActions {
    static func create(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let params = context.params
        let code = try CatalogInput.code(params, prefix: "I")
        let title = try params.requiredString("title")
        let description = params.string("description") ?? ""
        let amount = try CatalogInput.amount(params["amount"], field: "amount")
        let haveTax = try params.bool("haveTax") ?? params.bool("have_tax") ?? false
        let now = context.services.clock.unixSeconds()
        let item = try await context.storage.write { db -> CatalogItem? in
            guard try CatalogRecords.item(db, storeID: storeID, code: code) == nil else { throw ScheduleMessages.codeTaken }
            try db.execute(
                """
                INSERT INTO schedule_items (store_id, code, title, description, amount, have_tax, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, storeID, code, title, description, amount, haveTax, now, now)
            return try CatalogRecords.item(db, storeID: storeID, code: code)
        }
        return .ok(item?.json ?? .null)
    }

    static func update(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let params = context.params
        let code = try params.requiredString("code")
        let title = params.string("title")
        let description = params.string("description")
        let amount = try params["amount"].map { try CatalogInput.amount($0, field: "amount") }
        let haveTax = try params.bool("haveTax") ?? params.bool("have_tax")
        let now = context.services.clock.unixSeconds()
        let item = try await context.storage.write { db -> CatalogItem in
            guard var item = try CatalogRecords.item(db, storeID: storeID, code: code) else { throw KernelError.notFound }
            if let title {
                guard !title.isEmpty else { throw KernelError.badParameter("title", .missing) }
                item.title = title
            }
            if let description { item.description = description }
            if let amount { item.amount = amount }
            if let haveTax { item.haveTax = haveTax }
            try db.execute(
                "UPDATE schedule_items SET title = ?, description = ?, amount = ?, have_tax = ?, updated_at = ? WHERE id = ?",
                item.title, item.description, item.amount, item.haveTax, now, item.id)
            return item
        }
        return .ok(item.json)
    }

    static func list(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let page = try context.params.int("page") ?? 1
        let size = try context.params.int("page_size") ?? 20
        let (items, total) = try await context.storage.read { db in
            (
                try db.query("SELECT * FROM schedule_items WHERE store_id = ? ORDER BY id LIMIT ? OFFSET ?", storeID, size, (page - 1) * size)
                    .map(CatalogRecords.item),
                try db.queryOne("SELECT COUNT(*) AS n FROM schedule_items WHERE store_id = ?", storeID)?.int64("n") ?? 0
            )
        }
        return .page(items.map(\.json), page: page, pageSize: size, total: total)
    }

    static func delete(_ context: ActionContext) async throws -> Reply {
        let storeID = try await context.storeID()
        let code = try context.params.requiredString("code")
        try await context.storage.write { db in
            try db.execute("DELETE FROM schedule_items WHERE store_id = ? AND code = ?", storeID, code)
            guard db.changes == 1 else { throw KernelError.notFound }
        }
        return .ok(["code": .string(code)])
    }
}
