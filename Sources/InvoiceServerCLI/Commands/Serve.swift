import ArgumentParser
import Hummingbird
import Kernel
import Logging
import Server
import ServiceLifecycle
import UnixSignals

/// `invoice-server serve`: runs the HTTP server and the background work (outbox,
/// scheduler) until SIGTERM or SIGINT, then drains in-flight
/// requests, finishes queued writes and exits 0.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the HTTP server.")

    @Option(help: "Address to listen on.") var host: String?
    @Option(help: "Port to listen on (0 picks a free one).") var port: Int?
    @OptionGroup var options: CommonOptions

    func run() async throws {
        CommandLogging.bootstrap()
        var configuration = try options.serverConfiguration()
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        let logger = Logger(label: "invoice-server")
        let kernel = try await Kernel(configuration: configuration, plugins: ServedPlugins.all, modules: HostModules.standard, logger: logger)
        let app = buildApplication(kernel: kernel, configuration: configuration, logger: logger) { host, port in
            logger.info("listening on http://\(host):\(port)")
        }
        let background = try BackgroundService(kernel: kernel, logger: logger)
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
}
