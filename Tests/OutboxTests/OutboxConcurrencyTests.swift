import Foundation
import Kernel
import Outbox
import PluginSDK
import Storage
import Testing
import TestSupport

/// A channel that never answers until cancelled: a worker stuck (or killed) mid-send.
struct StuckChannel: OutboxChannel {
    func deliver(_ message: ClaimedMessage, now: Int64) async throws(DeliveryFailure) -> DeliveryReceipt {
        do { try await Task.sleep(for: .seconds(3_600)) } catch {}
        throw DeliveryFailure(detail: "stopped")
    }
}

@Suite("Outbox: concurrency and crashes")
struct OutboxConcurrencyTests {
    @Test func twoWorkersOnTwoConnectionsDeliverEachMessageOnce() async throws {
        try await SinkProcess.with(script: "http_sink.py") { sink in
            let folder = TestServer.temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try await OutboxHarness.with(dataDir: folder) { first in
                try await OutboxHarness.with(dataDir: folder) { second in
                    var ids: Set<String> = []
                    for index in 0..<40 {
                        let id = try await first.enqueue(
                            .webhook(storeID: 1, url: "http://127.0.0.1:\(sink.port)/", secret: "s", topic: "t", data: ["n": .int(Int64(index))]))
                        ids.insert(try #require(id))
                    }
                    var policy = OutboxPolicy()
                    policy.batchSize = 5
                    let workers = [
                        first.worker([.webhook: WebhookChannel()], policy: policy, owner: "first"),
                        second.worker([.webhook: WebhookChannel()], policy: policy, owner: "second"),
                    ]
                    let claimed = try await withThrowingTaskGroup(of: Int.self) { group in
                        for worker in workers {
                            group.addTask {
                                var total = 0
                                while true {
                                    let handled = try await worker.runOnce()
                                    if handled == 0 { return total }
                                    total += handled
                                }
                            }
                        }
                        return try await group.reduce(0, +)
                    }
                    #expect(claimed == 40)
                    let records = try await sink.waitForRecords(40)
                    #expect(records.count == 40)
                    #expect(Set(records.compactMap { $0["headers"]?["x-event-id"]?.stringValue }) == ids)
                    let rows = try await first.storage.read { db in try db.query("SELECT status, attempts, lease_owner FROM outbox") }
                    #expect(rows.allSatisfy { $0.string("status") == "delivered" && $0.int64("attempts") == 1 })
                    let successes = try await first.storage.read { db in
                        try db.scalar("SELECT COUNT(*) FROM outbox_deliveries WHERE ok = 1").int64
                    }
                    #expect(successes == 40)
                }
            }
        }
    }

    @Test func workerStuckMidSendLosesItsLeaseAndCannotOverwriteTheDelivery() async throws {
        try await SinkProcess.with(script: "http_sink.py") { sink in
            try await OutboxHarness.with { harness in
                let eventID = try #require(
                    try await harness.enqueue(.webhook(storeID: 1, url: "http://127.0.0.1:\(sink.port)/", secret: "s", topic: "t", data: [:])))
                let stuck = harness.worker([.webhook: StuckChannel()], owner: "stuck")
                let stuckTask = Task { try await stuck.runOnce() }
                var owner: String?
                for _ in 0..<100 where owner != "stuck" {
                    owner = try await harness.row(eventID)?.string("lease_owner")
                    try await Task.sleep(for: .milliseconds(50))
                }
                #expect(owner == "stuck")
                let healthy = harness.worker([.webhook: WebhookChannel()], owner: "healthy")
                #expect(try await healthy.runOnce() == 0, "the lease hides the message")
                harness.clock.advance(OutboxPolicy().leaseSeconds + 1)
                #expect(try await healthy.runOnce() == 1)
                stuckTask.cancel()
                _ = try await stuckTask.value
                let row = try #require(try await harness.row(eventID))
                #expect(row.string("status") == "delivered")
                #expect(row.int64("attempts") == 2)
                #expect(row.string("last_error") == nil, "the stuck worker's late failure changed nothing")
                let records = try await sink.waitForRecords(1)
                #expect(records.count == 1)
            }
        }
    }
}
