import Kernel
import Logging
import Outbox
import PluginSDK
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
        let access = kernel.access
        let outbox = try OutboxConfiguration.load(configDir: access.configuration.configDir)
        self.kernel = kernel
        self.worker = OutboxWorker(storage: access.storage, channels: outbox.channels, policy: outbox.policy, clock: access.clock, logger: logger)
        self.logger = logger
    }

    public func run() async throws {
        let work = kernel.enabledBackgroundWork
        let (worker, logger) = (self.worker, self.logger)
        try await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await worker.run() }
                for (plugin, services) in work {
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
