import Kernel
import Outbox
import PluginSDK

/// What `/readyz` checks: storage answers, the outbox is not stuck (its oldest pending message
/// is younger than `outbox_stuck_seconds`), and no background work lags past
/// `scheduler_stuck_seconds`. Answers the problems found; none means ready.
enum Readiness {
    static func problems(_ kernel: Kernel) async -> [String] {
        guard await kernel.isReady() else { return ["storage does not answer"] }
        let configuration = kernel.access.configuration
        let now = kernel.access.clock.unixSeconds()
        var problems: [String] = []
        do {
            let age = try await OutboxHealth.readPending(kernel.access.storage).oldestPendingAge(now: now)
            if age > configuration.outboxStuckSeconds {
                problems.append("outbox stuck: the oldest pending message has waited \(age) s (limit \(configuration.outboxStuckSeconds) s)")
            }
        } catch {
            problems.append("outbox unreadable: \(error)")
        }
        for lag in await kernel.backgroundLag(now: now) {
            if let seconds = lag.seconds, seconds > configuration.schedulerStuckSeconds {
                problems.append("\(lag.plugin) stuck: due work has waited \(seconds) s (limit \(configuration.schedulerStuckSeconds) s)")
            } else if let error = lag.error {
                problems.append("\(lag.plugin) lag unreadable: \(error)")
            }
        }
        return problems
    }
}
