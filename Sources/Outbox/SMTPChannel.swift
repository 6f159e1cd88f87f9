import PluginSDK
import Foundation

/// Email over SMTP: one connection per message, plain text in UTF-8 (base64), the subject
/// encoded per RFC 2047 so Persian and Chinese arrive intact. A 4xx/5xx reply or a network
/// failure is a failed attempt that the worker retries.
public struct SMTPChannel: OutboxChannel {
    /// The SMTP server (`smtp` in `config/outbox.json`).
    public struct Settings: Sendable, Decodable {
        public var host: String
        public var port: Int
        public var from: String
        /// The name sent with EHLO.
        public var heloName: String
        /// AUTH PLAIN credentials, when the server wants them.
        public var username: String?
        public var password: String?
        public var timeoutSeconds: Int

        public init(
            host: String, port: Int = 25, from: String, heloName: String = "invoice-server", username: String? = nil,
            password: String? = nil, timeoutSeconds: Int = 10
        ) {
            self.host = host
            self.port = port
            self.from = from
            self.heloName = heloName
            self.username = username
            self.password = password
            self.timeoutSeconds = timeoutSeconds
        }

        enum CodingKeys: String, CodingKey {
            case host, port, from, username, password
            case heloName = "helo_name"
            case timeoutSeconds = "timeout_seconds"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                host: try container.decode(String.self, forKey: .host), port: try container.decodeIfPresent(Int.self, forKey: .port) ?? 25,
                from: try container.decode(String.self, forKey: .from),
                heloName: try container.decodeIfPresent(String.self, forKey: .heloName) ?? "invoice-server",
                username: try container.decodeIfPresent(String.self, forKey: .username),
                password: try container.decodeIfPresent(String.self, forKey: .password),
                timeoutSeconds: try container.decodeIfPresent(Int.self, forKey: .timeoutSeconds) ?? 10)
        }
    }

    private let settings: Settings

    public init(settings: Settings) {
        self.settings = settings
    }

    public func deliver(_ message: ClaimedMessage, now: Int64) async throws(DeliveryFailure) -> DeliveryReceipt {
        let settings = self.settings
        let mail = Self.render(message, from: settings.from, now: now)
        let outcome: Result<String, SMTPConnection.Failure> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Result { () throws(SMTPConnection.Failure) -> String in
                    try Self.send(mail, to: message.destination, settings: settings)
                })
            }
            thread.name = "smtp-send"
            thread.start()
        }
        switch outcome {
        case .success(let reply): return DeliveryReceipt(statusCode: 250, detail: reply)
        case .failure(let failure): throw DeliveryFailure(statusCode: failure.code, detail: failure.detail)
        }
    }

    private static func send(_ mail: [UInt8], to recipient: String, settings: Settings) throws(SMTPConnection.Failure) -> String {
        guard !recipient.contains("\r"), !recipient.contains("\n"), !recipient.contains(">") else {
            throw SMTPConnection.Failure(code: nil, detail: "bad recipient")
        }
        var connection = try SMTPConnection(host: settings.host, port: settings.port, timeoutSeconds: settings.timeoutSeconds)
        defer { connection.close() }
        try connection.expect(220...220)
        try connection.command("EHLO \(settings.heloName)", expect: 250...250)
        if let username = settings.username, let password = settings.password {
            let token = Data(("\0" + username + "\0" + password).utf8).base64EncodedString()
            try connection.command("AUTH PLAIN \(token)", expect: 235...235)
        }
        try connection.command("MAIL FROM:<\(settings.from)>", expect: 250...250)
        try connection.command("RCPT TO:<\(recipient)>", expect: 250...251)
        try connection.command("DATA", expect: 354...354)
        try connection.write(mail + Array("\r\n.\r\n".utf8))
        let accepted = try connection.expect(250...250)
        _ = try? connection.command("QUIT", expect: 221...221)
        return accepted.text
    }

    /// The message in RFC 5322 form: headers, a blank line, the body in base64 lines.
    static func render(_ message: ClaimedMessage, from: String, now: Int64) -> [UInt8] {
        let subject = message.payload["subject"]?.stringValue ?? ""
        let body = message.payload["body"]?.stringValue ?? ""
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let encodedSubject = "=?UTF-8?B?" + Data(subject.utf8).base64EncodedString() + "?="
        let encodedBody = Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let domain = from.split(separator: "@").last.map(String.init) ?? "invoice-server"
        let headers = [
            "From: <\(from)>",
            "To: <\(message.destination)>",
            "Subject: \(encodedSubject)",
            "Date: \(formatter.string(from: Date(timeIntervalSince1970: TimeInterval(now))))",
            "Message-ID: <\(message.eventID)@\(domain)>",
            "X-Event-Id: \(message.eventID)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
        ]
        return Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + encodedBody).utf8)
    }
}
