import Foundation
import Storage

/// The plugins compiled into this server and their state (installed, enabled, config), kept in
/// the `plugins` table and cached here. Changes made by this process apply to the next request;
/// changes made by another process (the CLI) are picked up within a second.
public final class PluginRegistry: Sendable {
    /// A plugin's state as stored.
    public struct State: Sendable, Equatable {
        public var installed: Bool
        public var enabled: Bool
        public var version: String
        public var config: JSON
    }

    /// One line of the plugin list.
    public struct Info: Sendable {
        public let manifest: PluginManifest
        public let state: State?
        public let source: String
    }

    struct Entry: Sendable {
        let plugin: any Plugin
        let routes: RouteTable
    }

    /// Names a plugin may not take: they would collide with the kernel's own tables.
    static let reservedNames: Set<String> = ["kernel", "plugins", "users", "admins", "tokens", "stores", "api_keys", "migrations", "sqlite"]

    let entries: [String: Entry]
    let order: [String]
    private let states = LockedValue<[String: State]>([:])
    private let refreshedAt = LockedValue<Double>(0)
    private let pool: DatabasePool
    private let configDir: String

    init(plugins: [any Plugin], pool: DatabasePool, configDir: String) throws {
        var entries: [String: Entry] = [:]
        for plugin in plugins {
            let name = plugin.manifest.name
            guard Self.isValidName(name), !Self.reservedNames.contains(name), entries[name] == nil else {
                throw KernelError.invalid(LocalizedText(verbatim: "plugin name '\(name)' is invalid, reserved or taken"))
            }
            entries[name] = Entry(plugin: plugin, routes: RouteTable(plugin.routes))
        }
        self.entries = entries
        self.order = plugins.map(\.manifest.name)
        self.pool = pool
        self.configDir = configDir
    }

    /// `^[a-z0-9_]{1,60}$`: the only names that reach any lookup.
    public static func isValidName(_ name: String) -> Bool {
        let bytes = name.utf8
        return (1...60).contains(bytes.count)
            && bytes.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 95 }
    }

    // MARK: - Lookup

    /// The compiled-in plugin called `name` and its cached state.
    func lookup(_ name: String) -> (entry: Entry, state: State?)? {
        guard let entry = entries[name] else { return nil }
        return (entry, states.withLock { $0[name] })
    }

    /// Every compiled-in plugin with its state, in registration order.
    public func list() -> [Info] {
        let current = states.withLock { $0 }
        return order.compactMap { name in
            entries[name].map { Info(manifest: $0.plugin.manifest, state: current[name], source: "builtin") }
        }
    }

    /// The routes of a plugin, sorted by control and action.
    public func routes(of name: String) -> [Route] {
        entries[name]?.routes.all ?? []
    }

    /// The current state of a plugin.
    public func state(of name: String) -> State? {
        states.withLock { $0[name] }
    }

    // MARK: - State

    /// Reloads every plugin's state from storage.
    public func refresh() async throws {
        let rows = try await pool.read { database in
            try database.query("SELECT name, version, installed, enabled, config FROM plugins")
        }
        var loaded: [String: State] = [:]
        for row in rows {
            guard let name = row.string("name") else { continue }
            let config = (try? JSON.parse(Array((row.string("config") ?? "{}").utf8))) ?? .emptyObject
            loaded[name] = State(
                installed: row.bool("installed"), enabled: row.bool("enabled"),
                version: row.string("version") ?? "", config: config)
        }
        states.withLock { $0 = loaded }
        refreshedAt.withLock { $0 = Date().timeIntervalSince1970 }
    }

    /// Refreshes when the cache is older than `maxAge` seconds (another process may have changed it).
    func refreshIfStale(maxAge: Double = 1) async {
        let now = Date().timeIntervalSince1970
        let stale = refreshedAt.withLock { last -> Bool in
            guard now - last > maxAge else { return false }
            last = now
            return true
        }
        if stale { try? await refresh() }
    }

    /// Brings storage in line with the compiled-in plugins at start: installs new ones when
    /// `autoInstall` is on, and applies pending migrations of installed ones.
    func bootstrap(services: KernelServices, autoInstall: Bool) async throws {
        try await refresh()
        for name in order {
            guard let entry = entries[name] else { continue }
            if let state = state(of: name) {
                if state.installed { try await Migrator.migrate(pool, entry.plugin.migrations) }
            } else if autoInstall {
                try await install(name, services: services)
            }
        }
    }

    /// Runs the plugin's install veto and migrations, and marks it installed and enabled.
    public func install(_ name: String, services: KernelServices) async throws {
        guard let entry = entries[name] else { throw KernelError(code: .pluginUnknown, message: KernelMessages.pluginUnknown(name)) }
        try await entry.plugin.willInstall(services)
        try await Migrator.migrate(pool, entry.plugin.migrations)
        let config = defaultConfig(for: entry.plugin).text
        let version = entry.plugin.manifest.version
        let now = services.clock.unixSeconds()
        try await pool.write { database in
            try database.execute(
                """
                INSERT INTO plugins (name, version, source, installed, enabled, config, installed_at, updated_at)
                VALUES (?, ?, 'builtin', 1, 1, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET installed = 1, enabled = 1, version = excluded.version,
                    installed_at = excluded.installed_at, updated_at = excluded.updated_at
                """, name, version, config, now, now)
        }
        try await refresh()
    }

    /// Enables or disables an installed plugin.
    public func setEnabled(_ name: String, _ enabled: Bool, clock: KernelClock) async throws {
        if !enabled { try Self.refuseForKernel(name) }
        let now = clock.unixSeconds()
        let changed = try await pool.write { database in
            try database.execute("UPDATE plugins SET enabled = ?, updated_at = ? WHERE name = ? AND installed = 1", enabled, now, name)
            return database.changes
        }
        guard changed > 0 else { throw KernelError(code: .pluginUnknown, message: KernelMessages.pluginUnknown(name)) }
        try await refresh()
    }

    /// Uninstalls a plugin; unless `keepData`, drops its tables and forgets its migrations.
    public func uninstall(_ name: String, keepData: Bool, clock: KernelClock) async throws {
        try Self.refuseForKernel(name)
        guard entries[name] != nil, state(of: name)?.installed == true else {
            throw KernelError(code: .pluginUnknown, message: KernelMessages.pluginUnknown(name))
        }
        let now = clock.unixSeconds()
        try await pool.write { database in
            if keepData {
                try database.execute("UPDATE plugins SET installed = 0, enabled = 0, updated_at = ? WHERE name = ?", now, name)
            } else {
                for table in try database.tableNames(withPrefix: name + "_") { try database.dropTable(table) }
                try database.execute("DELETE FROM migrations WHERE plugin = ?", name)
                try database.execute("DELETE FROM plugins WHERE name = ?", name)
            }
        }
        try await refresh()
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

    /// Replaces a plugin's config.
    public func saveConfig(_ name: String, _ config: JSON, clock: KernelClock) async throws {
        let text = config.text
        let now = clock.unixSeconds()
        try await pool.write { database in
            try database.execute("UPDATE plugins SET config = ?, updated_at = ? WHERE name = ?", text, now, name)
        }
        try await refresh()
    }

    /// The plugin's shipped defaults: `<configDir>/plugins/<name>.json`, else its built-in default.
    func defaultConfig(for plugin: any Plugin) -> JSON {
        let path = URL(fileURLWithPath: configDir).appendingPathComponent("plugins/\(plugin.manifest.name).json")
        if let data = try? Data(contentsOf: path), let config = try? JSON.parse(Array(data)) { return config }
        return plugin.defaultConfig
    }
}
