import Foundation
import Kernel
import PluginSDK
import Storage
import Testing
import TestSupport

@testable import SchedulePlugin

@Suite("Schedule: templates and reminders")
struct ReminderTests {
    @Test func templatesAreFilledInOnePassAndKeepWhatTheyDoNotKnow() {
        let values = ["customer_name": "{pay_link}", "amount": "5.00 USD", "pay_link": "https://pay.example/INV-1"]
        #expect(
            MessageTemplate.fill("Hi {customer_name}: {amount} at {pay_link} {unknown} {amount", values)
                == "Hi {pay_link}: 5.00 USD at https://pay.example/INV-1 {unknown} {amount",
            "a value is never searched for placeholders again")
    }

    @Test func templateWithAnUnknownPlaceholderIsRefusedAtSaveTime() async throws {
        try await ScheduleFixture.with { fixture in
            let bad = try await fixture.call(
                "template", "save", ["kind": "reminder", "language": "fa", "subject": "یادآوری", "body": "سلام {customer_nam}", "sms": "{amount}"])
            #expect(bad.code == -1)
            #expect(bad.msg?.contains("body") == true && bad.msg?.contains("{customer_nam}") == true, "\(bad.text)")
            let unclosed = try await fixture.call(
                "template", "save", ["kind": "invoice", "language": "en", "subject": "Hi {customer_name", "body": "x", "sms": "y"])
            #expect(unclosed.msg?.contains("subject") == true)
            let good = try await fixture.call(
                "template", "save",
                ["kind": "reminder", "language": "fa", "subject": "یادآوری {invoice_number}", "body": "{customer_name} عزیز، مبلغ {amount} تا {due_date}",
                 "sms": "پرداخت: {pay_link}"])
            #expect(good.code == 0, "\(good.text)")
            let view = try await fixture.ok("template", "view")
            let custom = view["templates"]?.arrayValue?.filter { $0["custom"] == true } ?? []
            #expect(custom.count == 1)
        }
    }

    @Test func remindersGoBeforeAndAfterTheDueDateUntilPaid() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("M1", email: "m1@example.com", phone: "+989120001111", language: "fa")
            try await fixture.ok(
                "template", "save",
                ["kind": "reminder", "language": "fa", "subject": "یادآوری {invoice_number}", "body": "{customer_name} عزیز، مبلغ {amount} تا {due_date}",
                 "sms": "یادآوری {invoice_number}"])
            try await fixture.ok("settings", "save", ["reminder_offsets": [-3, 1, 7]])
            try await fixture.ok("merchant", "create", ScheduleFixture.body(customers: ["M1"], sendDate: "2026-12-01T09:00:00Z", count: 1))
            let scheduler = fixture.scheduler()
            _ = try await scheduler.tick(now: ScheduleFixture.utc("2026-12-01T09:00:00Z"))
            #expect(try await fixture.count("SELECT COUNT(*) FROM schedule_reminders WHERE status = 'pending'") == 3)
            #expect(try await fixture.count("SELECT COUNT(*) FROM outbox WHERE topic = 'invoice.sent'") == 2, "email and SMS for the new invoice")

            let before = try await scheduler.tick(now: ScheduleFixture.utc("2026-12-05T09:00:00Z"))
            #expect(before.reminders == 1, "three days before the due date (Dec 8)")
            let subject = try await fixture.server.kernel.access.storage.read { db in
                try db.queryOne("SELECT payload FROM outbox WHERE topic = 'invoice.reminder' AND channel = 'email'")?.string("payload")
            }
            #expect(subject?.contains("یادآوری INV-") == true, "the store's Persian template, filled")
            #expect(try await scheduler.tick(now: ScheduleFixture.utc("2026-12-05T10:00:00Z")).reminders == 0, "sent once")

            let number = try await fixture.server.kernel.access.storage.read { db in try db.queryOne("SELECT number, total FROM invoice_invoices") }
            let paid = try await fixture.server.call(
                "invoice", "merchant", "pay",
                ["number": JSON(number?.string("number")), "gateway": "stripe", "transaction_id": "tx-1", "amount": "100.00"],
                headers: [("X-Api-Key", fixture.apiKey)])
            #expect(paid.code == 0, "\(paid.text)")
            let after = try await scheduler.tick(now: ScheduleFixture.utc("2026-12-20T09:00:00Z"))
            #expect(after.reminders == 0, "paying stops them")
            #expect(try await fixture.count("SELECT COUNT(*) FROM schedule_reminders WHERE status = 'stopped'") == 2)
            #expect(try await fixture.count("SELECT COUNT(*) FROM outbox WHERE topic = 'invoice.reminder'") == 2, "one email and one SMS in all")
        }
    }

    @Test func deliveryLogListsMessagesAndRedeliversThem() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("L1", email: "l1@example.com")
            try await fixture.ok("merchant", "create", ScheduleFixture.body(customers: ["L1"], sendDate: "2026-12-01T09:00:00Z", count: 1))
            _ = try await fixture.scheduler().tick(now: ScheduleFixture.utc("2026-12-01T09:00:00Z"))
            let list = try await fixture.ok("delivery", "list", ["channel": "email"])
            let entry = try #require(list["items"]?.arrayValue?.first)
            #expect(entry["destination"] == "l1@example.com")
            #expect(entry["status"] == "pending")
            let pending = try await fixture.call("delivery", "redeliver", ["event_id": entry["event_id"] ?? .null])
            #expect(pending.code == -1, "a pending message is already on its way")
            let view = try await fixture.ok("delivery", "view", ["event_id": entry["event_id"] ?? .null])
            #expect(view["attempts_log"] == [])
            let missing = try await fixture.call("delivery", "view", ["event_id": "evt_nope"])
            #expect(missing.code == -1)
        }
    }
}
