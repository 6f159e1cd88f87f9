import Storage

/// A plugin: a manifest, a route table, its migrations, default config and hooks.
/// Register one by adding it to the list handed to `Kernel` (see `BuiltInPlugins`, docs/plugins.md).
public protocol Plugin: Sendable {
    var manifest: PluginManifest { get }
    /// Every callable action. Nothing else of the plugin is reachable.
    var routes: [Route] { get }
    /// Schema changes, named `<plugin>/NNN-what`, applied in order on install and at start.
    var migrations: [Migration] { get }
    /// Config used when `config/plugins/<name>.json` is missing.
    var defaultConfig: JSON { get }
    /// The keys its config may hold, checked when an admin saves it; nil accepts any object.
    var configSchema: [Param]? { get }
    /// Subscribes the plugin's listeners to the hook bus; called once at start.
    func registerHooks(on bus: HookBus)
    /// The same with the kernel's services at hand, for listeners that store something; called
    /// once at start instead of `registerHooks(on:)`, which the default implementation calls.
    func registerHooks(with services: KernelServices)
    /// Runs before install; throw a `KernelError` to veto it.
    func willInstall(_ services: KernelServices) async throws
}

extension Plugin {
    public var migrations: [Migration] { [] }
    public var defaultConfig: JSON { .emptyObject }
    public var configSchema: [Param]? { nil }
    public func registerHooks(on bus: HookBus) {}
    public func registerHooks(with services: KernelServices) { registerHooks(on: services.hooks) }
    public func willInstall(_ services: KernelServices) async throws {}
}
