import Storage

/// The durable outbox: messages are written in the same transaction as the change that causes
/// them and delivered later by `OutboxWorker`, with retries, each marked delivered once.
public enum Outbox {
    /// Writes `message` inside the caller's open write. Answers its event id, or nil when a
    /// message with the same `dedupeKey` already exists (nothing is written then).
    @discardableResult
    public static func enqueue(_ db: Database, _ message: OutboxMessage, now: Int64, policy: OutboxPolicy = OutboxPolicy()) throws -> String? {
        let row = try db.queryOne(
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
        return row?.string("event_id")
    }

    /// One message as a merchant sees it (no secret).
    public struct Entry: Sendable {
        public let id: Int64
        public let eventID: String
        public let channel: String
        public let destination: String
        public let topic: String
        public let status: String
        public let attempts: Int64
        public let nextAttemptAt: Int64
        public let lastError: String?
        public let createdAt: Int64
        public let deliveredAt: Int64?

        init(_ row: Row) {
            id = row.int64("id") ?? 0
            eventID = row.string("event_id") ?? ""
            channel = row.string("channel") ?? ""
            destination = row.string("destination") ?? ""
            topic = row.string("topic") ?? ""
            status = row.string("status") ?? ""
            attempts = row.int64("attempts") ?? 0
            nextAttemptAt = row.int64("next_attempt_at") ?? 0
            lastError = row.string("last_error")
            createdAt = row.int64("created_at") ?? 0
            deliveredAt = row.int64("delivered_at")
        }

        /// The entry as envelope data.
        public var json: JSON {
            [
                "event_id": .string(eventID), "channel": .string(channel), "destination": .string(destination),
                "topic": .string(topic), "status": .string(status), "attempts": .int(attempts),
                "next_attempt_at": status == "pending" ? .int(nextAttemptAt) : .null, "last_error": JSON(lastError),
                "created_at": .int(createdAt), "delivered_at": deliveredAt.map { .int($0) } ?? .null,
            ]
        }
    }

    /// One attempt of the delivery log.
    public struct Attempt: Sendable {
        public let attempt: Int64
        public let at: Int64
        public let ok: Bool
        public let statusCode: Int64?
        public let detail: String

        /// The attempt as envelope data.
        public var json: JSON {
            ["attempt": .int(attempt), "at": .int(at), "ok": .bool(ok), "status_code": statusCode.map { .int($0) } ?? .null, "detail": .string(detail)]
        }
    }

    static let entryColumns = "id, event_id, channel, destination, topic, status, attempts, next_attempt_at, last_error, created_at, delivered_at"

    /// A store's messages of `channel` (all channels when nil), newest first, `limit` from `offset`.
    public static func list(_ db: Database, storeID: Int64, channel: OutboxMessage.Channel?, limit: Int, offset: Int) throws -> [Entry] {
        if let channel {
            return try db.query(
                "SELECT \(entryColumns) FROM outbox WHERE store_id = ? AND channel = ? ORDER BY id DESC LIMIT ? OFFSET ?",
                storeID, channel.rawValue, limit, offset
            ).map(Entry.init)
        }
        return try db.query(
            "SELECT \(entryColumns) FROM outbox WHERE store_id = ? ORDER BY id DESC LIMIT ? OFFSET ?", storeID, limit, offset
        ).map(Entry.init)
    }

    /// A store's message by event id, or nil.
    public static func find(_ db: Database, storeID: Int64, eventID: String) throws -> Entry? {
        try db.queryOne("SELECT \(entryColumns) FROM outbox WHERE store_id = ? AND event_id = ?", storeID, eventID).map(Entry.init)
    }

    /// The attempts made for a message, oldest first.
    public static func attempts(_ db: Database, messageID: Int64) throws -> [Attempt] {
        try db.query("SELECT attempt, at, ok, status_code, detail FROM outbox_deliveries WHERE outbox_id = ? ORDER BY id", messageID).map {
            Attempt(
                attempt: $0.int64("attempt") ?? 0, at: $0.int64("at") ?? 0, ok: $0.bool("ok"), statusCode: $0.int64("status_code"),
                detail: $0.string("detail") ?? "")
        }
    }

    /// Sends a store's message again (delivered or failed): it becomes pending, due now, with a
    /// fresh retry window and the same event id so receivers can still de-duplicate. False when
    /// there is no such message or it is still pending.
    public static func redeliver(_ db: Database, storeID: Int64, eventID: String, now: Int64, policy: OutboxPolicy = OutboxPolicy()) throws -> Bool {
        guard let entry = try find(db, storeID: storeID, eventID: eventID), entry.status != "pending",
            let channel = OutboxMessage.Channel(rawValue: entry.channel)
        else { return false }
        try db.execute(
            """
            UPDATE outbox SET status = 'pending', next_attempt_at = ?, give_up_at = ?, lease_owner = NULL, delivered_at = NULL
            WHERE id = ? AND status <> 'pending'
            """, now, now + policy.retryWindow(channel), entry.id)
        return db.changes == 1
    }
}
