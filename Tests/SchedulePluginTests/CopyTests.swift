import Foundation
import Kernel
import PluginSDK
import Storage
import Testing
import TestSupport

@testable import SchedulePlugin

@Suite("Copy: invoices and schedules for other customers")
struct CopyTests {
    @Test func copyingAnInvoiceMakesOneFreshInvoicePerCustomerWithTheSameLines() async throws {
        try await ScheduleFixture.with { fixture in
            for code in ["A1", "A2"] { try await fixture.customer(code, email: "\(code.lowercased())@example.com") }
            let original = try await fixture.server.call(
                "invoice", "merchant", "create",
                ["products": [["code": "P", "title": "Consulting", "quantity": 3, "amount": "40.00", "discount_amount": "10.00", "discount_type": 1]]],
                headers: [("X-Api-Key", fixture.apiKey)])
            let number = try #require(original.data?["number"]?.stringValue)
            let answer = try await fixture.server.call(
                "copy", "merchant", "copy", ["Code": .string(number), "SendDate": "2026-12-02T08:00:00Z", "CustomerCodes": ["A1", "A2"]],
                headers: [("X-Api-Key", fixture.apiKey)])
            #expect(answer.code == 0, "\(answer.text)")
            #expect(answer.data?["kind"] == "invoice")
            #expect(answer.data?["copies"]?.arrayValue?.count == 2)
            let report = try await fixture.scheduler().tick(now: ScheduleFixture.utc("2026-12-02T08:00:01Z"))
            #expect(report.invoices == 2)
            let totals = try await fixture.server.kernel.access.storage.read { db in
                try db.query("SELECT number, total, status, customer FROM invoice_invoices ORDER BY id").map {
                    [$0.string("number") ?? "", String($0.int64("total") ?? 0), $0.string("status") ?? ""]
                }
            }
            #expect(totals.count == 3)
            #expect(totals.map { $0[1] } == ["11000", "11000", "11000"], "3 x 40.00 - 10.00 each time")
            #expect(Set(totals.map { $0[0] }).count == 3, "fresh numbers")
            #expect(totals.dropFirst().allSatisfy { $0[2] == "pending" })
        }
    }

    @Test func copyingAScheduleMakesOneSchedulePerCustomer() async throws {
        try await ScheduleFixture.with { fixture in
            for code in ["B1", "B2", "B3"] { try await fixture.customer(code) }
            let schedule = try await fixture.ok("merchant", "create", ScheduleFixture.body(customers: ["B1"], sendDate: "2026-12-01T09:00:00Z"))
            let answer = try await fixture.server.call(
                "copy", "merchant", "copy", ["Code": schedule["code"] ?? .null, "SendDate": "2027-01-15T09:00:00Z", "CustomerCodes": ["B2", "B3"]],
                headers: [("X-Api-Key", fixture.apiKey)])
            #expect(answer.code == 0, "\(answer.text)")
            #expect(answer.data?["kind"] == "schedule")
            let copies = answer.data?["copies"]?.arrayValue ?? []
            #expect(copies.count == 2)
            #expect(copies.allSatisfy { $0["sendDate"] == "2027-01-15T09:00:00Z" && $0["totals"]?["total"] == schedule["totals"]?["total"] })
            #expect(try await fixture.count("SELECT COUNT(*) FROM schedule_schedules") == 3)
        }
    }

    @Test func unknownCodesAreNamedAndNothingIsCreated() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("K1")
            let schedule = try await fixture.ok("merchant", "create", ScheduleFixture.body(customers: ["K1"], sendDate: "2026-12-01T09:00:00Z"))
            let badCustomers = try await fixture.server.call(
                "copy", "merchant", "copy", ["Code": schedule["code"] ?? .null, "SendDate": "2027-01-15T09:00:00Z", "CustomerCodes": ["K1", "NO-1", "NO-2"]],
                headers: [("X-Api-Key", fixture.apiKey)])
            #expect(badCustomers.code == -1)
            #expect(badCustomers.msg?.contains("NO-1, NO-2") == true, "\(badCustomers.text)")
            let badCode = try await fixture.server.call(
                "copy", "merchant", "copy", ["Code": "INV-NOPE", "SendDate": "2027-01-15T09:00:00Z", "CustomerCodes": ["K1"]],
                headers: [("X-Api-Key", fixture.apiKey)])
            #expect(badCode.msg?.contains("INV-NOPE") == true)
            #expect(try await fixture.count("SELECT COUNT(*) FROM schedule_schedules") == 1, "all or nothing")
        }
    }
}
