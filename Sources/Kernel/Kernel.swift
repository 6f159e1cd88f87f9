import Foundation
import Logging
import PluginSDK
import SQLiteStorage
import Storage

/// The kernel: opens storage, applies migrations, keeps the plugin registry, and answers calls.
/// One value serves the HTTP server, the CLI and tests alike.
public final class Kernel: Sendable {
    /// The server's version, as `system/system/version` answers it.
    public static let version = SystemPlugin.version

    /// The kernel's parts: the host's own API (accounts, registry, storage).
    public let access: KernelAccess
    let dispatcher: Dispatcher
    private let batches: BatchRunner
    private let pool: SQLitePool

    /// Opens the database under `configuration.dataDir`, applies the kernel's migrations (and
    /// the modules') and brings the plugins up to date. `plugins` are the compiled-in plugins
    /// (see `BuiltInPlugins` in `InvoiceServerCLI`); `modules` the host's optional parts (the
    /// outbox, remote plugins). Refuses a database written by a newer version.
    public init(
        configuration: ServerConfiguration,
        plugins: [any Plugin],
        modules: [any KernelModule] = [],
        logger: Logger = Logger(label: "invoice-server"),
        clock: KernelClock = KernelClock(),
        autoInstall: Bool? = nil
    ) async throws {
        try FileManager.default.createDirectory(atPath: configuration.dataDir, withIntermediateDirectories: true)
        let pool = try SQLitePool(configuration: configuration.storage)
        do {
            // The kernel's and its modules' tables, in the order of their ids.
            let kernelMigrations = (KernelMigrations.all + modules.flatMap(\.migrations)).sorted { $0.id < $1.id }
            let pluginMigrations = plugins.flatMap(\.migrations)
            try Migrator.checkUnique(kernelMigrations + pluginMigrations)
            try await Migrator.checkNotSuperseded(
                pool, known: kernelMigrations + pluginMigrations, owners: Set([Migration.kernelOwner] + plugins.map(\.manifest.name)))
            try await Migrator.migrate(pool, kernelMigrations, now: clock.unixSeconds())
            let link = KernelLink()
            let system = SystemPlugin(kernel: link, moduleRoutes: modules.flatMap { $0.systemRoutes(link) })
            let access = try KernelAccess(
                configuration: configuration, storage: pool, plugins: [system] + plugins, modules: modules, clock: clock, logger: logger)
            link.connect(access)
            let registry = access.registry
            for name in registry.order { registry.entries[name]?.plugin.register(with: access.services(for: name)) }
            try await registry.bootstrap(
                autoInstall: autoInstall ?? configuration.autoInstallPlugins, clock: clock, services: access.services(for:), hooks: access.hooks)
            self.access = access
            self.pool = pool
            let dispatcher = Dispatcher(access: access)
            self.dispatcher = dispatcher
            self.batches = BatchRunner(dispatcher: dispatcher, transactions: pool)
        } catch {
            pool.close()
            throw error
        }
    }

    /// Answers one call: routing, auth, the action, and the answer. Never throws.
    public func handle(_ request: KernelRequest) async -> KernelResponse {
        await dispatcher.handle(request)
    }

    /// Answers a batch request: its `calls`, each as if sent alone, in one envelope (see
    /// `BatchRunner`). Never throws.
    public func handleBatch(_ request: KernelRequest) async -> KernelResponse {
        await batches.handle(request)
    }

    /// The answer to an error raised around the kernel (by the HTTP adapter), mapped in the
    /// one place every error is (`ErrorMapping`).
    public func answer(_ error: any Error, language: Language, requestID: String) -> KernelResponse {
        ErrorMapping.response(for: error, language: language, requestID: requestID, logger: access.logger)
    }

    /// True when storage answers a trivial read.
    public func isReady() async -> Bool {
        (try? await pool.read { db in try db.scalar("SELECT 1").int }) == 1
    }

    /// Picks up what other processes changed (plugin state, accounts, plugins' cached values):
    /// the server runs this four times a second.
    public func refreshCaches() async throws {
        try await access.caches.refreshGenerations(pool)
        if access.registry.isStale { try await access.registry.refresh() }
    }

    /// Writes waiting for the writer.
    public var writeQueueDepth: Int { pool.writeQueueDepth }

    /// The compiled-in plugins with background work that are enabled now, each with its services.
    public var enabledBackgroundWork: [(plugin: any BackgroundWork, services: PluginServices)] {
        let registry = access.registry
        return registry.order.compactMap { name in
            guard registry.state(of: name)?.enabled == true, let work = registry.entries[name]?.plugin as? any BackgroundWork else { return nil }
            return (work, access.services(for: name))
        }
    }

    /// Finishes queued writes and closes storage.
    public func shutdown() {
        pool.close()
    }
}
