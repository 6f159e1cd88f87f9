/// The built-in `system` plugin: health of the kernel path, version, the plugin list, login, and
/// plugin administration (`system/plugin/*`).
/// Always installed; it cannot be disabled from its own actions.
struct SystemPlugin: Plugin {
    static let version = "0.1.0"
    static let name = "system"

    let manifest = PluginManifest(
        name: SystemPlugin.name, title: "System", version: SystemPlugin.version, author: "invoice-server",
        description: "Kernel actions: ping, version, plugin list, login and logout, passwords, accounts, plugin administration.")

    var routes: [Route] {
        [
            Route("system", "ping", access: .public, allowsGET: true) { _ in .ok(["pong": true]) },
            Route("system", "version", access: .public, allowsGET: true) { context in
                .ok(["name": "invoice-server", "version": .string(Self.version), "plugins": .int(Int64(context.services.registry.list().count))])
            },
            Route("system", "plugins", access: .public, allowsGET: true, handler: PluginList.handle),
            Route("user", "login", access: .public, params: Login.params, summary: "Log a user in; answers a token") {
                try await Login.handle($0, kind: .user)
            },
            Route("user", "logout", access: .public, handler: Logout.handle),
            Route("user", "info", access: .user, handler: WhoAmI.user),
            Route("admin", "login", access: .public, params: Login.params, summary: "Log an admin in; answers a token") {
                try await Login.handle($0, kind: .admin)
            },
            Route("admin", "logout", access: .public, handler: Logout.handle),
            Route("admin", "info", access: .anyAdmin, handler: WhoAmI.admin),
            Route("user", "password", access: .user, params: Profile.passwordParams, summary: "Change the caller's password") {
                try await Profile.changePassword($0, kind: .user)
            },
            Route("user", "logout_all", access: .user, summary: "Revoke every token of the caller") {
                try await Profile.logoutEverywhere($0, kind: .user)
            },
            Route("admin", "password", access: .anyAdmin, params: Profile.passwordParams, summary: "Change the caller's password") {
                try await Profile.changePassword($0, kind: .admin)
            },
            Route("admin", "logout_all", access: .anyAdmin, summary: "Revoke every token of the caller") {
                try await Profile.logoutEverywhere($0, kind: .admin)
            },
        ] + PluginAdmin.routes + Users.routes + Admins.routes + Stores.routes + APIKeys.routes
    }
}
