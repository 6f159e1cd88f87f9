import Kernel
import Logging
import ServiceLifecycle

/// Work the server does outside requests: the outbox worker and every enabled plugin's
/// `BackgroundWork`. A `Service` so the group starts it with the HTTP server and cancels it on
/// SIGTERM; a plugin's work that throws is logged and does not stop the others.
public struct BackgroundService: Service {
    let kernel: Kernel
    let worker: OutboxWorker
    let logger: Logger

    /// The outbox worker uses the channels of `<configDir>/outbox.json`.
    public init(kernel: Kernel, logger: Logger) throws {
        let services = kernel.services
        let outbox = try OutboxConfiguration.load(configDir: services.configuration.configDir)
        self.kernel = kernel
        self.worker = OutboxWorker(
            storage: services.storage, channels: outbox.channels, policy: outbox.policy, clock: services.clock, logger: logger)
        self.logger = logger
    }

    public func run() async throws {
        let services = kernel.services
        let work = kernel.enabledBackgroundWork
        let worker = self.worker
        let logger = self.logger
        try await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await worker.run() }
                for plugin in work {
                    group.addTask {
                        do {
                            try await plugin.runInBackground(services)
                        } catch is CancellationError {
                        } catch {
                            logger.error("background work stopped", metadata: ["plugin": "\(plugin.manifest.name)", "error": "\(error)"])
                        }
                    }
                }
            }
        }
    }
}
