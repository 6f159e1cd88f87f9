@_exported import Storage


/// A plugin: a manifest, a route table, its migrations, default config and what it hooks into.
/// Register one by adding it to the list handed to the server (see `BuiltInPlugins` in
/// `InvoiceServerCLI`, and docs/plugins.md).
///
/// A plugin sees only what `PluginServices` lends it: its own tables, the hooks, typed services
/// of other plugins, read-only account lookups, the outbox, a logger and a clock. Accounts,
/// other plugins' tables and the plugin registry stay with the host.
public protocol Plugin: Sendable {
    var manifest: PluginManifest { get }
    /// Every callable action. Nothing else of the plugin is reachable.
    var routes: [Route] { get }
    /// Schema changes, named `<plugin>/NNN-what`, applied in order on install and at start, each
    /// limited to the plugin's own tables (`<plugin>_...`).
    var migrations: [Migration] { get }
    /// Config used when `config/plugins/<name>.json` is missing.
    var defaultConfig: JSON { get }
    /// The keys its config may hold, checked when an admin saves it; nil accepts any object.
    var configSchema: [Param]? { get }
    /// Subscribes listeners, filters and vetoes and offers services (`services.hooks`); called
    /// once at start, with the plugin's own services.
    func register(with services: PluginServices)
    /// Runs before install; throw a `KernelError` to veto it.
    func willInstall(_ services: PluginServices) async throws
}

extension Plugin {
    public var migrations: [Migration] { [] }
    public var defaultConfig: JSON { .emptyObject }
    public var configSchema: [Param]? { nil }
    public func register(with services: PluginServices) {}
    public func willInstall(_ services: PluginServices) async throws {}
}
