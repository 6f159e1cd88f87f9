import PluginSDK

/// `user/index`: the caller's applications, newest first, filtered by `status` (-1 or absent:
/// all) and `business_type`, in ShopXO's page structure.
enum UserIndex {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let user = try context.requireUser()
        var filter = try ApplicationFilters.read(context.params)
        filter.userID = user.id
        return try await ApplicationFilters.page(context, filter)
    }
}

/// `user/detail`: one of the caller's applications by `id`; `data` is null when there is none
/// (another user's answers the same).
enum UserDetail {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let user = try context.requireUser()
        let id = try context.params.requiredInt("id")
        let (application, zone) = try await context.storage.read { db in
            (try ApplicationRecords.find(db, id: id, userID: user.id), try SettingsRecords.load(db, storeID: user.storeID, context: context).timeZone)
        }
        let language = context.language
        return .ok([
            "data": application?.row(language, zone: zone) ?? .null,
            "field_list": .array(ShopXOLabels.fieldList(ShopXOLabels.applicationFields, language)),
        ])
    }
}

/// The list filters users and admins share: `status` and `business_type`, -1 or absent for all.
enum ApplicationFilters {
    /// One page of the applications `filter` selects, as ShopXO's page structure.
    static func page(_ context: ActionContext, _ filter: ApplicationRecords.Filter) async throws -> Reply {
        let paging = try Paging(context.params)
        let (total, applications, zones) = try await context.storage.read { db in
            let (total, applications) = try ApplicationRecords.page(db, filter, paging: paging)
            var zones: [Int64: TimeZoneRules] = [:]
            for storeID in Set(applications.map(\.storeID)) {
                zones[storeID] = try SettingsRecords.load(db, storeID: storeID, context: context).timeZone
            }
            return (total, applications, zones)
        }
        let language = context.language
        return .ok(
            paging.shopxoPage(
                total: total, rows: applications.map { $0.row(language, zone: zones[$0.storeID] ?? .utc) },
                fields: ShopXOLabels.fieldList(ShopXOLabels.applicationFields, language)))
    }

    static func read(_ params: Params) throws -> ApplicationRecords.Filter {
        var filter = ApplicationRecords.Filter()
        if let status = try params.int("status"), status != -1 {
            guard let value = ApplicationStatus(rawValue: status) else {
                throw KernelError.badParameter("status", .notOneOf(["-1"] + ApplicationStatus.allCases.map { String($0.rawValue) }))
            }
            filter.status = value
        }
        if let type = params.string("business_type"), !type.isEmpty, type != "-1" {
            guard let kind = InvoiceKind(shopxo: type) else {
                throw KernelError.badParameter("business_type", .notOneOf(["-1", "0", "1"]))
            }
            filter.kind = kind
        }
        return filter
    }
}
