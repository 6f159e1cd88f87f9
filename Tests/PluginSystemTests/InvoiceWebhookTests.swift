import Crypto
import Foundation
import InvoicePlugin
import Kernel
import Logging
import Outbox
import PluginSDK
import TestSupport
import Testing

/// Issue 14: the URLs in an invoice's `webhooks` are called through the outbox when it is paid,
/// refunded or canceled - signed, with an event id, retried, logged and redeliverable.
@Suite struct InvoiceWebhookTests {
    @Test func paidRefundedAndCanceledInvoicesNotifyTheirWebhooksSignedAndRetried() async throws {
        try await SinkProcess.with(script: "http_sink.py", arguments: ["--fail-first", "1"]) { sink in
            try await TestServer.with(plugins: [InvoicePlugin()]) { server in
                let key = try await server.kernel.access.accounts.createAPIKey(storeID: 1, scopes: ["invoices"]).key
                let merchant = { @Sendable (action: String, body: JSON) in
                    try await server.call("invoice", "merchant", action, body, headers: [("X-Api-Key", key)])
                }
                let url = "http://127.0.0.1:\(sink.port)/hooks"
                let line: JSON = [["code": "P", "title": "T", "quantity": 1, "amount": "10.00"]]
                let paid = try await merchant("create", ["products": line, "webhooks": [.string(url)]])
                let paidID = paid.data?["id"] ?? .null
                let quiet = try await merchant("create", ["products": line])
                let canceled = try await merchant("create", ["products": line, "webhooks": [.string(url)]])
                let outboxCount = { @Sendable in
                    try await server.kernel.access.storage.read { db in try db.scalar("SELECT COUNT(*) FROM outbox").int ?? 0 }
                }
                #expect(try await outboxCount() == 0, "creating an invoice notifies nobody")
                #expect(try await merchant("pay", ["id": paidID, "gateway": "stripe", "transaction_id": "t1", "amount": "10.00"]).code == 0)
                #expect(try await merchant("pay", ["id": quiet.data?["id"] ?? .null, "gateway": "stripe", "transaction_id": "t2", "amount": "10.00"]).code == 0)
                #expect(try await merchant("refund", ["id": paidID, "amount": "4.00"]).code == 0)
                #expect(try await merchant("cancel", ["id": canceled.data?["id"] ?? .null]).code == 0)
                #expect(try await outboxCount() == 3, "one message per change of an invoice with webhooks, written with the change")

                var policy = OutboxPolicy()
                policy.baseDelaySeconds = 0
                let worker = OutboxWorker(
                    storage: server.kernel.access.storage, channels: OutboxConfiguration().channels, policy: policy,
                    logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
                while try await worker.runOnce() > 0 {}
                let records = try await sink.waitForRecords(4)
                #expect(records.count == 4, "the first attempt failed (HTTP 500) and was retried")
                let settings = try await server.call(
                    "invoice", "settings", "view", token: try await server.admin("root"), path: "/admin/plugins/index")
                let secret = try #require(settings.data?["settings"]?["webhook_signing_secret"]?.stringValue)
                #expect(secret.hasPrefix("whsec_"))
                var topics: [String] = []
                for record in records.dropFirst() {
                    let body = Array((record["body"]?.stringValue ?? "").utf8)
                    let header = record["headers"]?["x-signature"]?.stringValue
                    #expect(SignedPayload.verify(header: header, payload: body, secret: secret, now: Int64(Date().timeIntervalSince1970)))
                    #expect(record["headers"]?["x-event-id"]?.stringValue?.hasPrefix("evt_") == true)
                    let event = try JSON.parse(body)
                    topics.append(event["type"]?.stringValue ?? "")
                    #expect(event["data"]?["webhooks"] == [.string(url)])
                }
                #expect(Set(topics) == ["invoice.paid", "invoice.refunded", "invoice.canceled"])

                let log = try await server.call("invoice", "delivery", "list", headers: [("X-Api-Key", key)])
                #expect(log.data?["total"] == 3)
                let first = try #require(log.data?["items"]?.arrayValue?.last?["event_id"])
                let view = try await server.call("invoice", "delivery", "view", ["event_id": first], headers: [("X-Api-Key", key)])
                #expect(view.data?["attempts_log"]?.arrayValue?.isEmpty == false)
                let again = try await server.call("invoice", "delivery", "redeliver", ["event_id": first], headers: [("X-Api-Key", key)])
                #expect(again.data?["status"] == "pending")
                while try await worker.runOnce() > 0 {}
                let redelivered = try await sink.waitForRecords(5)
                #expect(redelivered.last?["headers"]?["x-event-id"]?.stringValue == first.stringValue, "the same event id")
            }
        }
    }
}
