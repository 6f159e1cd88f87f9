import Storage

/// A plugin: a manifest, a route table, its migrations, default config and hooks.
/// Register one by adding it to the list handed to `Kernel` (see `BuiltInPlugins`).
public protocol Plugin: Sendable {
    var manifest: PluginManifest { get }
    /// Every callable action. Nothing else of the plugin is reachable.
    var routes: [Route] { get }
    /// Schema changes, named `<plugin>/NNN-what`, applied in order on install and at start.
    var migrations: [Migration] { get }
    /// Config used when `config/plugins/<name>.json` is missing.
    var defaultConfig: JSON { get }
    /// Subscribes the plugin's listeners to the hook bus; called once at start.
    func registerHooks(on bus: HookBus)
    /// Runs before install; throw a `KernelError` to veto it.
    func willInstall(_ services: KernelServices) async throws
}

extension Plugin {
    public var migrations: [Migration] { [] }
    public var defaultConfig: JSON { .emptyObject }
    public func registerHooks(on bus: HookBus) {}
    public func willInstall(_ services: KernelServices) async throws {}
}
