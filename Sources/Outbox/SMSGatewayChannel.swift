import Kernel
import OutboundHTTP
import PluginSDK
import Foundation

/// SMS through an HTTP gateway: a POST to `url` with an optional auth header and a body made
/// from `bodyTemplate`, where `{to}` and `{text}` are replaced - JSON-escaped when the content
/// type is JSON, percent-encoded otherwise. Any 2xx answer counts as sent.
public struct SMSGatewayChannel: OutboxChannel {
    /// Where and how the gateway is called (`sms` in `config/outbox.json`).
    public struct Settings: Sendable {
        public var url: String
        public var authHeader: String?
        public var authValue: String?
        public var bodyTemplate: String
        public var contentType: String

        public init(
            url: String, authHeader: String? = nil, authValue: String? = nil,
            bodyTemplate: String = #"{"to":"{to}","text":"{text}"}"#, contentType: String = "application/json"
        ) {
            self.url = url
            self.authHeader = authHeader
            self.authValue = authValue
            self.bodyTemplate = bodyTemplate
            self.contentType = contentType
        }

        /// Every key `sms` may hold in `config/outbox.json`.
        static var keys: [ConfigKey<Settings>] {
            [
                .string("url", \.url),
                .optionalString("auth_header", \.authHeader),
                .optionalString("auth_value", \.authValue),
                .string("body_template", \.bodyTemplate),
                .string("content_type", \.contentType),
            ]
        }
    }

    private let settings: Settings
    private let http: OutboundHTTP

    public init(settings: Settings, http: OutboundHTTP = OutboundHTTP(maxBody: 4_096)) {
        self.settings = settings
        self.http = http
    }

    /// The request body for one message.
    public func body(to phone: String, text: String) -> String {
        let json = settings.contentType.lowercased().contains("json")
        let to = json ? Self.jsonEscaped(phone) : Self.percentEncoded(phone)
        let message = json ? Self.jsonEscaped(text) : Self.percentEncoded(text)
        return settings.bodyTemplate.replacingOccurrences(of: "{to}", with: to).replacingOccurrences(of: "{text}", with: message)
    }

    public func deliver(_ message: ClaimedMessage, now: Int64) async throws(DeliveryFailure) -> DeliveryReceipt {
        let text = message.payload["text"]?.stringValue ?? ""
        var headers = [("Content-Type", settings.contentType), ("X-Event-Id", message.eventID)]
        if let name = settings.authHeader, let value = settings.authValue { headers.append((name, value)) }
        let answer: OutboundHTTP.Answer
        do {
            answer = try await http.post(url: settings.url, headers: headers, body: Array(body(to: message.destination, text: text).utf8))
        } catch {
            throw DeliveryFailure(detail: error.description)
        }
        guard (200..<300).contains(answer.status) else {
            throw DeliveryFailure(statusCode: answer.status, detail: String(decoding: answer.body.prefix(200), as: UTF8.self))
        }
        return DeliveryReceipt(statusCode: answer.status)
    }

    static func jsonEscaped(_ text: String) -> String {
        let quoted = JSON.string(text).text
        return String(quoted.dropFirst().dropLast())
    }

    static func percentEncoded(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
