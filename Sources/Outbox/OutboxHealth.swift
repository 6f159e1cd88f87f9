import PluginSDK
import Storage

/// The outbox's state by channel, for `/metrics` and `/readyz`: messages waiting, how long the
/// oldest has waited, messages given up on, and failed attempts.
public struct OutboxHealth: Sendable {
    /// One channel's numbers.
    public struct Channel: Sendable, Equatable {
        public var pending: Int64 = 0
        /// When the oldest pending message was made (Unix seconds), nil when none waits.
        public var oldestPendingAt: Int64?
        /// Messages whose retry window ended without a delivery.
        public var failedMessages: Int64 = 0
        /// Attempts that did not arrive (each retry counts).
        public var failedAttempts: Int64 = 0
    }

    /// By channel name: every channel the outbox has (`webhook`, `sms`, `email`), so each is
    /// exported even at zero, and any other name found in the table.
    public var channels: [String: Channel] = Dictionary(
        uniqueKeysWithValues: OutboxMessage.Channel.allCases.map { ($0.rawValue, Channel()) })

    /// Seconds the oldest pending message of any channel has waited at `now` (0 when none).
    public func oldestPendingAge(now: Int64) -> Int64 {
        channels.values.compactMap(\.oldestPendingAt).min().map { max(0, now - $0) } ?? 0
    }

    /// Reads every number from the outbox's tables (each query walks an index of its rows
    /// alone: pending messages, failed messages, failed attempts).
    public static func read(_ storage: any DatabaseReader) async throws -> OutboxHealth {
        try await storage.read { db in
            try db.asHost {
                var health = try pending(db)
                for row in try db.query("SELECT channel, COUNT(*) AS n FROM outbox WHERE status = 'failed' GROUP BY channel") {
                    guard let channel = row.string("channel") else { continue }
                    health.channels[channel, default: Channel()].failedMessages = row.int64("n") ?? 0
                }
                for row in try db.query(
                    """
                    SELECT o.channel AS channel, COUNT(*) AS n FROM outbox_deliveries d JOIN outbox o ON o.id = d.outbox_id
                    WHERE d.ok = 0 GROUP BY o.channel
                    """)
                {
                    guard let channel = row.string("channel") else { continue }
                    health.channels[channel, default: Channel()].failedAttempts = row.int64("n") ?? 0
                }
                return health
            }
        }
    }

    /// Reads the pending messages only (what readiness needs), from the pending index.
    public static func readPending(_ storage: any DatabaseReader) async throws -> OutboxHealth {
        try await storage.read { db in try db.asHost { try pending(db) } }
    }

    private static func pending(_ db: Database) throws -> OutboxHealth {
        var health = OutboxHealth()
        for row in try db.query("SELECT channel, COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE status = 'pending' GROUP BY channel") {
            guard let channel = row.string("channel") else { continue }
            health.channels[channel, default: Channel()].pending = row.int64("n") ?? 0
            health.channels[channel, default: Channel()].oldestPendingAt = row.int64("oldest")
        }
        return health
    }
}
