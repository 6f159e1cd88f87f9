import OutboundHTTP
import PluginSDK
/// Webhooks: a JSON POST of `{"id", "type", "created", "store_id", "data"}`, signed with the
/// message's secret in `X-Signature: t=..,v1=..` (see `SignedPayload`) and carrying the event id
/// in `X-Event-Id` so receivers can de-duplicate. Any 2xx answer counts as delivered.
public struct WebhookChannel: OutboxChannel {
    private let http: OutboundHTTP
    private let timeout: Duration

    public init(http: OutboundHTTP = OutboundHTTP(maxBody: 4_096), timeout: Duration = .seconds(10)) {
        self.http = http
        self.timeout = timeout
    }

    public func deliver(_ message: ClaimedMessage, now: Int64) async throws(DeliveryFailure) -> DeliveryReceipt {
        let body: JSON = [
            "id": .string(message.eventID), "type": .string(message.topic), "created": .int(now),
            "store_id": .int(message.storeID), "data": message.payload,
        ]
        let bytes = body.serialized()
        var headers = [("Content-Type", "application/json"), ("X-Event-Id", message.eventID), ("User-Agent", "invoice-server-webhooks")]
        if let secret = message.secret, !secret.isEmpty {
            headers.append(("X-Signature", SignedPayload.sign(payload: bytes, secret: secret, timestamp: now)))
        }
        let answer: OutboundHTTP.Answer
        do {
            answer = try await http.post(url: message.destination, headers: headers, body: bytes, timeout: timeout)
        } catch {
            throw DeliveryFailure(detail: error.description)
        }
        guard (200..<300).contains(answer.status) else {
            throw DeliveryFailure(statusCode: answer.status, detail: String(decoding: answer.body.prefix(200), as: UTF8.self))
        }
        return DeliveryReceipt(statusCode: answer.status)
    }
}
