import Foundation
import Kernel
import PluginSDK
import Testing
import TestSupport

@testable import SchedulePlugin

@Suite("Schedule: couponCode from the invoice plugin's catalog")
struct ScheduleCouponTests {
    @Test func aScheduleCouponIsPricedNowUsedOncePerInvoiceAndDroppedWhenUsedUp() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("L1")
            let coupon = try await fixture.server.call(
                "invoice", "coupon", "create", ["code": "LOYAL", "type": "percent", "value": "10", "usage_limit": 2],
                headers: [("X-Api-Key", fixture.apiKey)])
            #expect(coupon.code == 0, "\(coupon.text)")
            var body = ScheduleFixture.body(customers: ["L1"], sendDate: "2026-01-01T09:00:00Z", count: 3).objectValue!
            body["products"] = [["title": "Plan", "amount": "100.00", "couponCode": "LOYAL"]]
            let created = try await fixture.ok("merchant", "create", .object(body))
            #expect(created["totals"]?["coupon"] == "10.00")
            #expect(created["totals"]?["total"] == "90.00")

            let report = try await fixture.scheduler().tick(now: ScheduleFixture.utc("2026-03-01T09:00:01Z"))
            #expect(report.invoices == 3)
            let rows = try await fixture.server.kernel.access.storage.read { db in
                try db.query("SELECT total, coupon_id FROM invoice_invoices ORDER BY id").map { ($0.int64("total") ?? 0, $0.int64("coupon_id")) }
            }
            #expect(rows.map(\.0) == [9_000, 9_000, 10_000], "the third invoice finds the coupon used up and is billed in full")
            #expect(rows.map { $0.1 != nil } == [true, true, false])
            #expect(try await fixture.count("SELECT used FROM invoice_coupons WHERE code = 'LOYAL'") == 2)
        }
    }

    @Test func anUnknownOrUnusableCouponIsRefusedAtCreationNamingIt() async throws {
        try await ScheduleFixture.with { fixture in
            try await fixture.customer("L2")
            _ = try await fixture.server.call(
                "invoice", "coupon", "create", ["code": "GONE", "type": "fixed", "value": "1", "ends_at": "2020-01-01T00:00:00Z"],
                headers: [("X-Api-Key", fixture.apiKey)])
            for (code, message) in [("NOSUCH", "coupon_code: unknown coupon(s) NOSUCH"), ("GONE", "coupon GONE cannot be used: it has ended")] {
                var body = ScheduleFixture.body(customers: ["L2"], sendDate: "2026-01-01T09:00:00Z").objectValue!
                body["products"] = [["title": "Plan", "amount": "100.00", "couponCode": .string(code)]]
                let answer = try await fixture.call("merchant", "create", .object(body))
                #expect(answer.msg == message, "\(answer.text)")
            }
            #expect(try await fixture.count("SELECT COUNT(*) FROM schedule_schedules") == 0)
        }
    }
}
