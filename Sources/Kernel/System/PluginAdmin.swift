/// `system/plugin/*`: admin actions to list, install, enable, disable and uninstall plugins.
/// Each needs the admin permission `system.plugin.<action>`; changes apply to the next request.
enum PluginAdmin {
    static let nameParam = Param.string("name", required: true, maxLength: 60, "Plugin name")

    static var routes: [Route] {
        [
            Route("plugin", "list", access: .admin(), summary: "Every plugin: installed, enabled, version, source", handler: list),
            Route("plugin", "install", access: .admin(), params: [nameParam], summary: "Install and enable a plugin", handler: install),
            Route("plugin", "enable", access: .admin(), params: [nameParam], summary: "Enable an installed plugin") {
                try await setEnabled($0, true)
            },
            Route("plugin", "disable", access: .admin(), params: [nameParam], summary: "Disable a plugin: its actions answer -11") {
                try await setEnabled($0, false)
            },
            Route(
                "plugin", "uninstall", access: .admin(),
                params: [nameParam, .boolean("keep_data", "Keep its tables (or a remote plugin's registration)")],
                summary: "Uninstall a plugin", handler: uninstall),
            Route("plugin", "config", access: .admin(), params: [nameParam], summary: "A plugin's config and its schema", handler: PluginConfigAdmin.read),
            Route(
                "plugin", "saveconfig", access: .admin(), params: [nameParam, .object("config", required: true, "Keys to change")],
                summary: "Change a plugin's config (checked against its schema)", handler: PluginConfigAdmin.save),
            Route(
                "plugin", "register", access: .admin(), params: RemoteRegister.params,
                summary: "Register a remote plugin; answers its secret once", handler: RemoteRegister.handle),
        ]
    }

    static func list(_ context: ActionContext) async throws -> Reply {
        let registry = context.services.registry
        try await registry.refresh()
        return .ok(.array(registry.list().map(describe)))
    }

    /// One plugin as the admin list shows it.
    static func describe(_ info: PluginRegistry.Info) -> JSON {
        var line: JSONObject = [
            "name": .string(info.manifest.name), "title": .string(info.manifest.title),
            "version": .string(info.manifest.version), "installed_version": JSON(info.state?.version),
            "source": .string(info.source.rawValue), "installed": .bool(info.state?.installed ?? false),
            "enabled": .bool(info.state?.enabled ?? false), "author": .string(info.manifest.author),
            "description": .string(info.manifest.description),
        ]
        if let remote = info.remote {
            line["actions"] = remote.json["actions"]
            line["events"] = remote.json["events"]
        }
        return .object(line)
    }

    static func install(_ context: ActionContext) async throws -> Reply {
        let name = try context.params.requiredString("name")
        let registry = context.services.registry
        try await registry.install(name, services: context.services)
        return .ok(describe(try info(name, registry)))
    }

    static func setEnabled(_ context: ActionContext, _ enabled: Bool) async throws -> Reply {
        let name = try context.params.requiredString("name")
        let registry = context.services.registry
        try await registry.setEnabled(name, enabled, clock: context.services.clock)
        return .ok(describe(try info(name, registry)))
    }

    static func uninstall(_ context: ActionContext) async throws -> Reply {
        let name = try context.params.requiredString("name")
        let keepData = try context.params.bool("keep_data") ?? false
        try await context.services.registry.uninstall(name, keepData: keepData, clock: context.services.clock)
        return .ok(["name": .string(name), "installed": false, "data_kept": .bool(keepData)])
    }

    /// The list line of `name`, which must be known.
    static func info(_ name: String, _ registry: PluginRegistry) throws -> PluginRegistry.Info {
        guard let info = registry.list().first(where: { $0.manifest.name == name }) else {
            throw KernelError(code: .pluginUnknown, message: KernelMessages.pluginUnknown(name))
        }
        return info
    }
}
