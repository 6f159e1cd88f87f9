import PluginSDK

/// `system/user/login` and `system/admin/login`: `accounts` (name or email) and `pwd`, as ShopXO
/// clients send them; answers a new token. Attempts pass the login throttle first (a locked
/// account or address answers -430 at once, without hashing).
enum Login {
    static let failed = KernelError(code: .failure, message: KernelMessages.badCredentials)

    /// When the reference says a login answers -1, -430 and -429.
    static let wrongCredentials = LocalizedText(
        en: "wrong account or password", zh: "账号或密码错误", fa: "نام کاربری یا رمز عبور نادرست است")
    static let throttled = LocalizedText(
        en: "too many failed logins for the account or address (data.retry_after)", zh: "该账号或地址登录失败次数过多（data.retry_after）",
        fa: "ورودهای ناموفق این حساب یا نشانی بیش از حد است (data.retry_after)")
    static let busy = LocalizedText(
        en: "password hashing is at capacity: retry", zh: "密码哈希已满负荷：请重试", fa: "ظرفیت درهم‌سازی گذرواژه پر است: دوباره تلاش کنید")

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
