import Foundation
import Kernel
import PluginSDK
import Testing
import TestSupport

@testable import SchedulePlugin

@Suite("Schedule: create, validate, price")
struct CreateScheduleTests {
    @Test func paypingBodyIsPricedToTheCentAndItsInvoicesCostTheSame() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.saveInvoiceSettings(["currency": "USD", "tax_rate_bp": 900, "tax_inclusive": false])
            try await fixture.customer("C1", email: "c1@example.com")
            try await fixture.ok("item", "create", ["code": "A", "title": "Plan (catalog)", "amount": "1.00", "haveTax": true])
            try await fixture.ok("item", "create", ["code": "B", "title": "Support", "amount": "333.33", "haveTax": false])
            var body = ScheduleFixture.body(customers: ["C1"], sendDate: "2026-12-01T09:00:00Z").objectValue!
            body["discountAmount"] = 5
            body["discountType"] = 0
            body["shipping"] = "50.00"
            body["products"] = [
                ["code": "A", "title": "Plan", "quantity": 2, "amount": "1000.00", "discountAmount": 10, "discountType": 0, "haveTax": true],
                ["code": "B", "quantity": 1, "discountAmount": "33.33", "discountType": 1],
            ]
            let created = try await fixture.ok("merchant", "create", .object(body))
            let totals = try #require(created["totals"])
            #expect(totals["subtotal"] == "2333.33")
            #expect(totals["discount"] == "338.33")
            #expect(totals["shipping"] == "50.00")
            #expect(totals["vat"] == "153.90")
            #expect(totals["total"] == "2198.90")
            let report = try await fixture.scheduler().tick(now: ScheduleFixture.utc("2026-12-01T09:00:05Z"))
            #expect(report.invoices == 1)
            let occurrences = try await fixture.ok("merchant", "occurrences", ["code": created["code"] ?? .null])
            let invoice = try #require(occurrences["done"]?.arrayValue?.first?["invoices"]?.arrayValue?.first)
            #expect(invoice["total"] == "2198.90")
            #expect(invoice["customer"] == "C1")
            #expect(occurrences["done"]?.arrayValue?.first?["dueDate"] == "2026-12-08T09:00:00Z")
            let view = try await fixture.server.call(
                "invoice", "merchant", "view", ["number": invoice["number"] ?? .null], headers: [("X-Api-Key", fixture.apiKey)])
            #expect(view.data?["payment"]?["subtotal"]?["total"] == "2198.90")
            #expect(view.data?["products"]?.arrayValue?.count == 3, "two products and the shipping line")
        }
    }

    @Test func formBodyWithBracketKeysIsAccepted() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("F1")
            let form = [
                "customers[0][code]=F1", "createStatus=1", "title=Form%20plan", "sendDate=2026-12-01T09:00:00Z",
                "schedule[interval]=1", "schedule[scheduleType]=1", "schedule[count]=4", "schedule[dueDateAfterHowManyDay]=3",
                "products[0][title]=Seat", "products[0][quantity]=3", "products[0][amount]=12.50",
            ].joined(separator: "&")
            let answer = try await RawHTTP.send(
                port: fixture.server.port,
                target: "/api/plugins/index?pluginsname=schedule&pluginscontrol=merchant&pluginsaction=create",
                headers: [("Content-Type", "application/x-www-form-urlencoded"), ("X-Api-Key", fixture.apiKey)], body: Array(form.utf8))
            #expect(answer.code == 0, "\(answer.text)")
            #expect(answer.data?["totals"]?["total"] == "37.50")
            #expect(answer.data?["schedule"]?["count"] == 4)
        }
    }

    @Test func validationNamesTheBadField() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("V1")
            let good = ScheduleFixture.body(customers: ["V1"], sendDate: "2026-12-01T09:00:00Z").objectValue!
            let cases: [(String, JSON, String)] = [
                ("title", "", "title"),
                ("sendDate", "yesterday", "sendDate"),
                ("discountType", 7, "discountType"),
                ("schedule", ["interval": 1, "scheduleType": 9, "count": 3], "schedule.scheduleType"),
                ("schedule", ["interval": 1, "scheduleType": 2, "count": 1_001], "schedule.count"),
                ("schedule", ["interval": 1, "scheduleType": 2, "count": 2, "timeZone": "Mars/Base"], "schedule.timeZone"),
                ("products", [["title": "X", "amount": "1.234.5"]], "products[0].amount"),
                ("products", [["title": "X", "amount": "1", "quantity": 0]], "products[0].quantity"),
                ("customers", [["code": "NOPE1"], ["code": "V1"], ["code": "NOPE2"]], "NOPE1, NOPE2"),
                ("cc", [["emailAddress": "not-an-email"]], "cc[0].emailAddress"),
            ]
            for (field, value, named) in cases {
                var body = good
                body[field] = value
                let answer = try await fixture.call("merchant", "create", .object(body))
                #expect(answer.code != 0, "\(field) = \(value.text)")
                #expect(answer.msg?.contains(named) == true, "\(answer.msg ?? "") should name \(named)")
            }
            #expect(try await fixture.count("SELECT COUNT(*) FROM schedule_schedules") == 0, "nothing was created")
        }
    }

    @Test func unknownCatalogCodesAreReportedTogether() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("K1")
            var body = ScheduleFixture.body(customers: ["K1"], sendDate: "2026-12-01T09:00:00Z").objectValue!
            body["products"] = [["code": "GHOST-A", "quantity": 1], ["code": "GHOST-B"]]
            let answer = try await fixture.call("merchant", "create", .object(body))
            #expect(answer.code == -1)
            #expect(answer.msg?.contains("GHOST-A, GHOST-B") == true, "\(answer.text)")
        }
    }

    @Test func tagIdsReachEveryTaggedCustomer() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("T1", tags: ["vip"])
            try await fixture.customer("T2", tags: ["vip", "north"])
            try await fixture.customer("T3", tags: ["north"])
            var body = ScheduleFixture.body(customers: [], sendDate: "2026-12-01T09:00:00Z", count: 1).objectValue!
            body["tagIds"] = ["vip"]
            let created = try await fixture.ok("merchant", "create", .object(body))
            #expect(created["customers"] == 2)
            let report = try await fixture.scheduler().tick(now: ScheduleFixture.utc("2026-12-01T09:00:01Z"))
            #expect(report.invoices == 2)
            body["tagIds"] = ["nobody-has-this"]
            let empty = try await fixture.call("merchant", "create", .object(body))
            #expect(empty.msg?.contains("nobody-has-this") == true)
        }
    }
}
