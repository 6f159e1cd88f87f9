import PluginSDK

/// Every enabled plugin's actions as the reference describes them, walked once from the
/// registry's route tables: the OpenAPI document, the Markdown reference (`invoice-server docs`),
/// the Postman collection and the `/docs` page are all built from this.
public struct APIReference: Sendable {
    /// One plugin and its actions, in the order the plugin declares them.
    public struct PluginEntry: Sendable {
        public let manifest: PluginManifest
        public let actions: [Action]
        public var name: String { manifest.name }
    }

    /// One action: its route and what follows from it.
    public struct Action: Sendable {
        public let plugin: String
        public let route: Route

        /// `plugin/control/action`.
        public var name: String { "\(plugin)/\(route.control)/\(route.action)" }

        /// Admin-only actions live under `/admin/plugins`, the rest under `/api/plugins`.
        public var surface: KernelRequest.Surface {
            if case .admin = route.access { return .admin }
            return .api
        }

        /// The path form, e.g. `/api/plugins/invoice/merchant/create`.
        public var path: String { "/\(surface.rawValue)/plugins/\(plugin)/\(route.control)/\(route.action)" }

        /// The other forms of the same call: the entry with routing parameters, and ShopXO's.
        public var otherForms: [String] {
            let routing = "pluginsname=\(plugin)&pluginscontrol=\(route.control)&pluginsaction=\(route.action)"
            return ["/\(surface.rawValue)/plugins/index?\(routing)", "/\(surface.rawValue).php?s=plugins/index&\(routing)"]
        }

        /// The permission an admin needs; nil for public and user actions, "" for any admin.
        public var permission: String? {
            switch route.access {
            case .public, .user: nil
            case .admin, .apiKey: route.permission(plugin: plugin)
            }
        }

        /// Who may call it, in words.
        public var accessText: LocalizedText { KernelCodes.access(route.access, permission: permission) }

        /// The example request's parameters: the declared example, else the required parameters
        /// with a value of their type.
        public var example: JSONObject {
            if let example = route.reference.example { return example }
            var params = JSONObject()
            for param in route.params where param.required { params[param.name] = Self.sample(param) }
            return params
        }

        /// Every code the action can answer other than 0: the kernel's (from its access level),
        /// then the plugin's own.
        public var errors: [DocumentedError] {
            KernelCodes.derived(route.access, builtIn: plugin == SystemPlugin.name) + route.reference.errors
        }

        private static func sample(_ param: Param) -> JSON {
            if let first = param.allowed?.first { return param.kind == .integer ? .int(Int64(first) ?? 0) : .string(first) }
            switch param.kind {
            case .string: return .string(param.name)
            case .integer: return .int(param.range.map { max($0.lowerBound, 1) } ?? 1)
            case .decimal: return "10.00"
            case .boolean: return false
            case .ids: return [1]
            case .array: return []
            case .object: return .emptyObject
            }
        }
    }

    public let plugins: [PluginEntry]

    /// The reference of the plugins enabled in `registry`, the system plugin last (its examples
    /// disable, uninstall and install plugins, so they run after the others').
    public init(_ registry: PluginRegistry) {
        let enabled = registry.list().filter { $0.state?.enabled == true }
        let ordered = enabled.filter { $0.manifest.name != SystemPlugin.name } + enabled.filter { $0.manifest.name == SystemPlugin.name }
        plugins = ordered.map { info in
            PluginEntry(manifest: info.manifest, actions: info.plugin.routes.map { Action(plugin: info.manifest.name, route: $0) })
        }
    }

    /// Every action of every plugin, in order.
    public var actions: [Action] { plugins.flatMap(\.actions) }
}
