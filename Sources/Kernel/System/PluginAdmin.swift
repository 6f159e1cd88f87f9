import PluginSDK

/// `system/plugin/*`: admin actions to list, configure, disable, enable, uninstall and install
/// plugins. Each needs the admin permission `system.plugin.<action>`; changes apply to the next
/// request, in this process and (within a second) in every other one on the database.
enum PluginAdmin {
    static let nameParam = Param.string("name", required: true, maxLength: 60, "Plugin name")

    static func routes(_ kernel: KernelLink) -> [Route] {
        [
            Route("plugin", "list", access: .admin(), summary: "Every plugin: installed, enabled, version, source") { _ in
                let registry = kernel.access.registry
                try await registry.refresh()
                return .ok(.array(registry.list().map(describe)))
            },
            Route("plugin", "config", access: .admin(), params: [nameParam], summary: "A plugin's config and its schema") {
                try await PluginConfigAdmin.read($0, kernel.access)
            }.example(["name": "invoice"]),
            Route(
                "plugin", "saveconfig", access: .admin(), params: [nameParam, .object("config", required: true, "Keys to change")],
                summary: "Change a plugin's config (checked against its schema)"
            ) { try await PluginConfigAdmin.save($0, kernel.access) }.example(["name": "invoice", "config": ["attachment_max_bytes": 524_288]]),
            Route("plugin", "disable", access: .admin(), params: [nameParam], summary: "Disable a plugin: its actions answer -11") {
                try await setEnabled($0, false, kernel.access)
            }.example(["name": "copy"]),
            Route("plugin", "enable", access: .admin(), params: [nameParam], summary: "Enable an installed plugin") {
                try await setEnabled($0, true, kernel.access)
            }.example(["name": "copy"]),
            Route(
                "plugin", "uninstall", access: .admin(),
                params: [nameParam, .boolean("keep_data", "Keep its tables (or a remote plugin's registration)")],
                summary: "Uninstall a plugin"
            ) { context in
                let name = try context.params.requiredString("name")
                let keepData = try context.params.bool("keep_data") ?? false
                let access = kernel.access
                try await access.registry.uninstall(name, keepData: keepData, clock: access.clock)
                return .ok(["name": .string(name), "installed": false, "data_kept": .bool(keepData)])
            }.example(["name": "copy", "keep_data": true]),
            Route("plugin", "install", access: .admin(), params: [nameParam], summary: "Install and enable a plugin") { context in
                let name = try context.params.requiredString("name")
                try await kernel.access.install(name)
                return .ok(describe(try info(name, kernel.access.registry)))
            }.example(["name": "copy"]),
        ]
    }

    /// One plugin as the admin list shows it.
    static func describe(_ info: PluginRegistry.Info) -> JSON {
        var line: JSONObject = [
            "name": .string(info.manifest.name), "title": .string(info.manifest.title),
            "version": .string(info.manifest.version), "installed_version": JSON(info.state?.version),
            "source": .string(info.source), "installed": .bool(info.state?.installed ?? false),
            "enabled": .bool(info.state?.enabled ?? false), "author": .string(info.manifest.author),
            "description": .string(info.manifest.description),
        ]
        if let details = info.plugin as? any PluginListDetails {
            for (key, value) in details.listDetails { line[key] = value }
        }
        return .object(line)
    }

    static func setEnabled(_ context: ActionContext, _ enabled: Bool, _ kernel: KernelAccess) async throws -> Reply {
        let name = try context.params.requiredString("name")
        try await kernel.registry.setEnabled(name, enabled, clock: kernel.clock)
        return .ok(describe(try info(name, kernel.registry)))
    }

    /// The list line of `name`, which must be known.
    static func info(_ name: String, _ registry: PluginRegistry) throws -> PluginRegistry.Info {
        guard let info = registry.list().first(where: { $0.manifest.name == name }) else {
            throw KernelError(code: .pluginUnknown, message: KernelMessages.pluginUnknown(name))
        }
        return info
    }
}

/// A plugin with more to show in the admin's plugin list than its manifest (a remote plugin's
/// actions and events).
public protocol PluginListDetails: Plugin {
    var listDetails: JSONObject { get }
}
