import PluginSDK

/// The scopes and admin permissions the plugins' routes declare, and the checks that refuse
/// any other: an API key or an admin given a power nothing asks for is a typo, never a grant.
extension KernelAccess {
    /// Every scope an installed action asks for, and `*` (all of them), sorted.
    public var knownScopes: [String] {
        var scopes: Set<String> = ["*"]
        for route in declaredRoutes { if case .apiKey(let scope) = route.route.access { scopes.insert(scope) } }
        return scopes.sorted()
    }

    /// Refuses an empty list and any scope no action asks for.
    public func checkScopes(_ scopes: [String]) throws(KernelError) {
        guard !scopes.isEmpty else { throw .badParameter("scopes", .missing) }
        let known = knownScopes
        for scope in scopes where !known.contains(scope) { throw .invalid(AccountMessages.unknownScope(scope, known: known)) }
    }

    /// Refuses a permission that names no plugin, control or action the plugins declare:
    /// `*`, `plugin.*`, `plugin.control.*` and `plugin.control.action` must each match a route's
    /// name or the permission a route asks for instead.
    public func checkPermissions(_ permissions: [String]) throws(KernelError) {
        let declared = Set(
            declaredRoutes.flatMap { entry in
                ["\(entry.plugin).\(entry.route.control).\(entry.route.action)", entry.route.permission(plugin: entry.plugin)]
            }.filter { !$0.isEmpty })
        for permission in permissions where !matchesDeclared(permission, declared) {
            throw .invalid(AccountMessages.unknownPermission(permission))
        }
    }

    private func matchesDeclared(_ permission: String, _ declared: Set<String>) -> Bool {
        if permission == "*" { return true }
        guard permission.hasSuffix(".*") else { return declared.contains(permission) }
        let prefix = String(permission.dropLast())
        return declared.contains { $0.hasPrefix(prefix) }
    }

    /// Every route of every plugin the registry knows, with its plugin's name.
    private var declaredRoutes: [(plugin: String, route: Route)] {
        registry.list().flatMap { info in
            let name = info.manifest.name
            return registry.routes(of: name).map { (name, $0) }
        }
    }
}
