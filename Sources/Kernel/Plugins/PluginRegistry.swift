import Foundation
import Storage

/// Every plugin the kernel knows - compiled in, or registered remotely by an admin - and its
/// state (installed, enabled, config), kept in the `plugins` table and cached here. Changes made
/// by this process apply to the next request; changes made by another process (the CLI) are
/// picked up within a second.
public final class PluginRegistry: Sendable {
    /// A plugin's state as stored.
    public struct State: Sendable, Equatable {
        public var installed: Bool
        public var enabled: Bool
        /// The version installed (which may lag the compiled-in one until migrations ran).
        public var version: String
        public var config: JSON
    }

    /// Where a plugin comes from.
    public enum Source: String, Sendable {
        /// Compiled into this server.
        case builtin
        /// Registered at run time; its actions are forwarded over HTTP.
        case remote
    }

    /// One line of the plugin list.
    public struct Info: Sendable {
        public let manifest: PluginManifest
        public let state: State?
        public let source: Source
        /// The remote plugin's manifest (actions, events), for remote plugins.
        public let remote: RemoteManifest?
    }

    struct Entry: Sendable {
        let plugin: any Plugin
        let routes: RouteTable
        let source: Source
    }

    /// Names a plugin may not take: they would collide with the kernel's own tables.
    static let reservedNames: Set<String> = [
        "kernel", "plugins", "users", "admins", "tokens", "stores", "api_keys", "migrations", "sqlite", "remote", "remote_plugins",
    ]

    let entries: [String: Entry]
    let order: [String]
    private let remotes = LockedValue<[String: Entry]>([:])
    private let remoteRegistrations = LockedValue<[RemoteRegistration]>([])
    private let states = LockedValue<[String: State]>([:])
    private let refreshedAt = LockedValue<Double>(0)
    private let pool: DatabasePool
    private let configDir: String
    private let hooks: HookBus
    private let clock: KernelClock

    init(plugins: [any Plugin], pool: DatabasePool, configDir: String, hooks: HookBus, clock: KernelClock) throws {
        var entries: [String: Entry] = [:]
        for plugin in plugins {
            let name = plugin.manifest.name
            guard Self.isValidName(name), !Self.reservedNames.contains(name), entries[name] == nil else {
                throw KernelError.invalid(LocalizedText(verbatim: "plugin name '\(name)' is invalid, reserved or taken"))
            }
            entries[name] = Entry(plugin: plugin, routes: RouteTable(plugin.routes), source: .builtin)
        }
        self.entries = entries
        self.order = plugins.map(\.manifest.name)
        self.pool = pool
        self.configDir = configDir
        self.hooks = hooks
        self.clock = clock
        hooks.setOwnerGate { [weak self] owner in self?.hooksRun(for: owner) ?? true }
    }

    /// `^[a-z0-9_]{1,60}$`: the only names that reach any lookup.
    public static func isValidName(_ name: String) -> Bool {
        let bytes = name.utf8
        return (1...60).contains(bytes.count)
            && bytes.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 95 }
    }

    // MARK: - Lookup

    /// The plugin called `name` (compiled in or remote) and its cached state.
    func lookup(_ name: String) -> (entry: Entry, state: State?)? {
        guard let entry = entries[name] ?? remotes.withLock({ $0[name] }) else { return nil }
        return (entry, states.withLock { $0[name] })
    }

    /// Every plugin with its state: the compiled-in ones in registration order, then the remote
    /// ones by name.
    public func list() -> [Info] {
        let current = states.withLock { $0 }
        let builtin = order.compactMap { name in
            entries[name].map { Info(manifest: $0.plugin.manifest, state: current[name], source: .builtin, remote: nil) }
        }
        let remote = remoteRegistrations.withLock { $0 }.map { registration in
            Info(
                manifest: registration.manifest.pluginManifest, state: current[registration.manifest.name], source: .remote,
                remote: registration.manifest)
        }
        return builtin + remote
    }

    /// The routes of a plugin, sorted by control and action.
    public func routes(of name: String) -> [Route] {
        lookup(name)?.entry.routes.all ?? []
    }

    /// The current state of a plugin.
    public func state(of name: String) -> State? {
        states.withLock { $0[name] }
    }

    /// Whether hook handlers owned by `owner` may run: not when it names a plugin that is
    /// disabled or not installed.
    func hooksRun(for owner: String) -> Bool {
        guard lookup(owner) != nil else { return true }
        guard let state = state(of: owner) else { return false }
        return state.installed && state.enabled
    }

    /// The config schema of a plugin (nil: any object).
    public func configSchema(of name: String) -> [Param]? {
        lookup(name)?.entry.plugin.configSchema
    }

    // MARK: - State

    /// Reloads every plugin's state and the remote registrations from storage.
    public func refresh() async throws {
        let (rows, registrations) = try await pool.read { database in
            (try database.query("SELECT name, version, installed, enabled, config FROM plugins"), try RemoteRegistration.loadAll(database))
        }
        var loaded: [String: State] = [:]
        for row in rows {
            guard let name = row.string("name") else { continue }
            let config = (try? JSON.parse(Array((row.string("config") ?? "{}").utf8))) ?? .emptyObject
            loaded[name] = State(
                installed: row.bool("installed"), enabled: row.bool("enabled"),
                version: row.string("version") ?? "", config: config)
        }
        let usable = registrations.filter { entries[$0.manifest.name] == nil }
        let previous = remoteRegistrations.withLock { current -> [RemoteRegistration]? in
            guard current != usable else { return nil }
            defer { current = usable }
            return current
        }
        if let previous {
            for registration in previous { hooks.removeHandlers(named: RemoteEvents.handlerName(registration.manifest.name)) }
            for registration in usable { RemoteEvents.subscribe(registration, hooks: hooks, storage: pool, clock: clock) }
            var built: [String: Entry] = [:]
            for registration in usable {
                let plugin = RemotePlugin(registration: registration)
                built[registration.manifest.name] = Entry(plugin: plugin, routes: RouteTable(plugin.routes), source: .remote)
            }
            remotes.withLock { $0 = built }
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

    // MARK: - Lifecycle

    /// Installs (or reinstalls) a plugin: asks the `pluginInstall` veto hook and the plugin's
    /// own `willInstall`, runs its migrations, and marks it installed and enabled.
    public func install(_ name: String, services: KernelServices) async throws {
        try await refresh()
        guard let (entry, _) = lookup(name) else { throw KernelError(code: .pluginUnknown, message: KernelMessages.pluginUnknown(name)) }
        let version = entry.plugin.manifest.version
        try await hooks.check(.pluginInstall, PluginInstallation(name: name, version: version, source: entry.source.rawValue))
        try await entry.plugin.willInstall(services)
        try await Migrator.migrate(pool, entry.plugin.migrations)
        let config = defaultConfig(for: entry.plugin).text
        let now = services.clock.unixSeconds()
        let source = entry.source.rawValue
        try await pool.write { database in
            try database.execute(
                """
                INSERT INTO plugins (name, version, source, installed, enabled, config, installed_at, updated_at)
                VALUES (?, ?, ?, 1, 1, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET installed = 1, enabled = 1, version = excluded.version,
                    installed_at = excluded.installed_at, updated_at = excluded.updated_at
                """, name, version, source, config, now, now)
        }
        try await refresh()
    }

    /// Stores a remote plugin and installs it (enabled); answers the secret the kernel signs its
    /// calls with, which is shown this once. The name must not belong to a compiled-in plugin, a
    /// kernel table or another remote plugin.
    public func register(_ manifest: RemoteManifest, baseURL: String, services: KernelServices) async throws -> String {
        let name = manifest.name
        try await refresh()
        guard !Self.reservedNames.contains(name), lookup(name) == nil, state(of: name) == nil else { throw RemoteMessages.nameTaken(name) }
        try await hooks.check(.pluginInstall, PluginInstallation(name: name, version: manifest.version, source: Source.remote.rawValue))
        let registration = RemoteRegistration(
            manifest: manifest, baseURL: try RemoteRegistration.checkedBaseURL(baseURL), secret: SecureToken.generate(prefix: "rps_"))
        let now = services.clock.unixSeconds()
        try await pool.write { database in
            try registration.insert(database, now: now)
            try database.execute(
                """
                INSERT INTO plugins (name, version, source, installed, enabled, config, installed_at, updated_at)
                VALUES (?, ?, 'remote', 1, 1, '{}', ?, ?)
                """, name, manifest.version, now, now)
        }
        try await refresh()
        return registration.secret
    }

    /// Enables or disables an installed plugin; the next request sees it.
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

    /// Uninstalls a plugin. With `keepData` its tables (or a remote plugin's registration) stay
    /// and a later install brings it back as it was; otherwise its tables are dropped, its
    /// migrations forgotten and a remote plugin's registration deleted.
    public func uninstall(_ name: String, keepData: Bool, clock: KernelClock) async throws {
        try Self.refuseForKernel(name)
        try await refresh()
        guard let (entry, state) = lookup(name), let state, state.installed || !keepData else {
            throw KernelError(code: .pluginUnknown, message: KernelMessages.pluginUnknown(name))
        }
        let now = clock.unixSeconds()
        let source = entry.source
        try await pool.write { database in
            if keepData {
                try database.execute("UPDATE plugins SET installed = 0, enabled = 0, updated_at = ? WHERE name = ?", now, name)
            } else {
                if source == .builtin {
                    for table in try database.tableNames(withPrefix: name + "_") { try database.dropTable(table) }
                    try database.execute("DELETE FROM migrations WHERE plugin = ?", name)
                } else {
                    try RemoteRegistration.delete(database, name: name)
                }
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
        try await saveConfig(name, .object(config), clock: clock)
        return .object(config)
    }

    /// Replaces a plugin's config as it is (no schema check).
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
