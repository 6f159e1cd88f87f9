import Foundation
import Outbox
import PluginSDK
import Storage
import Testing
import TestSupport

/// How the SMTP client reads a mail server's replies (the reader its fuzzer runs, Fuzz/README.md),
/// against a real server on a real port that answers as a script says.
@Suite("Outbox: SMTP replies")
struct SMTPReplyTests {
    /// Delivers one email through a `smtp_script.py` server in `mode`; answers the message's
    /// status and the last attempt's detail.
    static func deliver(mode: String, _ check: @Sendable (SinkProcess, _ status: String?, _ detail: String?) async throws -> Void) async throws {
        try await SinkProcess.with(script: "smtp_script.py", arguments: ["--mode", mode]) { sink in
            try await OutboxHarness.with { harness in
                let settings = SMTPChannel.Settings(host: "127.0.0.1", port: sink.port, from: "billing@shop.test", timeoutSeconds: 5)
                let eventID = try #require(
                    try await harness.enqueue(.email(storeID: 1, address: "ali@example.com", topic: "invoice.reminder", subject: "INV-7", body: "due")))
                let worker = harness.worker([.email: SMTPChannel(settings: settings)])
                #expect(try await worker.runOnce() == 1)
                let status = try await harness.row(eventID)?.string("status")
                let detail = try await harness.storage.read { db in
                    try db.queryOne(
                        "SELECT d.detail FROM outbox_deliveries d JOIN outbox o ON o.id = d.outbox_id WHERE o.event_id = ? ORDER BY d.id DESC",
                        eventID)?.string("detail")
                }
                try await check(sink, status, detail)
            }
        }
    }

    @Test func multiLineRepliesEndingInABareLineFeedAreRead() async throws {
        try await Self.deliver(mode: "well-formed") { sink, status, detail in
            #expect(status == "delivered")
            #expect(detail == "250 2.0.0 Ok: queued")
            let records = try await sink.waitForRecords(1)
            #expect(records.count == 1)
        }
    }

    @Test func aReplyThatNeverEndsIsCutOffAt64KiB() async throws {
        try await Self.deliver(mode: "endless") { _, status, detail in
            #expect(status == "pending", "a failed attempt: the message waits for the next one")
            #expect(detail == "reply longer than 65536 bytes")
        }
    }

    @Test func aCodeRunIntoItsTextIsMalformed() async throws {
        try await Self.deliver(mode: "bad-code") { _, status, detail in
            #expect(status == "pending")
            #expect(detail == "malformed reply: 250ok")
        }
    }
}
