import Foundation
import Logging
import Storage

/// The kernel: opens storage, applies migrations, keeps the plugin registry, and answers calls.
/// One value serves the HTTP server, the CLI and tests alike.
public final class Kernel: Sendable {
    public let services: KernelServices
    let dispatcher: Dispatcher

    /// Opens the database under `configuration.dataDir`, applies the kernel's migrations and
    /// brings the plugins up to date. `plugins` are the compiled-in plugins (see `BuiltInPlugins` in
    /// `InvoiceServerCLI`).
    public init(
        configuration: ServerConfiguration,
        plugins: [any Plugin],
        logger: Logger = Logger(label: "invoice-server"),
        clock: KernelClock = KernelClock(),
        autoInstall: Bool? = nil
    ) async throws {
        try FileManager.default.createDirectory(atPath: configuration.dataDir, withIntermediateDirectories: true)
        let pool = try DatabasePool(configuration: configuration.storage)
        do {
            try await Migrator.migrate(pool, KernelMigrations.all + RemoteMigrations.all + AccountMigrations.all)
            let hooks = HookBus(logger: logger)
            let registry = try PluginRegistry(
                plugins: [SystemPlugin()] + plugins, pool: pool, configDir: configuration.configDir, hooks: hooks, clock: clock)
            let accounts = Accounts(
                pool: pool, hasher: PasswordHasher(iterations: configuration.passwordIterations),
                tokenLifetimeSeconds: configuration.tokenLifetimeSeconds, clock: clock)
            services = KernelServices(
                storage: pool, accounts: accounts, hooks: hooks, logger: logger, clock: clock,
                configuration: configuration, registry: registry, directory: ServiceDirectory(registry: registry))
            for name in registry.order { registry.entries[name]?.plugin.registerHooks(with: services) }
            for name in registry.order {
                (registry.entries[name]?.plugin as? any ServiceProvider)?.registerServices(in: services.directory)
            }
            try await registry.bootstrap(services: services, autoInstall: autoInstall ?? configuration.autoInstallPlugins)
            dispatcher = Dispatcher(services: services)
        } catch {
            pool.close()
            throw error
        }
    }

    /// Answers one call: routing, auth, the action, and the envelope. Never throws.
    public func handle(_ request: KernelRequest) async -> KernelResponse {
        await dispatcher.handle(request)
    }

    /// True when storage answers a trivial read.
    public func isReady() async -> Bool {
        (try? await services.storage.read { database in try database.scalar("SELECT 1").int }) == 1
    }

    /// Finishes queued writes and closes storage.
    public func shutdown() {
        services.storage.close()
    }
}
