import Kernel
import Logging
import ServiceLifecycle

/// Picks up what other processes on the same database changed - plugin state, revoked tokens,
/// plugins' cached values - by reading the cache generations four times a second
/// (`Kernel.refreshCaches`). Runs with the HTTP application, so a change made by the CLI applies
/// to requests within a second.
struct CacheFollower: Service {
    let kernel: Kernel
    let logger: Logger
    var interval: Duration = .milliseconds(250)

    func run() async throws {
        let (kernel, logger, interval) = (self.kernel, self.logger, self.interval)
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await kernel.refreshCaches()
                } catch {
                    logger.warning("cache refresh failed", metadata: ["error": "\(error)"])
                }
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }
}
