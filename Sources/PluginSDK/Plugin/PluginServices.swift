import Logging
import Storage

/// What the kernel lends one plugin - and nothing more: its own tables (`storage`), the hook bus
/// under its own name (`hooks`: events, filters, vetoes, typed services of other plugins),
/// read-only lookups of users and stores (`accounts`), the durable outbox, caches kept coherent
/// across processes, a logger and the clock. Made by the kernel; a plugin cannot make one for
/// another plugin's name.
public struct PluginServices: Sendable {
    /// The plugin these services belong to.
    public let plugin: String
    /// The plugin's own tables.
    public let storage: PluginStorage
    /// The hook bus, with handlers named after this plugin.
    public let hooks: PluginHooks
    /// Users and stores, read only.
    public let accounts: any AccountDirectory
    /// Webhooks, SMS and email written in the caller's transaction and delivered later.
    public let outbox: any OutboxQueue
    /// Values kept in memory and dropped when any process changes them.
    public let caches: PluginCaches
    public let logger: Logger
    public let clock: KernelClock
    let host: any PluginHost

    package init(
        plugin: String, storage: PluginStorage, hooks: PluginHooks, accounts: any AccountDirectory, outbox: any OutboxQueue,
        caches: PluginCaches, logger: Logger, clock: KernelClock, host: any PluginHost
    ) {
        self.plugin = plugin
        self.storage = storage
        self.hooks = hooks
        self.accounts = accounts
        self.outbox = outbox
        self.caches = caches
        self.logger = logger
        self.clock = clock
        self.host = host
    }

    /// The plugin's config as stored now (checked against its schema when it was saved).
    public var config: JSON { host.config(of: plugin) }

    /// Whether the plugin is installed and enabled now.
    public var isEnabled: Bool { host.isEnabled(plugin) }

    /// What a -400 answer carries as `data`: where clients send the user to log in.
    public var loginURL: String { host.loginURL }

    /// The server's time zone (`time_zone` of the server config, UTC unless set): a store's zone
    /// until the store names its own.
    public var defaultTimeZone: TimeZoneRules { host.defaultTimeZone }

    /// Changes the plugin's own config: the keys of `changes` replace the stored ones (null
    /// removes one), the others stay, and the result must fit the plugin's `configSchema`
    /// (-5000 naming the key otherwise, and nothing is saved). Answers the saved config.
    @discardableResult
    public func saveConfig(_ changes: JSONObject) async throws -> JSON {
        try await host.saveConfig(of: plugin, changes: changes)
    }
}

/// The kernel's side of `PluginServices`: plugin state and server settings.
package protocol PluginHost: Sendable {
    func config(of plugin: String) -> JSON
    func isEnabled(_ plugin: String) -> Bool
    var loginURL: String { get }
    var defaultTimeZone: TimeZoneRules { get }
    func saveConfig(of plugin: String, changes: JSONObject) async throws -> JSON
}
