import Logging
import PluginSDK
import Storage
import Synchronization

/// The kernel's parts, shared by the dispatcher, the `system` plugin and the modules' actions:
/// the host's own API. Plugins never get this; they get `PluginServices`.
public final class KernelAccess: Sendable {
    public let configuration: ServerConfiguration
    /// The host's writer: every table, every plugin's.
    public let storage: any DatabaseWriter
    public let accounts: Accounts
    /// Failed logins per account and address (`system/user/login`, `system/admin/login`).
    public let loginThrottle: LoginThrottle
    public let registry: PluginRegistry
    public let hooks: HookBus
    public let caches: SharedCaches
    public let clock: KernelClock
    public let logger: Logger
    let outbox: any OutboxQueue
    private let host: RegistryHost

    init(
        configuration: ServerConfiguration, storage: any DatabaseWriter, plugins: [any Plugin], modules: [any KernelModule],
        clock: KernelClock, logger: Logger
    ) throws {
        self.configuration = configuration
        self.storage = storage
        self.clock = clock
        self.logger = logger
        let caches = SharedCaches()
        self.caches = caches
        guard let timeZone = TimeZoneRules.named(configuration.timeZone) else {
            throw KernelError.badParameter("time_zone", .malformed)
        }
        let link = RegistryHost(loginURL: configuration.loginURL, defaultTimeZone: timeZone, clock: clock)
        self.host = link
        let hooks = HookBus(
            writer: storage, clock: clock, logger: logger,
            gate: { link.registry?.handlersRun(for: $0) ?? true },
            config: { link.registry?.state(of: $0)?.config ?? .emptyObject })
        self.hooks = hooks
        self.accounts = Accounts(
            writer: storage,
            hasher: PasswordHasher(
                iterations: configuration.passwordIterations,
                gate: HashingGate(concurrency: configuration.passwordHashConcurrency, queueLimit: configuration.passwordHashQueue)),
            tokenLifetimeSeconds: configuration.tokenLifetimeSeconds, clock: clock, caches: caches)
        self.loginThrottle = LoginThrottle(policy: configuration.loginPolicy)
        self.outbox = modules.lazy.compactMap { $0.outbox(clock: clock) }.first ?? UnavailableOutbox()
        let factory = ServicesFactory(
            storage: storage, hooks: hooks, accounts: accounts, outbox: outbox, caches: caches, clock: clock, logger: logger, host: link)
        self.factory = factory
        self.registry = try PluginRegistry(
            plugins: plugins, sources: modules.compactMap(\.pluginSource), writer: storage, caches: caches,
            configDir: configuration.configDir,
            onDynamicChange: { added, removed in
                for name in removed { hooks.removeHandlers(of: name) }
                for plugin in added { plugin.register(with: factory.services(for: plugin.manifest.name)) }
            })
        link.connect(registry)
    }

    private let factory: ServicesFactory
    private let madeServices = Mutex<[String: PluginServices]>([:])

    /// What the kernel lends the plugin called `name` (made once per plugin).
    public func services(for name: String) -> PluginServices {
        if let made = madeServices.withLock({ $0[name] }) { return made }
        let services = factory.services(for: name)
        madeServices.withLock { $0[name] = services }
        return services
    }

    /// Installs (or reinstalls) a compiled-in plugin and enables it (see `PluginRegistry.install`).
    public func install(_ name: String) async throws {
        try await registry.install(name, clock: clock, services: services(for: name), hooks: hooks)
    }

    /// The language of answers to a request with these parameters: `lang`, else the server's
    /// `default_lang`, else English.
    public func language(for params: Params) -> Language {
        params.string("lang").flatMap(Language.init(parameter:)) ?? defaultLanguage
    }

    /// Whether a plugin may not take `name` (a kernel table's name, or one in use).
    public func isReservedPluginName(_ name: String) -> Bool {
        PluginRegistry.reservedNames.contains(name) || !PluginName.isValid(name)
    }

    /// The server's `default_lang`.
    public var defaultLanguage: Language {
        Language(parameter: configuration.defaultLanguage) ?? .en
    }
}

/// Builds each plugin's `PluginServices` from the kernel's parts.
struct ServicesFactory: Sendable {
    let storage: any DatabaseWriter
    let hooks: HookBus
    let accounts: Accounts
    let outbox: any OutboxQueue
    let caches: SharedCaches
    let clock: KernelClock
    let logger: Logger
    let host: RegistryHost

    func services(for name: String) -> PluginServices {
        var logger = self.logger
        logger[metadataKey: "plugin"] = "\(name)"
        return PluginServices(
            plugin: name, storage: PluginStorage(base: storage, plugin: name), hooks: PluginHooks(plugin: name, router: hooks),
            accounts: accounts, outbox: outbox, caches: PluginCaches(plugin: name, router: caches), logger: logger, clock: clock,
            host: host)
    }
}

/// Plugin state as `PluginServices` reads it, from the registry (set once it exists).
final class RegistryHost: PluginHost {
    let loginURL: String
    let defaultTimeZone: TimeZoneRules
    private let clock: KernelClock
    private let connected = Mutex<PluginRegistry?>(nil)

    init(loginURL: String, defaultTimeZone: TimeZoneRules, clock: KernelClock) {
        self.loginURL = loginURL
        self.defaultTimeZone = defaultTimeZone
        self.clock = clock
    }

    var registry: PluginRegistry? { connected.withLock { $0 } }

    func connect(_ registry: PluginRegistry) {
        connected.withLock { $0 = registry }
    }

    func config(of plugin: String) -> JSON {
        registry?.state(of: plugin)?.config ?? .emptyObject
    }

    func isEnabled(_ plugin: String) -> Bool {
        guard let state = registry?.state(of: plugin) else { return false }
        return state.installed && state.enabled
    }

    func saveConfig(of plugin: String, changes: JSONObject) async throws -> JSON {
        guard let registry else { throw KernelError(code: .pluginUnknown, message: KernelMessages.pluginUnknown(plugin)) }
        return try await registry.saveConfig(plugin, changes: changes, clock: clock)
    }
}

/// The outbox when no module provides one: writing a message fails loudly.
struct UnavailableOutbox: OutboxQueue {
    private var refusal: StorageError { StorageError(kind: .misuse, message: "no outbox is configured in this kernel") }
    func enqueue(_ message: OutboxMessage, in db: Database) throws -> String? { throw refusal }
    func list(storeID: Int64, channel: OutboxMessage.Channel?, limit: Int, offset: Int, in db: Database) throws -> [OutboxEntry] { [] }
    func count(storeID: Int64, channel: OutboxMessage.Channel?, in db: Database) throws -> Int64 { 0 }
    func find(storeID: Int64, eventID: String, in db: Database) throws -> OutboxEntry? { nil }
    func attempts(of entry: OutboxEntry, in db: Database) throws -> [OutboxAttempt] { [] }
    func redeliver(storeID: Int64, eventID: String, in db: Database) throws -> Bool { false }
}

/// How the host's own actions (the `system` plugin's, the modules') reach the kernel's parts,
/// which exist only once the plugins they are part of are registered: set once, at start.
public final class KernelLink: Sendable {
    private let linked = Mutex<KernelAccess?>(nil)

    init() {}

    func connect(_ access: KernelAccess) {
        linked.withLock { $0 = access }
    }

    /// The kernel's parts; always set before the first action runs.
    public var access: KernelAccess {
        guard let access = linked.withLock({ $0 }) else { preconditionFailure("the kernel is not started yet") }
        return access
    }
}
