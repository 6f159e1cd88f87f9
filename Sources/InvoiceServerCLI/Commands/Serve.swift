import ArgumentParser
import Foundation
import Hummingbird
import Kernel
import Logging
import SQLiteStorage
import Server
import ServiceLifecycle
import UnixSignals

/// `invoice-server serve`: runs the HTTP server and the background work (outbox,
/// scheduler) until SIGTERM or SIGINT, then drains in-flight
/// requests, finishes queued writes and exits 0.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the HTTP server.")

    @Option(help: "Address to listen on.") var host: String?
    @Option(help: "Port to listen on, 1-65535 (0 picks a free one).") var port: Int?
    @OptionGroup var options: CommonOptions

    func validate() throws {
        if let port, !(0...65_535).contains(port) { throw ValidationError("--port must be from 0 to 65535; got \(port)") }
    }

    func run() async throws {
        CommandLogging.bootstrap()
        let logger = Logger(label: "invoice-server")
        let configuration: ServerConfiguration
        let kernel: Kernel
        let lock: DatabaseLock
        do {
            var configured = try options.serverConfiguration()
            if let host { configured.host = host }
            if let port { configured.port = port }
            configuration = configured
            lock = try Self.holdDatabase(configuration)
            kernel = try await Kernel(configuration: configuration, plugins: ServedPlugins.all, modules: HostModules.standard, logger: logger)
        } catch {
            CommandLogging.flush()
            throw failure(error)
        }
        defer { withExtendedLifetime(lock) {} }
        let app = buildApplication(kernel: kernel, configuration: configuration, logger: logger) { host, port in
            logger.info("listening on http://\(host):\(port)")
        }
        let background: BackgroundService
        do {
            background = try BackgroundService(kernel: kernel, logger: logger)
        } catch {
            kernel.shutdown()
            CommandLogging.flush()
            throw failure(error)
        }
        let group = ServiceGroup(
            configuration: .init(services: [app, background], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            kernel.shutdown()
            logger.error("stopped: \(error)")
            CommandLogging.flush()
            throw error
        }
        kernel.shutdown()
        logger.info("stopped")
        CommandLogging.flush()
    }

    /// The database's lock, held shared while the server runs (a restore waits for the stop).
    private static func holdDatabase(_ configuration: ServerConfiguration) throws -> DatabaseLock {
        try FileManager.default.createDirectory(atPath: configuration.dataDir, withIntermediateDirectories: true)
        guard let lock = try DatabaseLock(databasePath: configuration.databasePath, exclusive: false) else {
            throw refusal("a restore is replacing \(configuration.databasePath); start the server when it is done")
        }
        return lock
    }
}
