import Foundation
import Kernel
import PluginSDK

/// The outbox as configured in `<configDir>/outbox.json` (every key is explained in
/// `config/outbox.example.json`): `sms` (an HTTP gateway), `smtp` (a mail server, over TLS unless
/// it is this machine), and the worker's `lease_seconds`, `batch_size` and `poll_ms`. Webhooks
/// need no settings. A channel left out is not configured: its messages wait and are retried
/// until it is, or until their retry window ends. The file is read strictly: an unknown key or a
/// bad value stops the start, naming it.
public struct OutboxConfiguration: Sendable {
    public var sms: SMSGatewayChannel.Settings?
    public var smtp: SMTPChannel.Settings?
    /// Retry, lease and batching settings.
    public var policy = OutboxPolicy()

    public init(sms: SMSGatewayChannel.Settings? = nil, smtp: SMTPChannel.Settings? = nil) {
        self.sms = sms
        self.smtp = smtp
    }

    /// Every key `outbox.json` may hold.
    static var keys: [ConfigKey<OutboxConfiguration>] {
        [
            .section("sms", \.sms, keys: SMSGatewayChannel.Settings.keys, blank: SMSGatewayChannel.Settings(url: ""), required: ["url"]),
            .section("smtp", \.smtp, keys: SMTPChannel.Settings.keys, blank: SMTPChannel.Settings(host: "", from: ""), required: ["host", "from"]),
            .integer("lease_seconds", \.policy.leaseSeconds, range: 1...86_400),
            .integer("batch_size", \.policy.batchSize, range: 1...1_000),
            .integer("poll_ms", \.pollMilliseconds, range: 10...60_000),
        ]
    }

    private var pollMilliseconds: Int {
        get { Int(policy.pollInterval / .milliseconds(1)) }
        set { policy.pollInterval = .milliseconds(newValue) }
    }

    /// Reads `<configDir>/outbox.json`; a missing file configures webhooks only.
    public static func load(configDir: String) throws(ConfigurationError) -> OutboxConfiguration {
        let path = URL(fileURLWithPath: configDir).appendingPathComponent("outbox.json").path
        guard FileManager.default.fileExists(atPath: path) else { return OutboxConfiguration() }
        let configuration = try ConfigReader.load(path: path, into: OutboxConfiguration(), keys: keys)
        if let problem = configuration.smtp?.problem { throw ConfigurationError(file: path, problem: problem) }
        return configuration
    }

    /// One channel per configured way out.
    public var channels: [OutboxMessage.Channel: any OutboxChannel] {
        var channels: [OutboxMessage.Channel: any OutboxChannel] = [.webhook: WebhookChannel()]
        if let sms { channels[.sms] = SMSGatewayChannel(settings: sms) }
        if let smtp { channels[.email] = SMTPChannel(settings: smtp) }
        return channels
    }
}
