import Foundation

/// One message to send later through a channel: a webhook, an SMS or an email.
/// Built with `webhook`, `sms` or `email` and written with `Outbox.enqueue` inside the caller's
/// write, so it exists exactly when the business change that caused it does.
public struct OutboxMessage: Sendable {
    /// How a message travels.
    public enum Channel: String, Sendable, CaseIterable {
        case webhook, sms, email
    }

    public var storeID: Int64
    public var channel: Channel
    /// A URL (webhook), a phone number (sms) or an email address (email).
    public var destination: String
    /// What the message is about, e.g. `invoice.reminder`; the webhook's `type`.
    public var topic: String
    /// Channel-specific content: webhook `data`; `{"text"}` for SMS; `{"subject","body"}` for email.
    public var payload: JSON
    /// The webhook signing secret (HMAC-SHA256, `X-Signature`); unused by other channels.
    public var secret: String?
    /// When given, a second enqueue with the same key is ignored (one reminder per invoice and offset).
    public var dedupeKey: String?
    /// The id receivers de-duplicate on; sent as `X-Event-Id` and inside webhook bodies.
    public var eventID: String

    public init(
        storeID: Int64, channel: Channel, destination: String, topic: String, payload: JSON, secret: String? = nil,
        dedupeKey: String? = nil, eventID: String = OutboxMessage.newEventID()
    ) {
        self.storeID = storeID
        self.channel = channel
        self.destination = destination
        self.topic = topic
        self.payload = payload
        self.secret = secret
        self.dedupeKey = dedupeKey
        self.eventID = eventID
    }

    /// A JSON POST of `data` to `url`, signed with `secret`.
    public static func webhook(
        storeID: Int64, url: String, secret: String, topic: String, data: JSON, dedupeKey: String? = nil
    ) -> OutboxMessage {
        OutboxMessage(storeID: storeID, channel: .webhook, destination: url, topic: topic, payload: data, secret: secret, dedupeKey: dedupeKey)
    }

    /// A text message to `phone` through the configured SMS gateway.
    public static func sms(storeID: Int64, phone: String, topic: String, text: String, dedupeKey: String? = nil) -> OutboxMessage {
        OutboxMessage(storeID: storeID, channel: .sms, destination: phone, topic: topic, payload: ["text": .string(text)], dedupeKey: dedupeKey)
    }

    /// A plain-text UTF-8 email to `address` through the configured SMTP server.
    public static func email(
        storeID: Int64, address: String, topic: String, subject: String, body: String, dedupeKey: String? = nil
    ) -> OutboxMessage {
        OutboxMessage(
            storeID: storeID, channel: .email, destination: address, topic: topic,
            payload: ["subject": .string(subject), "body": .string(body)], dedupeKey: dedupeKey)
    }

    /// `evt_` and 32 hex digits: the time in milliseconds (12 digits), then 80 random bits. Ids
    /// made later sort later, so the outbox's unique index on them grows at its end instead of
    /// taking a write on a random page for every message.
    public static func newEventID() -> String {
        var text = Array("evt_".utf8)
        text.reserveCapacity(36)
        var random = SystemRandomNumberGenerator()
        let milliseconds = UInt64(max(0, Date().timeIntervalSince1970 * 1_000))
        let parts: [(value: UInt64, digits: Int)] = [(milliseconds, 12), (random.next(), 16), (random.next() & 0xffff, 4)]
        for part in parts {
            for digit in (0..<part.digits).reversed() {
                text.append(hexDigits[Int((part.value >> UInt64(digit * 4)) & 0x0f)])
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
