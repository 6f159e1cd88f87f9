import PluginSDK

/// `user/delete`: deletes the caller's applications named by `ids` (or `id`) that are pending or
/// refused, releasing their orders. All or nothing: one that is missing, someone else's, or past
/// review stops the whole call.
enum DeleteApplications {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let user = try context.requireUser()
        let ids = try requestedIDs(context.params)
        try await context.storage.write { db in
            let applications = try ApplicationRecords.findAll(db, ids: ids, userID: user.id)
            guard applications.count == ids.count else { throw KernelError.notFound }
            guard applications.allSatisfy(\.status.isEditable) else { throw ApplicationMessages.notDeletable }
            try ApplicationRecords.delete(db, ids: ids)
        }
        return .ok()
    }

    /// `ids` ("1,2", an array or one number), or `id`.
    static func requestedIDs(_ params: Params) throws -> [Int64] {
        var ids = try params.ids("ids")
        if ids.isEmpty { ids = try params.ids("id") }
        guard !ids.isEmpty else { throw KernelError.badParameter("ids", .missing) }
        guard ids.count <= BusinessSelection.maxIDs else { throw KernelError.badParameter("ids", .outOfRange(1...BusinessSelection.maxIDs)) }
        return ids
    }
}
