import Logging
import PluginSDK
import Storage

/// Delivers due outbox messages. Each round claims a batch in one write (a lease: the message
/// is hidden from other workers until `leaseSeconds` pass), sends them concurrently through
/// their channels, then records every outcome in one write. Safe with several workers and
/// several processes on one database: a claim is a single UPDATE inside SQLite's one writer, and
/// an outcome is only recorded by the worker still holding that attempt's lease, so a message is
/// marked delivered once. A process killed mid-send leaves the lease to expire and the message
/// is sent again with the same event id (delivery is at least once; receivers de-duplicate).
public final class OutboxWorker: Sendable {
    private let storage: any DatabaseWriter
    private let channels: [OutboxMessage.Channel: any OutboxChannel]
    private let policy: OutboxPolicy
    private let clock: KernelClock
    private let owner: String
    private let logger: Logger

    /// `owner` names this worker in leases; make it unique per process.
    public init(
        storage: any DatabaseWriter, channels: [OutboxMessage.Channel: any OutboxChannel], policy: OutboxPolicy = OutboxPolicy(),
        clock: KernelClock = KernelClock(), owner: String = OutboxMessage.newEventID(), logger: Logger
    ) {
        self.storage = storage
        self.channels = channels
        self.policy = policy
        self.clock = clock
        self.owner = owner
        self.logger = logger
    }

    /// Delivers batches until cancelled, pausing when nothing is due.
    public func run() async {
        while !Task.isCancelled {
            let handled: Int
            do {
                handled = try await runOnce()
            } catch {
                logger.error("outbox round failed", metadata: ["error": "\(error)"])
                handled = 0
            }
            if handled == 0 {
                do { try await Task.sleep(for: policy.pollInterval) } catch { return }
            }
        }
    }

    /// Claims one batch of due messages, delivers them and records the outcomes; answers how many
    /// were claimed.
    @discardableResult
    public func runOnce() async throws -> Int {
        let claimed = try await claim()
        guard !claimed.isEmpty else { return 0 }
        let outcomes = await withTaskGroup(of: (ClaimedMessage, Result<DeliveryReceipt, DeliveryFailure>).self) { group in
            for message in claimed {
                group.addTask { (message, await self.deliver(message)) }
            }
            var outcomes: [(ClaimedMessage, Result<DeliveryReceipt, DeliveryFailure>)] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        try await record(outcomes)
        return claimed.count
    }

    private func claim() async throws -> [ClaimedMessage] {
        let now = clock.unixSeconds()
        let owner = self.owner
        let leaseUntil = now + policy.leaseSeconds
        let limit = policy.batchSize
        return try await storage.write { db in
            try db.query(
                """
                UPDATE outbox SET attempts = attempts + 1, lease_owner = ?, next_attempt_at = ?
                WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?)
                RETURNING id, event_id, store_id, channel, destination, topic, payload, secret, attempts, created_at
                """, owner, leaseUntil, now, limit
            ).compactMap { row in
                guard let channel = OutboxMessage.Channel(rawValue: row.string("channel") ?? "") else { return nil }
                return ClaimedMessage(
                    id: row.int64("id") ?? 0, eventID: row.string("event_id") ?? "", storeID: row.int64("store_id") ?? 0,
                    channel: channel, destination: row.string("destination") ?? "", topic: row.string("topic") ?? "",
                    payload: (try? JSON.parse(Array((row.string("payload") ?? "null").utf8))) ?? .null,
                    secret: row.string("secret"), attempt: row.int64("attempts") ?? 1, createdAt: row.int64("created_at") ?? 0)
            }
        }
    }

    private func deliver(_ message: ClaimedMessage) async -> Result<DeliveryReceipt, DeliveryFailure> {
        guard let channel = channels[message.channel] else {
            return .failure(DeliveryFailure(detail: "channel \(message.channel.rawValue) is not configured"))
        }
        do {
            return .success(try await channel.deliver(message, now: clock.unixSeconds()))
        } catch {
            return .failure(error)
        }
    }

    private func record(_ outcomes: [(ClaimedMessage, Result<DeliveryReceipt, DeliveryFailure>)]) async throws {
        let now = clock.unixSeconds()
        let owner = self.owner
        let policy = self.policy
        try await storage.write { db in
            for (message, outcome) in outcomes {
                let ok: Bool
                let statusCode: Int?
                let detail: String
                switch outcome {
                case .success(let receipt): (ok, statusCode, detail) = (true, receipt.statusCode, receipt.detail)
                case .failure(let failure): (ok, statusCode, detail) = (false, failure.statusCode, failure.detail)
                }
                try db.execute(
                    "INSERT INTO outbox_deliveries (outbox_id, attempt, at, ok, status_code, detail) VALUES (?, ?, ?, ?, ?, ?)",
                    message.id, message.attempt, now, ok, statusCode, String(detail.prefix(500)))
                if ok {
                    try db.execute(
                        """
                        UPDATE outbox SET status = 'delivered', delivered_at = ?, lease_owner = NULL, last_error = NULL
                        WHERE id = ? AND status = 'pending' AND lease_owner = ? AND attempts = ?
                        """, now, message.id, owner, message.attempt)
                } else {
                    let giveUp = try db.scalar("SELECT give_up_at FROM outbox WHERE id = ?", message.id).int64 ?? now
                    let next = now + policy.delay(afterAttempt: message.attempt)
                    try db.execute(
                        """
                        UPDATE outbox SET status = ?, next_attempt_at = ?, lease_owner = NULL, last_error = ?
                        WHERE id = ? AND status = 'pending' AND lease_owner = ? AND attempts = ?
                        """, next > giveUp ? "failed" : "pending", next, String(detail.prefix(500)), message.id, owner, message.attempt)
                }
            }
        }
    }
}
