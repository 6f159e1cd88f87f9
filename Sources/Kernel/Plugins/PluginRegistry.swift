import Foundation
import PluginSDK
import Storage
import Synchronization

/// Every plugin the kernel knows - compiled in, or loaded from a dynamic source (remote plugins)
/// - and its state (installed, enabled, config), kept in the `plugins` table and held here in
/// memory. Requests never read plugin state from storage: every change bumps the
/// `kernel.plugins` generation in its write, so this process reloads right after its own
/// changes and other processes' changes (the CLI) within a second.
public final class PluginRegistry: Sendable {
    /// A plugin's state as stored.
    public struct State: Sendable, Equatable {
        public var installed: Bool
        public var enabled: Bool
        /// The version installed (which may lag the compiled-in one until migrations ran); empty
        /// after an uninstall that dropped the plugin's data.
        public var version: String
        public var config: JSON
    }

    /// One line of the plugin list.
    public struct Info: Sendable {
        public let plugin: any Plugin
        public let state: State?
        /// `builtin`, or the dynamic source's name (`remote`).
        public let source: String
        public var manifest: PluginManifest { plugin.manifest }
    }

    struct Entry: Sendable {
        let plugin: any Plugin
        let routes: RouteTable
        let source: String
    }

    static let cacheName = "kernel.plugins"
    static let builtinSource = "builtin"

    /// Names a plugin may not take: they would collide with the kernel's own tables.
    static let reservedNames: Set<String> = [
        "kernel", "plugins", "users", "admins", "tokens", "stores", "api_keys", "migrations", "sqlite", "remote", "remote_plugins",
        "cache", "cache_generations", "outbox",
    ]

    let entries: [String: Entry]
    /// Compiled-in plugin names in registration order.
    let order: [String]
    private let sources: [any DynamicPluginSource]
    private let dynamic = Mutex<[String: Entry]>([:])
    private let states = Mutex<[String: State]>([:])
    private let loadedGeneration = Mutex<Int64>(-1)
    private let writer: any DatabaseWriter
    private let caches: SharedCaches
    private let configDir: String
    /// Called with each dynamic plugin that appears, and with the name of each that goes.
    private let onDynamicChange: @Sendable (_ added: [any Plugin], _ removed: [String]) -> Void

    init(
        plugins: [any Plugin], sources: [any DynamicPluginSource], writer: any DatabaseWriter, caches: SharedCaches, configDir: String,
        onDynamicChange: @escaping @Sendable ([any Plugin], [String]) -> Void
    ) throws {
        var entries: [String: Entry] = [:]
        for plugin in plugins {
            let name = plugin.manifest.name
            guard PluginName.isValid(name), !Self.reservedNames.contains(name), entries[name] == nil else {
                throw KernelError.invalid(LocalizedText(verbatim: "plugin name '\(name)' is invalid, reserved or taken"))
            }
            entries[name] = Entry(plugin: plugin, routes: RouteTable(plugin.routes), source: Self.builtinSource)
        }
        self.entries = entries
        self.order = plugins.map(\.manifest.name)
        self.sources = sources
        self.writer = writer
        self.caches = caches
        self.configDir = configDir
        self.onDynamicChange = onDynamicChange
    }

    // MARK: - Lookup

    /// The plugin called `name` (compiled in or dynamic) and its state.
    func lookup(_ name: String) -> (entry: Entry, state: State?)? {
        guard let entry = entries[name] ?? dynamic.withLock({ $0[name] }) else { return nil }
        return (entry, states.withLock { $0[name] })
    }

    /// Every plugin with its state: the compiled-in ones in registration order, then the dynamic
    /// ones by name.
    public func list() -> [Info] {
        let current = states.withLock { $0 }
        let builtin = order.compactMap { name in entries[name].map { Info(plugin: $0.plugin, state: current[name], source: $0.source) } }
        let others = dynamic.withLock { $0 }.sorted { $0.key < $1.key }.map { name, entry in
            Info(plugin: entry.plugin, state: current[name], source: entry.source)
        }
        return builtin + others
    }

    /// The routes of a plugin, sorted by control and action.
    public func routes(of name: String) -> [Route] {
        lookup(name)?.entry.routes.all ?? []
    }

    /// The current state of a plugin.
    public func state(of name: String) -> State? {
        states.withLock { $0[name] }
    }

    /// Whether handlers owned by `owner` may run: not when it names a plugin that is disabled or
    /// not installed. Names that name no plugin (the kernel's own) always run.
    func handlersRun(for owner: String) -> Bool {
        guard lookup(owner) != nil else { return true }
        guard let state = state(of: owner) else { return false }
        return state.installed && state.enabled
    }

    /// The config schema of a plugin (nil: any object).
    public func configSchema(of name: String) -> [Param]? {
        lookup(name)?.entry.plugin.configSchema
    }

    // MARK: - State

    /// Whether plugin state changed since it was last loaded (a cheap in-memory check).
    var isStale: Bool {
        loadedGeneration.withLock { $0 } < caches.generation(Self.cacheName)
    }

    /// Reloads every plugin's state and the dynamic plugins from storage.
    public func refresh() async throws {
        let sources = self.sources
        let (rows, loaded, generation) = try await writer.read { db in
            try db.asHost {
                (
                    try db.query("SELECT name, version, installed, enabled, config FROM plugins"),
                    try sources.map { source in (source.sourceName, try source.loadPlugins(db)) },
                    try SharedCaches.storedGeneration(Self.cacheName, in: db)
                )
            }
        }
        var states: [String: State] = [:]
        for row in rows {
            guard let name = row.string("name") else { continue }
            let config = (try? JSON.parse(Array((row.string("config") ?? "{}").utf8))) ?? .emptyObject
            states[name] = State(
                installed: row.bool("installed"), enabled: row.bool("enabled"), version: row.string("version") ?? "", config: config)
        }
        var built: [String: Entry] = [:]
        for (source, plugins) in loaded {
            for plugin in plugins where entries[plugin.manifest.name] == nil {
                built[plugin.manifest.name] = Entry(plugin: plugin, routes: RouteTable(plugin.routes), source: source)
            }
        }
        let (added, removed) = dynamic.withLock { current -> ([any Plugin], [String]) in
            let changed = Set(current.keys).union(built.keys).filter { name in
                current[name].map { Self.describe($0.plugin) } != built[name].map { Self.describe($0.plugin) }
            }
            defer { current = built }
            return (changed.compactMap { built[$0]?.plugin }, changed.filter { current[$0] != nil })
        }
        self.states.withLock { $0 = states }
        caches.advance(Self.cacheName, to: generation)
        loadedGeneration.withLock { $0 = max($0, generation) }
        if !added.isEmpty || !removed.isEmpty { onDynamicChange(added, removed) }
    }

    /// What tells two versions of a dynamic plugin apart (its manifest, as it lists).
    private static func describe(_ plugin: any Plugin) -> String {
        let manifest = plugin.manifest
        return "\(manifest.name)|\(manifest.version)|\(String(reflecting: plugin))"
    }

    /// Brings storage in line with the compiled-in plugins at start: installs new ones when
    /// `autoInstall` is on, and applies pending migrations of installed ones.
    func bootstrap(autoInstall: Bool, clock: KernelClock, services: (String) -> PluginServices, hooks: HookBus) async throws {
        for name in order {
            if let plugin = entries[name]?.plugin { _ = try PluginConfig.shipped(for: plugin, configDir: configDir) }
        }
        try await refresh()
        for name in order {
            guard let entry = entries[name] else { continue }
            if let state = state(of: name) {
                if state.installed { try await Migrator.migrate(writer, entry.plugin.migrations, now: clock.unixSeconds()) }
            } else if autoInstall {
                try await install(name, clock: clock, services: services(name), hooks: hooks)
            }
        }
    }

    // MARK: - Changes

    /// Installs (or reinstalls) a plugin: asks the `pluginInstall` veto hook and the plugin's own
    /// `willInstall`, runs its migrations, and marks it installed and enabled.
    func install(_ name: String, clock: KernelClock, services: PluginServices, hooks: HookBus) async throws {
        try await refresh()
        guard let (entry, _) = lookup(name) else { throw KernelError(code: .pluginUnknown, message: KernelMessages.pluginUnknown(name)) }
        let version = entry.plugin.manifest.version
        try await hooks.check(VetoPoint<PluginInstallation>.pluginInstall.name, PluginInstallation(name: name, version: version, source: entry.source))
        try await entry.plugin.willInstall(services)
        try await Migrator.migrate(writer, entry.plugin.migrations, now: clock.unixSeconds())
        let config = try defaultConfig(for: entry.plugin).text
        let now = clock.unixSeconds()
        let source = entry.source
        let caches = self.caches
        try await writer.write { db in
            try db.asHost {
                try db.execute(
                    """
                    INSERT INTO plugins (name, version, source, installed, enabled, config, installed_at, updated_at)
                    VALUES (?, ?, ?, 1, 1, ?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET installed = 1, enabled = 1, version = excluded.version,
                        installed_at = excluded.installed_at, updated_at = excluded.updated_at
                    """, name, version, source, config, now, now)
                try caches.invalidate(Self.cacheName, in: db)
            }
        }
        try await refresh()
    }

    /// Writes a change of plugin state (plus whatever `body` writes), bumps the generation in the
    /// same write, and reloads.
    public func change<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let caches = self.caches
        let result = try await writer.write { db in
            try db.asHost {
                let result = try body(db)
                try caches.invalidate(Self.cacheName, in: db)
                return result
            }
        }
        try await refresh()
        return result
    }

    /// Enables or disables an installed plugin; the next request sees it.
    public func setEnabled(_ name: String, _ enabled: Bool, clock: KernelClock) async throws {
        if !enabled { try Self.refuseForKernel(name) }
        let now = clock.unixSeconds()
        let changed = try await change { db in
            try db.execute("UPDATE plugins SET enabled = ?, updated_at = ? WHERE name = ? AND installed = 1", enabled, now, name)
            return db.changes
        }
        guard changed > 0 else { throw KernelError(code: .pluginUnknown, message: KernelMessages.pluginUnknown(name)) }
    }

    /// Uninstalls a plugin. With `keepData` its tables (or a dynamic plugin's registration) stay
    /// and a later install brings it back as it was; otherwise its tables are dropped, its
    /// migrations forgotten and a dynamic plugin's registration deleted. A compiled-in plugin
    /// keeps its row (not installed, config back to its defaults), so the uninstall is
    /// remembered: automatic install happens only for a plugin the database has never seen.
    public func uninstall(_ name: String, keepData: Bool, clock: KernelClock) async throws {
        try Self.refuseForKernel(name)
        try await refresh()
        guard let (entry, state) = lookup(name), let state, state.installed || (!keepData && !state.version.isEmpty) else {
            throw KernelError(code: .pluginUnknown, message: KernelMessages.pluginUnknown(name))
        }
        let now = clock.unixSeconds()
        let source = sources.first { $0.sourceName == entry.source }
        let defaults = try defaultConfig(for: entry.plugin).text
        try await change { db in
            if keepData {
                try db.execute("UPDATE plugins SET installed = 0, enabled = 0, updated_at = ? WHERE name = ?", now, name)
            } else if let source {
                try source.forget(name, in: db)
                try db.execute("DELETE FROM plugins WHERE name = ?", name)
            } else {
                for table in try db.tableNames(withPrefix: name + "_") { try db.dropTable(table) }
                try db.execute("DELETE FROM migrations WHERE plugin = ?", name)
                try db.execute(
                    "UPDATE plugins SET installed = 0, enabled = 0, version = '', config = ?, updated_at = ? WHERE name = ?",
                    defaults, now, name)
            }
        }
    }

    /// The `system` plugin carries login and the plugin list: it stays enabled.
    private static func refuseForKernel(_ name: String) throws {
        guard name != SystemPlugin.name else {
            throw KernelError.invalid(
                LocalizedText(
                    en: "the system plugin cannot be disabled or uninstalled", zh: "系统插件不能被禁用或卸载",
                    fa: "افزونهٔ سیستم را نمی‌توان غیرفعال یا حذف کرد"))
        }
    }

    // MARK: - Config

    /// Saves a plugin's config: the keys of `changes` replace the stored ones (null removes
    /// one), the rest stay; the result must fit the plugin's schema. Answers the saved config.
    @discardableResult
    public func saveConfig(_ name: String, changes: JSONObject, clock: KernelClock) async throws -> JSON {
        try await refresh()
        guard let (entry, state) = lookup(name), let state, state.installed else {
            throw KernelError(code: .pluginUnknown, message: KernelMessages.pluginUnknown(name))
        }
        let config = PluginConfig.merged(state.config, changes)
        try PluginConfig.validate(config, schema: entry.plugin.configSchema)
        let text = JSON.object(config).text
        let now = clock.unixSeconds()
        try await change { db in
            try db.execute("UPDATE plugins SET config = ?, updated_at = ? WHERE name = ?", text, now, name)
        }
        return .object(config)
    }

    /// The plugin's shipped defaults: `<configDir>/plugins/<name>.json`, else its built-in default.
    func defaultConfig(for plugin: any Plugin) throws -> JSON {
        try PluginConfig.shipped(for: plugin, configDir: configDir) ?? plugin.defaultConfig
    }
}
