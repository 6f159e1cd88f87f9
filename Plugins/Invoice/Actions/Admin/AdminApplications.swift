import PluginSDK

/// `invoice/index`: every application, newest first, filtered by `status`, `business_type`,
/// `user_id` and `store_id`, in ShopXO's page structure.
enum AdminIndexApplications {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let params = context.params
        var filter = try ApplicationFilters.read(params)
        filter.userID = try params.int("user_id")
        filter.storeID = try params.int("store_id")
        return try await ApplicationFilters.page(context, filter)
    }
}

/// `invoice/detail`: one application by `id`.
enum AdminDetail {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let (application, zone) = try await AdminApplication.load(context)
        return .ok([
            "data": application.row(context.language, zone: zone),
            "field_list": .array(ShopXOLabels.fieldList(ShopXOLabels.applicationFields, context.language)),
        ])
    }
}

/// `invoice/delete`: deletes the applications named by `ids` (or `id`), whatever their status,
/// releasing their orders. All or nothing: one missing id stops the whole call.
enum AdminDelete {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let ids = try DeleteApplications.requestedIDs(context.params)
        try await context.storage.write { db in
            guard try ApplicationRecords.findAll(db, ids: ids).count == ids.count else { throw KernelError.notFound }
            try ApplicationRecords.delete(db, ids: ids)
        }
        return .ok()
    }
}

/// The application an admin action names by `id`, and its store's time zone.
enum AdminApplication {
    static func load(_ context: ActionContext) async throws -> (Application, TimeZoneRules) {
        let id = try context.params.requiredInt("id")
        return try await context.storage.read { db in
            guard let application = try ApplicationRecords.find(db, id: id) else { throw KernelError.notFound }
            return (application, try SettingsRecords.load(db, storeID: application.storeID, context: context).timeZone)
        }
    }
}
