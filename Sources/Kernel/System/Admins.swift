import PluginSDK

/// `system/admins/*` (admin): list admins, create one, change its permissions or password.
/// Each needs the admin permission `system.admins.<action>`.
enum Admins {
    static let id = Param.integer("id", required: true, range: 1...Int64.max, "The admin's id")
    static let powers: [Param] = [
        .boolean("super", "A super-admin holds every permission"),
        .string("permissions", maxLength: 4_000, "Comma-separated: plugin.control.action, plugin.control.*, plugin.*"),
    ]

    static func routes(_ kernel: KernelLink) -> [Route] {
        [
            Route("admins", "list", access: .admin(), summary: "Every admin with its permissions") { _ in
                .ok(.array(try await kernel.access.accounts.admins().map(\.json)))
            },
            Route(
                "admins", "create", access: .admin(),
                params: [.string("name", required: true, maxLength: 60), Passwords.param("password")] + powers,
                summary: "Create an admin (super, or limited to permissions)"
            ) { try await create($0, kernel.access) }
            .example(
                ["name": "docs-limited-admin", "password": "docs-limited-password", "permissions": "invoice.merchant.*"],
                saves: [("limited_admin_id", "id")]),
            Route(
                "admins", "permissions", access: .admin(), params: [id] + powers,
                summary: "Make an admin super or limit it to permissions"
            ) { try await setPermissions($0, kernel.access) }.example(["id": "{{limited_admin_id}}", "permissions": "invoice.merchant.*,invoice.coupon.*"]),
            Route(
                "admins", "password", access: .admin(), params: [id, Passwords.param("password")],
                summary: "Set an admin's password and revoke its tokens"
            ) { try await setPassword($0, kernel.access) }.example(["id": "{{limited_admin_id}}", "password": "docs-limited-password-2"]),
        ]
    }

    static func create(_ context: ActionContext, _ kernel: KernelAccess) async throws -> Reply {
        let password = try context.params.requiredString("password")
        try Passwords.check(password)
        let accounts = kernel.accounts
        let id = try await accounts.createAdmin(
            name: try context.params.requiredString("name"), password: password, permissions: try powers(context.params, kernel))
        guard let admin = try await accounts.adminRecord(id: id) else { throw KernelError.notFound }
        return .ok(admin.json)
    }

    /// An admin cannot change its own powers (it could lock itself out); another admin does it.
    static func setPermissions(_ context: ActionContext, _ kernel: KernelAccess) async throws -> Reply {
        let id = try context.params.requiredInt("id")
        guard context.caller.admin?.id != id else { throw KernelError.invalid(AccountMessages.ownPowers) }
        guard let admin = try await kernel.accounts.setAdminPermissions(id: id, permissions: try powers(context.params, kernel))
        else { throw KernelError.notFound }
        return .ok(admin.json)
    }

    static func setPassword(_ context: ActionContext, _ kernel: KernelAccess) async throws -> Reply {
        let id = try context.params.requiredInt("id")
        let password = try context.params.requiredString("password")
        let keeping = context.caller.admin?.id == id ? context.credential : nil
        guard try await kernel.accounts.setPassword(kind: .admin, subjectID: id, password: password, keeping: keeping) else {
            throw KernelError.notFound
        }
        return .ok(["id": .int(id)])
    }

    /// nil for a super-admin, else the permissions named (each must match a declared route).
    static func powers(_ params: Params, _ kernel: KernelAccess) throws -> [String]? {
        if try params.bool("super") == true { return nil }
        let permissions = try Accounts.permissions(from: params.string("permissions") ?? "")
        try kernel.checkPermissions(permissions)
        return permissions
    }
}
