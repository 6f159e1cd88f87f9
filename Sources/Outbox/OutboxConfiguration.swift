import PluginSDK
import Foundation

/// The outbox as configured in `<configDir>/outbox.json`:
/// `{"sms": {"url", "auth_header", "auth_value", "body_template", "content_type"},
///   "smtp": {"host", "port", "from", "helo_name", "username", "password", "timeout_seconds"},
///   "lease_seconds": 120, "batch_size": 32, "poll_ms": 500}`.
/// Webhooks need no settings. A channel left out is not configured: its messages wait and are
/// retried until it is, or until their retry window ends.
public struct OutboxConfiguration: Sendable, Decodable {
    public var sms: SMSGatewayChannel.Settings?
    public var smtp: SMTPChannel.Settings?
    /// Retry, lease and batching settings.
    public var policy = OutboxPolicy()

    public init(sms: SMSGatewayChannel.Settings? = nil, smtp: SMTPChannel.Settings? = nil) {
        self.sms = sms
        self.smtp = smtp
    }

    enum CodingKeys: String, CodingKey {
        case sms, smtp
        case leaseSeconds = "lease_seconds"
        case batchSize = "batch_size"
        case pollMilliseconds = "poll_ms"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sms = try container.decodeIfPresent(SMSGatewayChannel.Settings.self, forKey: .sms)
        smtp = try container.decodeIfPresent(SMTPChannel.Settings.self, forKey: .smtp)
        if let lease = try container.decodeIfPresent(Int64.self, forKey: .leaseSeconds) { policy.leaseSeconds = max(1, lease) }
        if let batch = try container.decodeIfPresent(Int.self, forKey: .batchSize) { policy.batchSize = min(max(1, batch), 1_000) }
        if let poll = try container.decodeIfPresent(Int.self, forKey: .pollMilliseconds) { policy.pollInterval = .milliseconds(max(10, poll)) }
    }

    /// Reads `<configDir>/outbox.json`; a missing file configures webhooks only.
    public static func load(configDir: String) throws -> OutboxConfiguration {
        let path = URL(fileURLWithPath: configDir).appendingPathComponent("outbox.json").path
        guard FileManager.default.fileExists(atPath: path) else { return OutboxConfiguration() }
        return try JSONDecoder().decode(OutboxConfiguration.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// One channel per configured way out.
    public var channels: [OutboxMessage.Channel: any OutboxChannel] {
        var channels: [OutboxMessage.Channel: any OutboxChannel] = [.webhook: WebhookChannel()]
        if let sms { channels[.sms] = SMSGatewayChannel(settings: sms) }
        if let smtp { channels[.email] = SMTPChannel(settings: smtp) }
        return channels
    }
}
