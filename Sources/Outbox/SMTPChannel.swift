import Foundation
import Kernel
import NIOSSL
import PluginSDK

/// Email over SMTP: one connection per message, plain text in UTF-8 (base64), the subject
/// encoded per RFC 2047 so Persian and Chinese arrive intact. A 4xx/5xx reply or a network
/// failure is a failed attempt that the worker retries.
///
/// The connection is encrypted unless the server is this machine: STARTTLS by default, implicit
/// TLS on port 465, and the server's certificate is verified (against the system's roots, or
/// `ca_file`). Credentials never cross an unencrypted connection to another machine.
public struct SMTPChannel: OutboxChannel {
    /// How the connection is encrypted.
    public enum TLSMode: String, Sendable, CaseIterable {
        /// Plain text (allowed with credentials only to localhost).
        case none
        /// Plain text until `STARTTLS`; a server that does not offer it is refused.
        case starttls
        /// TLS from the first byte (usually port 465).
        case implicit
    }

    /// The SMTP server (`smtp` in `config/outbox.json`).
    public struct Settings: Sendable {
        public var host: String
        public var port: Int
        public var from: String
        /// The name sent with EHLO.
        public var heloName: String
        /// AUTH PLAIN credentials, when the server wants them.
        public var username: String?
        public var password: String?
        public var timeoutSeconds: Int
        /// nil: implicit on port 465, none for localhost, STARTTLS otherwise.
        public var tls: TLSMode?
        /// PEM file of the certificate authorities to trust instead of the system's.
        public var caFile: String?
        /// Whether the server's certificate and name are checked (only a test server should go without).
        public var verifyCertificates: Bool

        public init(
            host: String, port: Int = 25, from: String, heloName: String = "invoice-server", username: String? = nil,
            password: String? = nil, timeoutSeconds: Int = 10, tls: TLSMode? = nil, caFile: String? = nil, verifyCertificates: Bool = true
        ) {
            self.host = host
            self.port = port
            self.from = from
            self.heloName = heloName
            self.username = username
            self.password = password
            self.timeoutSeconds = timeoutSeconds
            self.tls = tls
            self.caFile = caFile
            self.verifyCertificates = verifyCertificates
        }

        /// Every key `smtp` may hold in `config/outbox.json`.
        static var keys: [ConfigKey<Settings>] {
            [
                .string("host", \.host),
                .integer("port", \.port, range: 1...65_535),
                .string("from", \.from),
                .string("helo_name", \.heloName),
                .optionalString("username", \.username),
                .optionalString("password", \.password),
                .integer("timeout_seconds", \.timeoutSeconds, range: 1...600),
                .choice("tls", \.tls),
                .optionalString("ca_file", \.caFile),
                .boolean("verify_certificates", \.verifyCertificates),
            ]
        }

        /// The encryption used: `tls` when set, else implicit on port 465, none for this
        /// machine, STARTTLS for any other server.
        public var tlsMode: TLSMode {
            if let tls { return tls }
            if port == 465 { return .implicit }
            return isLocal ? .none : .starttls
        }

        /// Whether the server is this machine (loopback), where plain text never leaves it.
        public var isLocal: Bool {
            let name = host.lowercased()
            return name == "localhost" || name.hasPrefix("127.") || name == "::1" || name == "[::1]"
        }

        /// Why these settings must not be used, or nil: credentials over plain text to another machine.
        public var problem: String? {
            guard username != nil, tlsMode == .none, !isLocal else { return nil }
            return "\"smtp\": credentials would cross an unencrypted connection to \(host); set \"tls\" to \"starttls\" or \"implicit\""
        }

        /// The TLS client settings: certificates verified unless turned off, `ca_file` as roots.
        var tlsConfiguration: TLSConfiguration {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = verifyCertificates ? .fullVerification : .none
            if let caFile { configuration.trustRoots = .file(caFile) }
            return configuration
        }
    }

    private let settings: Settings

    public init(settings: Settings) {
        self.settings = settings
    }

    public func deliver(_ message: ClaimedMessage, now: Int64) async throws(DeliveryFailure) -> DeliveryReceipt {
        let mail = Self.render(message, from: settings.from, now: now)
        do {
            let reply = try await Self.send(mail, to: message.destination, settings: settings)
            return DeliveryReceipt(statusCode: 250, detail: reply)
        } catch {
            throw DeliveryFailure(statusCode: error.code, detail: error.detail)
        }
    }

    private static func send(_ mail: [UInt8], to recipient: String, settings: Settings) async throws(SMTPConnection.Failure) -> String {
        guard !recipient.contains("\r"), !recipient.contains("\n"), !recipient.contains(">") else {
            throw SMTPConnection.Failure(code: nil, detail: "bad recipient")
        }
        return try await SMTPConnection.withConnection(settings) { connection in
            try await connection.expect(220...220)
            let greeting = try await connection.command("EHLO \(settings.heloName)", expect: 250...250)
            if settings.tlsMode == .starttls {
                guard greeting.lines.contains(where: { $0.dropFirst(4).uppercased().hasPrefix("STARTTLS") }) else {
                    throw SMTPConnection.Failure(code: nil, detail: "\(settings.host) does not offer STARTTLS")
                }
                try await connection.command("STARTTLS", expect: 220...220)
                try await connection.startTLS()
                try await connection.command("EHLO \(settings.heloName)", expect: 250...250)
            }
            if let username = settings.username, let password = settings.password {
                guard connection.isEncrypted || settings.isLocal else {
                    throw SMTPConnection.Failure(code: nil, detail: "refusing AUTH over an unencrypted connection to \(settings.host)")
                }
                let token = Data(("\0" + username + "\0" + password).utf8).base64EncodedString()
                try await connection.command("AUTH PLAIN \(token)", expect: 235...235)
            }
            try await connection.command("MAIL FROM:<\(settings.from)>", expect: 250...250)
            try await connection.command("RCPT TO:<\(recipient)>", expect: 250...251)
            try await connection.command("DATA", expect: 354...354)
            try await connection.write(mail + Array("\r\n.\r\n".utf8))
            let accepted = try await connection.expect(250...250)
            _ = try? await connection.command("QUIT", expect: 221...221)
            return accepted.lines.joined(separator: "\n")
        }
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
