import Kernel
import PluginSDK
import Storage

/// The durable outbox's tables, as plugins and the host write and read them: messages are
/// written in the same transaction as the change that causes them and delivered later by
/// `OutboxWorker`, with retries, each marked delivered once. Plugins reach it through the SDK's
/// `OutboxQueue`; the outbox tables stay the host's, so every statement runs in the host's scope.
public struct OutboxStore: OutboxQueue {
    let clock: KernelClock
    let policy: OutboxPolicy

    public init(clock: KernelClock, policy: OutboxPolicy = OutboxPolicy()) {
        self.clock = clock
        self.policy = policy
    }

    @discardableResult
    public func enqueue(_ message: OutboxMessage, in db: Database) throws -> String? {
        let now = clock.unixSeconds()
        let row = try db.asHost {
            try db.queryOne(
                """
                INSERT INTO outbox (event_id, store_id, channel, destination, topic, payload, secret, dedupe_key,
                    next_attempt_at, give_up_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (dedupe_key) DO NOTHING
                RETURNING event_id
                """,
                arguments: [
                    message.eventID, message.storeID, message.channel.rawValue, message.destination, message.topic,
                    message.payload.text, message.secret, message.dedupeKey, now, now + policy.retryWindow(message.channel), now,
                ])
        }
        return row?.string("event_id")
    }

    static let entryColumns = "id, event_id, channel, destination, topic, status, attempts, next_attempt_at, last_error, created_at, delivered_at"

    public func list(storeID: Int64, channel: OutboxMessage.Channel?, limit: Int, offset: Int, in db: Database) throws -> [OutboxEntry] {
        try db.asHost {
            if let channel {
                return try db.query(
                    "SELECT \(Self.entryColumns) FROM outbox WHERE store_id = ? AND channel = ? ORDER BY id DESC LIMIT ? OFFSET ?",
                    storeID, channel.rawValue, limit, offset
                ).map(Self.entry)
            }
            return try db.query(
                "SELECT \(Self.entryColumns) FROM outbox WHERE store_id = ? ORDER BY id DESC LIMIT ? OFFSET ?", storeID, limit, offset
            ).map(Self.entry)
        }
    }

    public func count(storeID: Int64, channel: OutboxMessage.Channel?, in db: Database) throws -> Int64 {
        try db.asHost {
            let row = try channel.map { try db.queryOne("SELECT COUNT(*) AS n FROM outbox WHERE store_id = ? AND channel = ?", storeID, $0.rawValue) }
                ?? db.queryOne("SELECT COUNT(*) AS n FROM outbox WHERE store_id = ?", storeID)
            return row?.int64("n") ?? 0
        }
    }

    public func find(storeID: Int64, eventID: String, in db: Database) throws -> OutboxEntry? {
        try db.asHost {
            try db.queryOne("SELECT \(Self.entryColumns) FROM outbox WHERE store_id = ? AND event_id = ?", storeID, eventID).map(Self.entry)
        }
    }

    public func attempts(of entry: OutboxEntry, in db: Database) throws -> [OutboxAttempt] {
        try db.asHost {
            try db.query("SELECT attempt, at, ok, status_code, detail FROM outbox_deliveries WHERE outbox_id = ? ORDER BY id", entry.id).map {
                OutboxAttempt(
                    attempt: try $0.require("attempt"), at: try $0.require("at"), ok: $0.bool("ok"), statusCode: $0.int64("status_code"),
                    detail: $0.string("detail") ?? "")
            }
        }
    }

    public func redeliver(storeID: Int64, eventID: String, in db: Database) throws -> Bool {
        guard let entry = try find(storeID: storeID, eventID: eventID, in: db), entry.status != "pending",
            let channel = OutboxMessage.Channel(rawValue: entry.channel)
        else { return false }
        let now = clock.unixSeconds()
        return try db.asHost {
            try db.execute(
                """
                UPDATE outbox SET status = 'pending', next_attempt_at = ?, give_up_at = ?, lease_owner = NULL, delivered_at = NULL
                WHERE id = ? AND status <> 'pending'
                """, now, now + policy.retryWindow(channel), entry.id)
            return db.changes == 1
        }
    }

    private static func entry(_ row: Row) throws -> OutboxEntry {
        OutboxEntry(
            id: try row.require("id"), eventID: try row.require("event_id"), channel: try row.require("channel"),
            destination: try row.require("destination"), topic: try row.require("topic"), status: try row.require("status"),
            attempts: try row.require("attempts"), nextAttemptAt: try row.require("next_attempt_at"), lastError: row.string("last_error"),
            createdAt: try row.require("created_at"), deliveredAt: row.int64("delivered_at"))
    }
}

/// The outbox as a part of the host: its tables and the queue plugins write to.
public struct OutboxModule: KernelModule {
    let policy: OutboxPolicy

    public init(policy: OutboxPolicy = OutboxPolicy()) {
        self.policy = policy
    }

    public var migrations: [Migration] { [OutboxMigrations.outbox, OutboxMigrations.failureIndexes] }

    public func outbox(clock: KernelClock) -> (any OutboxQueue)? {
        OutboxStore(clock: clock, policy: policy)
    }
}
