import Kernel
import PluginSDK
import Storage

/// Remote plugins as a part of the host: their table, the registrations loaded as plugins, and
/// `system/plugin/register`.
public struct RemotePluginsModule: KernelModule {
    public init() {}

    public var migrations: [Migration] { RemoteMigrations.all }

    public var pluginSource: (any DynamicPluginSource)? { RemoteSource() }

    /// Registers a remote plugin from its manifest (the command line's `plugin register`);
    /// answers its name, version and the secret its calls are signed with (shown once).
    public static func register(manifest: JSON, baseURL: String, kernel: KernelAccess) async throws -> (name: String, version: String, secret: String) {
        let parsed = try RemoteManifest.parse(manifest)
        return (parsed.name, parsed.version, try await RemoteRegister.register(parsed, baseURL: baseURL, kernel: kernel))
    }

    public func systemRoutes(_ kernel: KernelLink) -> [Route] {
        [
            Route(
                "plugin", "register", access: .admin(), params: RemoteRegister.params,
                summary: "Register a remote plugin; answers its secret once"
            ) { try await RemoteRegister.handle($0, kernel: kernel.access) }
        ]
    }
}

/// The registrations in `remote_plugins`, as plugins.
struct RemoteSource: DynamicPluginSource {
    var sourceName: String { RemoteRegistration.sourceName }

    func loadPlugins(_ db: Database) throws -> [any Plugin] {
        try RemoteRegistration.loadAll(db).map(RemotePlugin.init)
    }

    func forget(_ name: String, in db: Database) throws {
        try RemoteRegistration.delete(db, name: name)
    }
}
