import PluginSDK

/// `system/system/plugins`: the enabled plugins and what they are, for clients deciding which
/// features to show.
enum PluginList {
    static func handle(_ kernel: KernelAccess) -> Reply {
        let plugins = kernel.registry.list().filter { $0.state?.enabled == true }
        return .ok(.array(plugins.map { info in
            [
                "name": .string(info.manifest.name),
                "title": .string(info.manifest.title),
                "version": .string(info.manifest.version),
                "author": .string(info.manifest.author),
                "description": .string(info.manifest.description),
                "client_types": .array(info.manifest.clientTypes.map { .string($0) }),
            ]
        }))
    }
}
