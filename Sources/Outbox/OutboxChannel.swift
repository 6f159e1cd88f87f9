import PluginSDK
/// A way out for outbox messages. A channel sends one message and reports how it went; the
/// worker decides about retries and records the attempt.
public protocol OutboxChannel: Sendable {
    /// Sends `message` once; throws `DeliveryFailure` when it did not arrive.
    func deliver(_ message: ClaimedMessage, now: Int64) async throws(DeliveryFailure) -> DeliveryReceipt
}

/// A message a worker holds the lease on.
public struct ClaimedMessage: Sendable {
    public let id: Int64
    public let eventID: String
    public let storeID: Int64
    public let channel: OutboxMessage.Channel
    public let destination: String
    public let topic: String
    public let payload: JSON
    public let secret: String?
    /// 1 for the first attempt.
    public let attempt: Int64
    public let createdAt: Int64
}

/// What a successful delivery answered (kept in the delivery log).
public struct DeliveryReceipt: Sendable {
    public let statusCode: Int?
    public let detail: String

    public init(statusCode: Int? = nil, detail: String = "") {
        self.statusCode = statusCode
        self.detail = detail
    }
}

/// Why a delivery did not arrive (kept in the delivery log); the worker retries it later.
public struct DeliveryFailure: Error, Sendable {
    public let statusCode: Int?
    public let detail: String

    public init(statusCode: Int? = nil, detail: String) {
        self.statusCode = statusCode
        self.detail = detail
    }
}
