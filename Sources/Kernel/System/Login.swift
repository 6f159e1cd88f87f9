import PluginSDK

/// `system/user/login` and `system/admin/login`: `accounts` (name or email) and `pwd`, as ShopXO
/// clients send them; answers a new token. Attempts pass the login throttle first (a locked
/// account or address answers -430 at once, without hashing).
enum Login {
    static let failed = KernelError(code: .failure, message: KernelMessages.badCredentials)

    /// ShopXO's login fields.
    static let params: [Param] = [
        .string("accounts", required: true, maxLength: 254, "User name or email"),
        .string("pwd", required: true, maxLength: 1_024, "Password"),
    ]

    static func handle(_ context: ActionContext, kind: Accounts.SubjectKind, kernel: KernelAccess) async throws -> Reply {
        let accounts = try context.params.requiredString("accounts")
        let password = try context.params.requiredString("pwd")
        let throttle = kernel.loginThrottle
        let attempt = try throttle.begin(
            kind: kind.rawValue, accounts: accounts, address: context.request.remoteAddress, now: kernel.clock.unixSeconds())
        let found: Int64?
        do {
            found = try await kernel.accounts.verifyPassword(kind: kind, accounts: accounts, password: password)
        } catch {
            throttle.withdraw(attempt)
            throw error
        }
        guard let id = found else { throw failed }
        throttle.succeeded(attempt)
        let token = try await kernel.accounts.issueToken(kind: kind, subjectID: id)
        return .ok([
            "id": .int(id),
            "token": .string(token),
            "expires_in": .int(kernel.configuration.tokenLifetimeSeconds),
        ])
    }
}

/// `system/user/logout` and `system/admin/logout`: revokes the token presented, if any.
enum Logout {
    static func handle(_ context: ActionContext, kernel: KernelAccess) async throws -> Reply {
        if let credential = context.credential, !credential.hasPrefix(Accounts.apiKeyPrefix) {
            try await kernel.accounts.revokeToken(credential)
        }
        return .ok()
    }
}
