import Foundation
import InvoicePlugin
import Kernel
import PluginSDK
import Testing
import TestSupport

@Suite("Coupons: the store's catalog, applied to lines, counted exactly")
struct CouponTests {
    @Test func theCatalogCreatesListsUpdatesAndDisablesCoupons() async throws {
        try await InvoiceFixture.with { fixture in
            let created = try await fixture.coupon(
                "create", ["code": "SPRING", "type": "percent", "value": "12.5", "ends_at": "2099-01-01T00:00:00Z", "usage_limit": 3])
            #expect(created.code == 0, "\(created.text)")
            #expect(created.data?["value"] == "12.50")
            #expect(created.data?["ends_at"] == "2099-01-01T00:00:00Z")
            #expect(created.data?["used"] == 0)
            let fixed = try await fixture.coupon("create", ["code": "TENOFF", "type": "fixed", "value": "10"])
            #expect(fixed.data?["value"] == "10.00")
            #expect(fixed.data?["currency"] == "CNY", "the store's currency")

            let changed = try await fixture.coupon("update", ["code": "SPRING", "value": "20", "usage_limit": 0])
            #expect(changed.data?["value"] == "20.00")
            #expect(changed.data?["usage_limit"] == .null)
            let disabled = try await fixture.coupon("disable", ["code": "TENOFF"])
            #expect(disabled.data?["disabled"] == true)
            let list = try await fixture.coupon("list")
            #expect(list.data?["total"] == 2)
            #expect(list.data?["items"]?.arrayValue?.map { $0["code"]?.stringValue ?? "" } == ["TENOFF", "SPRING"])

            let refusals: [(JSON, String)] = [
                (["code": "X1", "type": "bogus", "value": "1"], "'type'"),
                (["code": "X1", "type": "percent", "value": "100.01"], "'value'"),
                (["code": "X1", "type": "percent", "value": "0"], "'value'"),
                (["code": "X 1", "type": "percent", "value": "5"], "'code'"),
                (["code": "X1", "type": "fixed", "value": "abc"], "'value'"),
                (["code": "X1", "type": "percent", "value": "5", "starts_at": "2030-01-01", "ends_at": "2029-01-01"], "ends_at must be after starts_at"),
                (["code": "SPRING", "type": "percent", "value": "5"], "already has a coupon with this code"),
            ]
            for (body, named) in refusals {
                let answer = try await fixture.coupon("create", body)
                #expect(answer.code != 0, "\(body.text)")
                #expect(answer.msg?.contains(named) == true, "\(answer.text) should name \(named)")
            }
            #expect(try await fixture.coupon("list").data?["total"] == 2, "nothing refused was stored")
        }
    }

    @Test func aCouponTakesItsShareOffTheLineAndShowsInTotalsAndThePDF() async throws {
        try await InvoiceFixture.with { fixture in
            let coupon = try await fixture.coupon("create", ["code": "SAVE10", "type": "percent", "value": "10"])
            let answer = try await fixture.merchant(
                "create",
                [
                    "products": [
                        ["code": "A", "title": "Boots", "quantity": 2, "amount": "50.00", "discount_amount": "5.00", "discount_type": 1, "coupon_code": "SAVE10"],
                        ["code": "B", "title": "Laces", "quantity": 1, "amount": "4.00"],
                    ]
                ])
            #expect(answer.code == 0, "\(answer.text)")
            let invoice = try #require(answer.data)
            #expect(invoice["coupon_id"] == coupon.data?["id"])
            #expect(invoice["payment"]?["coupon"]?["code"] == "SAVE10")
            #expect(invoice["payment"]?["coupon"]?["discount"] == "10.00", "10% of 100.00, after the line's own 5.00")
            #expect(invoice["payment"]?["subtotal"]?["total"] == "89.00", "100 - 5 - 10 + 4")
            #expect(invoice["products"]?.arrayValue?.first?["coupon_discount"] == "10.00")
            #expect(invoice["products"]?.arrayValue?.last?["coupon_code"] == .null)
            #expect(try await fixture.coupon("list").data?["items"]?.arrayValue?.first?["used"] == 1)

            let pdf = try await fixture.merchant("pdf", ["id": invoice["id"] ?? .null])
            #expect(pdf.status == 200)
            let text = try PDFText.layout(pdf.body)
            #expect(text.contains("Coupon SAVE10"), "\(text)")
            #expect(text.contains("-10.00"), "\(text)")
        }
    }

    @Test func sellAppsCouponIdAppliesToEveryLineAndUpdateMovesTheUse() async throws {
        try await InvoiceFixture.with { fixture in
            let first = try #require(try await fixture.coupon("create", ["code": "FIVE", "type": "fixed", "value": "5"]).data)
            let second = try #require(try await fixture.coupon("create", ["code": "HALF", "type": "percent", "value": "50"]).data)
            let created = try await fixture.merchant(
                "create",
                ["coupon_id": first["id"] ?? .null, "products": [["title": "A", "amount": "3.00"], ["title": "B", "amount": "20.00"]]])
            #expect(created.code == 0, "\(created.text)")
            #expect(created.data?["payment"]?["subtotal"]?["total"] == "15.00", "5.00 off each line, never below zero: 0 + 15")
            let moved = try await fixture.merchant("update", ["id": created.data?["id"] ?? .null, "coupon_code": "HALF"])
            #expect(moved.code == 0, "\(moved.text)")
            #expect(moved.data?["coupon_id"] == second["id"])
            #expect(moved.data?["payment"]?["subtotal"]?["total"] == "11.50")
            let uses = try await fixture.coupon("list").data?["items"]?.arrayValue?.map { $0["used"]?.intValue ?? -1 }
            #expect(uses == [1, 0], "HALF counts the use, FIVE got it back")
            let removed = try await fixture.merchant("update", ["id": created.data?["id"] ?? .null, "coupon_code": ""])
            #expect(removed.data?["coupon_id"] == .null)
            #expect(removed.data?["payment"]?["subtotal"]?["total"] == "23.00")
        }
    }

    @Test func aCouponThatCannotBeUsedIsRefusedSayingWhyAndNothingIsStored() async throws {
        try await InvoiceFixture.with { fixture in
            _ = try await fixture.coupon("create", ["code": "OLD", "type": "percent", "value": "10", "ends_at": "2020-01-01T00:00:00Z"])
            _ = try await fixture.coupon("create", ["code": "SOON", "type": "percent", "value": "10", "starts_at": "2099-01-01T00:00:00Z"])
            _ = try await fixture.coupon("create", ["code": "EURO", "type": "fixed", "value": "1", "currency": "EUR"])
            _ = try await fixture.coupon("create", ["code": "OFF", "type": "percent", "value": "10"])
            _ = try await fixture.coupon("disable", ["code": "OFF"])
            let cases: [(String, String)] = [
                ("OLD", "coupon OLD cannot be used: it has ended"),
                ("SOON", "coupon SOON cannot be used: it is not valid yet"),
                ("EURO", "coupon EURO cannot be used: it is for EUR invoices"),
                ("OFF", "coupon OFF cannot be used: it is disabled"),
                ("NOPE", "coupon_code: unknown coupon(s) NOPE"),
            ]
            for (code, message) in cases {
                let answer = try await fixture.merchant("create", ["products": [["title": "A", "amount": "3.00", "couponCode": .string(code)]]])
                #expect(answer.code == -1, "\(answer.text)")
                #expect(answer.msg == message, "\(answer.text)")
            }
            let two = try await fixture.merchant(
                "create", ["products": [["title": "A", "amount": "3.00", "coupon_code": "OLD"], ["title": "B", "amount": "3.00", "coupon_code": "SOON"]]])
            #expect(two.msg == "an invoice takes one coupon: its lines name different ones")
            let count = try await fixture.server.kernel.access.storage.read { db in
                try db.queryOne("SELECT COUNT(*) AS n FROM invoice_invoices")?.int64("n") ?? -1
            }
            #expect(count == 0)
        }
    }

    @Test func aUsageLimitHoldsExactlyUnderConcurrentInvoices() async throws {
        try await InvoiceFixture.with { fixture in
            _ = try await fixture.coupon("create", ["code": "FIRST5", "type": "percent", "value": "10", "usage_limit": 5])
            let codes = try await withThrowingTaskGroup(of: Int64.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        try await fixture.merchant(
                            "create", ["request_id": .string("race-\(index)"), "products": [["title": "A", "amount": "10.00", "coupon_code": "FIRST5"]]]
                        ).code ?? 99
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0.append($1) }
            }
            #expect(codes.filter { $0 == 0 }.count == 5)
            #expect(codes.filter { $0 == -1 }.count == 19)
            let (used, invoices) = try await fixture.server.kernel.access.storage.read { db in
                (
                    try db.queryOne("SELECT used FROM invoice_coupons WHERE code = 'FIRST5'")?.int64("used") ?? -1,
                    try db.queryOne("SELECT COUNT(*) AS n FROM invoice_invoices WHERE coupon_id IS NOT NULL")?.int64("n") ?? -1
                )
            }
            #expect(used == 5)
            #expect(invoices == 5)
        }
    }
}

extension InvoiceFixture {
    /// Calls `invoice/coupon/<action>` with the API key.
    func coupon(_ action: String, _ body: JSON = .emptyObject) async throws -> HTTPResult {
        try await server.call("invoice", "coupon", action, body, headers: [("X-Api-Key", apiKey)])
    }
}
