import PluginSDK

/// `system/users/*` (admin): list and search users, disable and enable them, revoke their
/// tokens, reset their password. Each needs the admin permission `system.users.<action>`.
enum Users {
    static let id = Param.integer("id", required: true, range: 1...Int64.max, "The user's id")

    static func routes(_ kernel: KernelLink) -> [Route] {
        [
            Route(
                "users", "list", access: .admin(),
                params: AccountPaging.params + [
                    .integer("store_id", range: 1...Int64.max, "Only this store's users"),
                    .string("search", maxLength: 100, "Part of a name or email"),
                ],
                summary: "Users, newest first, with how many live tokens each has"
            ) { try await list($0, kernel.access) }.example(["search": "docs"]),
            Route("users", "disable", access: .admin(), params: [id], summary: "Disable a user and revoke its tokens") {
                try await setDisabled($0, true, kernel.access)
            }.example(["id": "{{other_user_id}}"]),
            Route("users", "enable", access: .admin(), params: [id], summary: "Enable a disabled user") {
                try await setDisabled($0, false, kernel.access)
            }.example(["id": "{{other_user_id}}"]),
            Route("users", "revoke_tokens", access: .admin(), params: [id], summary: "Log a user out everywhere") {
                try await revokeTokens($0, kernel.access)
            }.example(["id": "{{other_user_id}}"]),
            Route(
                "users", "reset_password", access: .admin(),
                params: [
                    id, Passwords.param("password", required: false, "At least 8 characters; omitted: one is generated and answered once"),
                ],
                summary: "Set a user's password and revoke its tokens"
            ) { try await resetPassword($0, kernel.access) }.example(["id": "{{other_user_id}}", "password": "{{other_user_password}}"]),
        ]
    }

    static func list(_ context: ActionContext, _ kernel: KernelAccess) async throws -> Reply {
        let (page, size) = try AccountPaging.read(context.params)
        let listing = try await kernel.accounts.users(
            storeID: try context.params.int("store_id"), search: context.params.string("search"), page: page, size: size)
        return .page(listing.records.map(\.json), page: page, pageSize: size, total: listing.total)
    }

    static func setDisabled(_ context: ActionContext, _ disabled: Bool, _ kernel: KernelAccess) async throws -> Reply {
        guard let user = try await kernel.accounts.setUserDisabled(id: try context.params.requiredInt("id"), disabled) else {
            throw KernelError.notFound
        }
        return .ok(user.json)
    }

    static func revokeTokens(_ context: ActionContext, _ kernel: KernelAccess) async throws -> Reply {
        let accounts = kernel.accounts
        let id = try context.params.requiredInt("id")
        guard try await accounts.userRecord(id: id) != nil else { throw KernelError.notFound }
        let revoked = try await accounts.revokeTokens(kind: .user, subjectID: id)
        return .ok(["id": .int(id), "revoked": .int(Int64(revoked))])
    }

    static func resetPassword(_ context: ActionContext, _ kernel: KernelAccess) async throws -> Reply {
        let id = try context.params.requiredInt("id")
        let chosen = context.params.string("password").flatMap { $0.isEmpty ? nil : $0 }
        let password = chosen ?? Passwords.generate()
        guard try await kernel.accounts.setPassword(kind: .user, subjectID: id, password: password) else {
            throw KernelError.notFound
        }
        var answer: JSONObject = ["id": .int(id)]
        if chosen == nil { answer["password"] = .string(password) }
        return .ok(.object(answer))
    }
}
