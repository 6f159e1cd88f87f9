import PluginSDK

/// `system/user/password|logout_all` and `system/admin/password|logout_all`: a logged-in user or
/// admin changes its own password (ShopXO's field names) or logs out everywhere.
enum Profile {
    static func routes(_ kernel: KernelLink) -> [Route] {
        [
            Route("user", "password", access: .user, params: passwordParams, summary: "Change the caller's password") {
                try await changePassword($0, kind: .user, kernel: kernel.access)
            }.example(example("other_user")),
            Route("user", "logout_all", access: .user, summary: "Revoke every token of the caller") {
                try await logoutEverywhere($0, kind: .user, kernel: kernel.access)
            }.example(["token": "{{other_user_token}}"]),
            Route("admin", "password", access: .anyAdmin, params: passwordParams, summary: "Change the caller's password") {
                try await changePassword($0, kind: .admin, kernel: kernel.access)
            }.example(example("other_admin")),
            Route("admin", "logout_all", access: .anyAdmin, summary: "Revoke every token of the caller") {
                try await logoutEverywhere($0, kind: .admin, kernel: kernel.access)
            }.example(["token": "{{other_admin_token}}"]),
        ]
    }

    /// The reference's example: the second account of the kind sets its password again (so the
    /// collection can run twice), with its own token.
    private static func example(_ account: String) -> JSONObject {
        let password = JSON.string("{{\(account)_password}}")
        return ["token": .string("{{\(account)_token}}"), "my_pwd": password, "new_pwd": password, "confirm_new_pwd": password]
    }

    static let passwordParams: [Param] = [
        .string("my_pwd", required: true, maxLength: 1_024, "The current password"),
        Passwords.param("new_pwd"),
        .string("confirm_new_pwd", required: true, maxLength: 1_024, "The new password again"),
    ]

    /// Checks the current password, sets the new one, and revokes every other token of the
    /// account (the one presented stays valid).
    static func changePassword(_ context: ActionContext, kind: Accounts.SubjectKind, kernel: KernelAccess) async throws -> Reply {
        let id = try subject(context, kind)
        let params = context.params
        let current = try params.requiredString("my_pwd")
        let new = try params.requiredString("new_pwd")
        let confirmation = try params.requiredString("confirm_new_pwd")
        guard new == confirmation else { throw KernelError.invalid(AccountMessages.passwordsDiffer) }
        let accounts = kernel.accounts
        guard try await accounts.checkPassword(kind: kind, subjectID: id, password: current) else {
            throw KernelError.invalid(AccountMessages.wrongPassword)
        }
        _ = try await accounts.setPassword(kind: kind, subjectID: id, password: new, keeping: context.credential)
        return .ok(["id": .int(id)])
    }

    /// Revokes every token of the account, the presented one included.
    static func logoutEverywhere(_ context: ActionContext, kind: Accounts.SubjectKind, kernel: KernelAccess) async throws -> Reply {
        let id = try subject(context, kind)
        let revoked = try await kernel.accounts.revokeTokens(kind: kind, subjectID: id)
        return .ok(["id": .int(id), "revoked": .int(Int64(revoked))])
    }

    private static func subject(_ context: ActionContext, _ kind: Accounts.SubjectKind) throws -> Int64 {
        switch kind {
        case .user: return try context.requireUser().id
        case .admin:
            guard let admin = context.caller.admin else { throw KernelError.noPermission }
            return admin.id
        }
    }
}
