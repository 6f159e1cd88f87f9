import Foundation
import Kernel
import PluginSDK
import Testing
import TestSupport

@testable import SchedulePlugin

/// A schedule without `timeZone` takes its store's zone (the invoice plugin's `time_zone`): its
/// occurrences fall on the store's days and its messages name the store's dates.
@Suite("Schedule: the store's time zone")
struct StoreTimeZoneScheduleTests {
    @Test func aScheduleWithoutATimeZoneUsesTheStoresAndItsMessagesItsDates() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.saveInvoiceSettings(["time_zone": "Asia/Shanghai"])
            try await fixture.customer("S1", phone: "+8613800000000")
            // 04:00 on 1 January in Shanghai; due 7 days later, on 8 January there (7 January in UTC).
            let created = try await fixture.ok(
                "merchant", "create", ScheduleFixture.body(customers: ["S1"], sendDate: "2026-12-31T20:00:00Z", count: 2))
            #expect(created["schedule"]?["timeZone"] == "Asia/Shanghai")
            // Monthly in Shanghai: 1 February 04:00 there, 31 January 20:00 UTC.
            let occurrences = try await fixture.ok("merchant", "occurrences", ["code": created["code"] ?? .null])
            #expect(occurrences["next"]?.arrayValue?.last?["sendDate"] == "2027-01-31T20:00:00Z", "\(occurrences.text)")

            _ = try await fixture.scheduler().tick(now: ScheduleFixture.utc("2026-12-31T20:00:00Z"))
            let sms = try await fixture.server.kernel.access.storage.read { db in
                try db.queryOne("SELECT payload FROM outbox WHERE topic = 'invoice.sent' AND channel = 'sms'")?.string("payload")
            }
            #expect(sms?.contains("due 2027-01-08") == true, "\(sms ?? "no SMS")")

            var explicit = ScheduleFixture.body(customers: ["S1"], sendDate: "2026-12-31T20:00:00Z").objectValue ?? [:]
            var recurrence = explicit["schedule"]?.objectValue ?? [:]
            recurrence["timeZone"] = "Europe/Berlin"
            explicit["schedule"] = .object(recurrence)
            explicit["number"] = "SCH-BERLIN"
            let berlin = try await fixture.ok("merchant", "create", .object(explicit))
            #expect(berlin["schedule"]?["timeZone"] == "Europe/Berlin", "a schedule's own zone wins")
        }
    }
}
