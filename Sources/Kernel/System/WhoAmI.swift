import PluginSDK

/// `system/user/info` and `system/admin/info`: who the presented token belongs to.
enum WhoAmI {
    static func user(_ context: ActionContext) async throws -> Reply {
        let user = try context.requireUser()
        return .ok(["id": .int(user.id), "name": .string(user.name), "store_id": .int(user.storeID)])
    }

    /// Any admin may ask about itself, whatever its permissions.
    static func admin(_ context: ActionContext) async throws -> Reply {
        guard let admin = context.caller.admin else { throw KernelError.noPermission }
        return .ok([
            "id": .int(admin.id), "name": .string(admin.name), "super": .bool(admin.isSuper),
            "permissions": .array(admin.permissions.map { .string($0) }),
        ])
    }
}
