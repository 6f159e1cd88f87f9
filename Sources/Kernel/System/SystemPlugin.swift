import PluginSDK

/// The built-in `system` plugin: health of the kernel path, version, the plugin list, login, and
/// plugin administration (`system/plugin/*`), account management (`system/users|admins|stores|
/// apikeys/*`, own passwords), plus the actions the host's modules add (remote plugin
/// registration). The only plugin that reaches the kernel's own parts (`KernelLink`): accounts
/// and the registry are managed here and nowhere else. Always installed; it cannot be disabled.
struct SystemPlugin: Plugin {
    static let version = "0.2.0"
    static let name = "system"

    let kernel: KernelLink
    let moduleRoutes: [Route]

    let manifest = PluginManifest(
        name: SystemPlugin.name, title: "System", version: SystemPlugin.version, author: "invoice-server",
        description: "Kernel actions: ping, version, plugin list, login and logout, passwords, accounts, plugin administration.")

    var routes: [Route] {
        let kernel = self.kernel
        return [
            Route("system", "ping", access: .public, allowsGET: true, summary: "Answers pong") { _ in .ok(["pong": true]) }
                .described(zh: "应答 pong", fa: "پاسخ pong"),
            Route("system", "version", access: .public, allowsGET: true, summary: "Server version and plugin count") { _ in
                .ok(["name": "invoice-server", "version": .string(Self.version), "plugins": .int(Int64(kernel.access.registry.list().count))])
            },
            Route("system", "plugins", access: .public, allowsGET: true, summary: "The enabled plugins") { _ in
                PluginList.handle(kernel.access)
            },
            Route("user", "login", access: .public, params: Login.params, summary: "Log a user in; answers a token") {
                try await Login.handle($0, kind: .user, kernel: kernel.access)
            }
            .described(zh: "用户登录；应答令牌", fa: "ورود کاربر؛ توکن برمی‌گرداند")
            .example(["accounts": "{{user_name}}", "pwd": "{{user_password}}"])
            .answers(.failure, when: Login.wrongCredentials).answers(.loginThrottled, when: Login.throttled).answers(.tooManyRequests, when: Login.busy),
            Route("user", "logout", access: .public, summary: "Revoke the presented token") { try await Logout.handle($0, kernel: kernel.access) },
            Route("user", "info", access: .user, summary: "The logged-in user", handler: WhoAmI.user)
                .described(zh: "当前登录的用户", fa: "کاربر واردشده"),
            Route("admin", "login", access: .public, params: Login.params, summary: "Log an admin in; answers a token") {
                try await Login.handle($0, kind: .admin, kernel: kernel.access)
            }
            .described(zh: "管理员登录；应答令牌", fa: "ورود مدیر؛ توکن برمی‌گرداند")
            .example(["accounts": "{{admin_name}}", "pwd": "{{admin_password}}"])
            .answers(.failure, when: Login.wrongCredentials).answers(.loginThrottled, when: Login.throttled).answers(.tooManyRequests, when: Login.busy),
            Route("admin", "logout", access: .public, summary: "Revoke the presented token") { try await Logout.handle($0, kernel: kernel.access) },
            Route("admin", "info", access: .anyAdmin, summary: "The logged-in admin", handler: WhoAmI.admin),
        ] + Profile.routes(kernel) + PluginAdmin.routes(kernel) + Users.routes(kernel) + Admins.routes(kernel) + Stores.routes(kernel)
            + APIKeys.routes(kernel) + moduleRoutes
    }
}
