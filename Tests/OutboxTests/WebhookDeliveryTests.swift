import Foundation
import Kernel
import Outbox
import PluginSDK
import Storage
import Testing
import TestSupport

/// A receiver that is always down.
struct RefusingChannel: OutboxChannel {
    func deliver(_ message: ClaimedMessage, now: Int64) async throws(DeliveryFailure) -> DeliveryReceipt {
        throw DeliveryFailure(statusCode: 503, detail: "receiver down")
    }
}

@Suite("Outbox: webhooks")
struct WebhookDeliveryTests {
    @Test func webhookArrivesSignedWithItsEventIDAndIsMarkedDeliveredOnce() async throws {
        try await SinkProcess.with(script: "http_sink.py") { sink in
            try await OutboxHarness.with { harness in
                let message = OutboxMessage.webhook(
                    storeID: 1, url: "http://127.0.0.1:\(sink.port)/hook", secret: "whsec_test", topic: "invoice.reminder",
                    data: ["invoice": "INV-1", "text": "یادآوری"])
                let eventID = try #require(try await harness.enqueue(message))
                let worker = harness.worker([.webhook: WebhookChannel()])
                #expect(try await worker.runOnce() == 1)
                #expect(try await worker.runOnce() == 0)
                let records = try await sink.waitForRecords(1)
                #expect(records.count == 1)
                let request = try #require(records.first)
                #expect(request["headers"]?["x-event-id"]?.stringValue == eventID)
                let body = Array((request["body"]?.stringValue ?? "").utf8)
                let signature = request["headers"]?["x-signature"]?.stringValue
                #expect(SignedPayload.verify(header: signature, payload: body, secret: "whsec_test", now: harness.clock.now))
                #expect(!SignedPayload.verify(header: signature, payload: body, secret: "other", now: harness.clock.now))
                let json = try JSON.parse(body)
                #expect(json["id"]?.stringValue == eventID)
                #expect(json["type"]?.stringValue == "invoice.reminder")
                #expect(json["data"]?["text"]?.stringValue == "یادآوری")
                let row = try #require(try await harness.row(eventID))
                #expect(row.string("status") == "delivered")
                #expect(row.int64("attempts") == 1)
            }
        }
    }

    @Test func messageEnqueuedInAWriteThatFailsIsNeverSent() async throws {
        try await OutboxHarness.with { harness in
            let outbox = harness.outbox
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await harness.storage.write { db in
                    try outbox.enqueue(.webhook(storeID: 1, url: "http://127.0.0.1:9/x", secret: "s", topic: "t", data: [:]), in: db)
                    throw Refused()
                }
            }
            let count = try await harness.storage.read { db in try db.scalar("SELECT COUNT(*) FROM outbox").int64 }
            #expect(count == 0)
        }
    }

    @Test func failedAttemptsAreRetriedWithExponentialBackoffAndLogged() async throws {
        try await SinkProcess.with(script: "http_sink.py", arguments: ["--fail-first", "2"]) { sink in
            try await OutboxHarness.with { harness in
                let eventID = try #require(
                    try await harness.enqueue(
                        .webhook(storeID: 1, url: "http://127.0.0.1:\(sink.port)/", secret: "s", topic: "t", data: ["n": 1])))
                let worker = harness.worker([.webhook: WebhookChannel()])
                let start = harness.clock.now
                #expect(try await worker.runOnce() == 1)
                var row = try #require(try await harness.row(eventID))
                #expect(row.string("status") == "pending")
                #expect(row.int64("next_attempt_at") == start + 10)
                #expect(try await worker.runOnce() == 0, "not due before its backoff")
                harness.clock.advance(10)
                #expect(try await worker.runOnce() == 1)
                row = try #require(try await harness.row(eventID))
                #expect(row.int64("next_attempt_at") == start + 10 + 20, "the second wait doubles")
                harness.clock.advance(20)
                #expect(try await worker.runOnce() == 1)
                row = try #require(try await harness.row(eventID))
                #expect(row.string("status") == "delivered")
                let outbox = harness.outbox
                let attempts = try await harness.storage.read { db in
                    try outbox.attempts(of: try #require(try outbox.find(storeID: 1, eventID: eventID, in: db)), in: db)
                }
                #expect(attempts.map(\.statusCode) == [500, 500, 200])
                #expect(attempts.map(\.ok) == [false, false, true])
                let records = try await sink.waitForRecords(3)
                #expect(Set(records.compactMap { $0["headers"]?["x-event-id"]?.stringValue }) == [eventID], "one event id across retries")
            }
        }
    }

    @Test func webhookIsRetriedForThreeDaysThenMarkedFailed() async throws {
        try await OutboxHarness.with { harness in
            let eventID = try #require(
                try await harness.enqueue(.webhook(storeID: 1, url: "http://127.0.0.1:9/closed", secret: "s", topic: "t", data: [:])))
            var policy = OutboxPolicy()
            policy.maxDelaySeconds = 6 * 3_600
            let worker = harness.worker([.webhook: RefusingChannel()], policy: policy)
            var rounds = 0
            while try await harness.row(eventID)?.string("status") == "pending", rounds < 40 {
                let next = try await harness.row(eventID)?.int64("next_attempt_at") ?? 0
                harness.clock.advance(max(0, next - harness.clock.now))
                try await worker.runOnce()
                rounds += 1
            }
            let row = try #require(try await harness.row(eventID))
            #expect(row.string("status") == "failed")
            let created = row.int64("created_at") ?? 0
            #expect(harness.clock.now - created <= 3 * 86_400)
            #expect(harness.clock.now - created > 2 * 86_400, "kept trying for most of the three days")
            #expect((row.string("last_error") ?? "").isEmpty == false)
        }
    }

    @Test func sameDedupeKeyEnqueuesOnce() async throws {
        try await OutboxHarness.with { harness in
            let first = try await harness.enqueue(.sms(storeID: 1, phone: "+989120000000", topic: "r", text: "a", dedupeKey: "inv-1/-3"))
            let second = try await harness.enqueue(.sms(storeID: 1, phone: "+989120000000", topic: "r", text: "a", dedupeKey: "inv-1/-3"))
            #expect(first != nil)
            #expect(second == nil)
        }
    }

    @Test func redeliverSendsADeliveredMessageAgainWithTheSameEventID() async throws {
        try await SinkProcess.with(script: "http_sink.py") { sink in
            try await OutboxHarness.with { harness in
                let eventID = try #require(
                    try await harness.enqueue(.webhook(storeID: 1, url: "http://127.0.0.1:\(sink.port)/", secret: "s", topic: "t", data: [:])))
                let worker = harness.worker([.webhook: WebhookChannel()])
                try await worker.runOnce()
                let outbox = harness.outbox
                let pendingAgain = try await harness.storage.write { db in try outbox.redeliver(storeID: 1, eventID: eventID, in: db) }
                #expect(pendingAgain)
                let otherStore = try await harness.storage.write { db in try outbox.redeliver(storeID: 2, eventID: eventID, in: db) }
                #expect(!otherStore, "another store's message answers as missing")
                try await worker.runOnce()
                let records = try await sink.waitForRecords(2)
                #expect(records.compactMap { $0["headers"]?["x-event-id"]?.stringValue } == [eventID, eventID])
                #expect(try await harness.row(eventID)?.string("status") == "delivered")
            }
        }
    }
}
