import Storage

/// The durable outbox as plugins use it: a message is written inside the caller's write, so it
/// exists exactly when the change that caused it committed, and the host delivers it later with
/// retries. Plugins see their stores' delivery log and may send a message again.
public protocol OutboxQueue: Sendable {
    /// Writes `message` in the write `db` belongs to. Answers its event id, or nil when a message
    /// with the same `dedupeKey` already exists (nothing is written then).
    @discardableResult
    func enqueue(_ message: OutboxMessage, in db: Database) throws -> String?
    /// A store's messages of `channel` (every channel when nil), newest first.
    func list(storeID: Int64, channel: OutboxMessage.Channel?, limit: Int, offset: Int, in db: Database) throws -> [OutboxEntry]
    /// How many messages of `channel` (every channel when nil) a store has.
    func count(storeID: Int64, channel: OutboxMessage.Channel?, in db: Database) throws -> Int64
    /// A store's message by event id, or nil.
    func find(storeID: Int64, eventID: String, in db: Database) throws -> OutboxEntry?
    /// The attempts made for a message, oldest first.
    func attempts(of entry: OutboxEntry, in db: Database) throws -> [OutboxAttempt]
    /// Sends a delivered or failed message again (same event id, a fresh retry window); false
    /// when there is no such message or it is still pending.
    func redeliver(storeID: Int64, eventID: String, in db: Database) throws -> Bool
}

/// One message as a merchant sees it (no secret).
public struct OutboxEntry: Sendable {
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

    package init(
        id: Int64, eventID: String, channel: String, destination: String, topic: String, status: String, attempts: Int64,
        nextAttemptAt: Int64, lastError: String?, createdAt: Int64, deliveredAt: Int64?
    ) {
        self.id = id
        self.eventID = eventID
        self.channel = channel
        self.destination = destination
        self.topic = topic
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
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
public struct OutboxAttempt: Sendable {
    public let attempt: Int64
    public let at: Int64
    public let ok: Bool
    public let statusCode: Int64?
    public let detail: String

    package init(attempt: Int64, at: Int64, ok: Bool, statusCode: Int64?, detail: String) {
        self.attempt = attempt
        self.at = at
        self.ok = ok
        self.statusCode = statusCode
        self.detail = detail
    }

    /// The attempt as envelope data.
    public var json: JSON {
        ["attempt": .int(attempt), "at": .int(at), "ok": .bool(ok), "status_code": statusCode.map { .int($0) } ?? .null, "detail": .string(detail)]
    }
}
