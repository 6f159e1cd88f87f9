import PluginSDK
/// How the outbox worker retries: exponential backoff from `baseDelay`, capped at `maxDelay`,
/// until a message is older than its channel's retry window, then it is marked failed.
public struct OutboxPolicy: Sendable {
    /// Seconds before the first retry; each later retry waits twice as long.
    public var baseDelaySeconds: Int64 = 10
    /// The longest wait between two attempts.
    public var maxDelaySeconds: Int64 = 3_600
    /// How long a message is retried, by channel (webhooks: 3 days).
    public var retryWindowSeconds: [OutboxMessage.Channel: Int64] = [.webhook: 3 * 86_400, .sms: 86_400, .email: 86_400]
    /// How long a claimed message stays with its worker; past it another worker may take it.
    public var leaseSeconds: Int64 = 120
    /// Messages claimed per round.
    public var batchSize = 32
    /// Pause between rounds when nothing was due.
    public var pollInterval: Duration = .milliseconds(500)

    public init() {}

    /// Seconds to wait after failed attempt number `attempt` (1-based).
    public func delay(afterAttempt attempt: Int64) -> Int64 {
        var delay = baseDelaySeconds
        var step: Int64 = 1
        while step < attempt && delay < maxDelaySeconds {
            delay *= 2
            step += 1
        }
        return min(delay, maxDelaySeconds)
    }

    /// How long messages of `channel` are retried.
    public func retryWindow(_ channel: OutboxMessage.Channel) -> Int64 {
        retryWindowSeconds[channel] ?? 86_400
    }
}
