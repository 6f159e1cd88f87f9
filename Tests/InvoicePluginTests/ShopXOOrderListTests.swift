import Foundation
import Kernel
import PluginSDK
import TestSupport
import Testing

/// `order/index`, `recharge/index` and `order/detail`: the caller's paid orders with their
/// invoices, filtered by time, gateway and status, latest payment first, 10/20/50 a page.
@Suite struct ShopXOOrderListTests {
    @Test func pageSizesAreTenTwentyOrFifty() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            for _ in 0..<12 { _ = try await fixture.paidID(userID: user.id) }
            let standard = try await fixture.shopxo("order", "index", ["page": 1], token: user.token)
            #expect(standard.data?["page_size"] == "20")
            #expect(standard.data?["data_total"] == 12)
            #expect(standard.data?["page_total"] == 1)
            for size in [10, 20, 50] {
                let answer = try await fixture.shopxo("order", "index", ["page_size": .int(Int64(size))], token: user.token)
                #expect(answer.code == 0)
                #expect(answer.data?["data_list"]?.arrayValue?.count == min(size, 12))
            }
            let second = try await fixture.shopxo("order", "index", ["page_size": "10", "page": 2], token: user.token)
            #expect(second.data?["data_list"]?.arrayValue?.count == 2)
            #expect(second.data?["page_start"] == 10)
            #expect(second.data?["page_total"] == 2)
            for size: JSON in [15, "100", "x"] {
                let refused = try await fixture.shopxo("order", "index", ["page_size": size], token: user.token)
                #expect(refused.code == -5000)
            }
        }
    }

    @Test func rowsAreSortedByPaymentTimeThenIdAndCarryTheirInvoice() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let old = try await fixture.paidID(userID: user.id, amount: "1.00")
            let newer = try await fixture.paidID(userID: user.id, amount: "2.00")
            let sameTimeA = try await fixture.paidID(userID: user.id, amount: "3.00")
            let sameTimeB = try await fixture.paidID(userID: user.id, amount: "4.00")
            try await fixture.setPaidAt(invoiceID: old, secondsAgo: 3 * 86_400)
            try await fixture.setPaidAt(invoiceID: newer, secondsAgo: 60)
            try await fixture.setPaidAt(invoiceID: sameTimeA, secondsAgo: 10)
            try await fixture.setPaidAt(invoiceID: sameTimeB, secondsAgo: 10)
            let list = try await fixture.shopxo("order", "index", token: user.token)
            #expect(ShopXOForms.rowIDs(list) == [sameTimeB, sameTimeA, newer, old])
            let row = list.data?["data_list"]?.arrayValue?.first ?? .null
            #expect(row["order_no"] == row["invoice_number"])
            #expect(row["pay_price"] == "4.00")
            #expect(row["total_price"] == "4.00")
            #expect(row["refund_price"] == "0.00")
            #expect(row["status"] == 4)
            #expect(row["pay_status"] == 1)
            #expect(row["payment"] == "stripe")
            #expect(row["payment_name"] == "Stripe")
            #expect(row["currency"] == "CNY")
            #expect(row["can_invoice"] == true)
            #expect(row["invoice_status"] == "eligible")
            #expect(row["buy_number_count"] == 1)
            #expect(ShopXOForms.isUTCTime(row["pay_time"]))
            #expect(row["payment"] == "stripe")
        }
    }

    @Test func filtersByPaymentTimeGatewayAndStatus() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let threeDaysAgo = try await fixture.paidID(userID: user.id)
            let today = try await fixture.paidID(userID: user.id, gateway: "paypal")
            let balance = try await fixture.paidID(userID: user.id, gateway: "balance")
            let pending = try ShopXOForms.id(try await fixture.createInvoice(userID: user.id))
            try await fixture.setPaidAt(invoiceID: threeDaysAgo, secondsAgo: 3 * 86_400)
            let day = { (secondsAgo: Int64) -> String in
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.timeZone = TimeZone(identifier: "UTC")
                formatter.dateFormat = "yyyy-MM-dd"
                return formatter.string(from: Date().addingTimeInterval(-Double(secondsAgo)))
            }

            let paid = try await fixture.shopxo("order", "index", token: user.token)
            #expect(Set(ShopXOForms.rowIDs(paid)) == [threeDaysAgo, today, balance])
            let recent = try await fixture.shopxo("order", "index", ["start_time": .string(day(86_400))], token: user.token)
            #expect(Set(ShopXOForms.rowIDs(recent)) == [today, balance])
            let until = try await fixture.shopxo("order", "index", ["end_time": .string(day(3 * 86_400))], token: user.token)
            #expect(ShopXOForms.rowIDs(until) == [threeDaysAgo])
            let unix = Int64(Date().timeIntervalSince1970) - 2 * 86_400
            let unixEnd = try await fixture.shopxo("order", "index", ["end_time": .int(unix)], token: user.token)
            #expect(ShopXOForms.rowIDs(unixEnd) == [threeDaysAgo])
            let withClock = try await fixture.shopxo(
                "order", "index", ["start_time": .string(day(4 * 86_400) + " 00:00:00"), "end_time": .string(day(2 * 86_400) + " 23:59:59")],
                token: user.token)
            #expect(ShopXOForms.rowIDs(withClock) == [threeDaysAgo])
            let byGateway = try await fixture.shopxo("order", "index", ["payment": "PayPal"], token: user.token)
            #expect(ShopXOForms.rowIDs(byGateway) == [today])
            let notRealMoney = try await fixture.shopxo("order", "index", ["payment": "balance"], token: user.token)
            #expect(notRealMoney.data?["data_list"]?.arrayValue?.first?["invoice_status"] == "not_real_money")
            #expect(notRealMoney.data?["data_list"]?.arrayValue?.first?["can_invoice"] == false)
            let unpaid = try await fixture.shopxo("order", "index", ["status": "pending"], token: user.token)
            #expect(ShopXOForms.rowIDs(unpaid) == [pending])
            #expect(unpaid.data?["data_list"]?.arrayValue?.first?["status"] == 1)
            #expect(unpaid.data?["data_list"]?.arrayValue?.first?["pay_price"] == "0.00")
            #expect(unpaid.data?["data_list"]?.arrayValue?.first?["pay_time"] == "")
            let badStatus = try await fixture.shopxo("order", "index", ["status": "shipped"], token: user.token)
            #expect(badStatus.code == -5000)
            let badTime = try await fixture.shopxo("order", "index", ["start_time": "yesterday"], token: user.token)
            #expect(badTime.code == -5000)
        }
    }

    @Test func rechargesAreListedApartFromOrders() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let recharge = try await fixture.paidID(userID: user.id, amount: "100.00", kind: "recharge")
            let order = try await fixture.paidID(userID: user.id)
            let recharges = try await fixture.shopxo("recharge", "index", ["page": 1], token: user.token, lang: "zh")
            #expect(ShopXOForms.rowIDs(recharges) == [recharge])
            let row = recharges.data?["data_list"]?.arrayValue?.first ?? .null
            #expect(row["recharge_no"] == row["invoice_number"])
            #expect(row["money"] == "100.00")
            #expect(row["pay_money"] == "100.00")
            #expect(row["status"] == 1)
            #expect(row["order_no"] == nil)
            #expect(recharges.data?["field_list"]?.arrayValue?.first?["name"] == "充值编号")
            let orders = try await fixture.shopxo("order", "index", token: user.token)
            #expect(ShopXOForms.rowIDs(orders) == [order])
            _ = try await fixture.apply(token: user.token, ids: [recharge], type: "1")
            let held = try await fixture.shopxo("recharge", "index", token: user.token)
            #expect(held.data?["data_list"]?.arrayValue?.first?["invoice_status"] == "in_application")
        }
    }

    @Test func orderDetailShowsTheInvoiceOnlyForRealMoney() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let order = try await fixture.paidInvoice(userID: user.id)
            let detail = try await fixture.shopxo("order", "detail", ["id": order["id"] ?? .null], token: user.token)
            #expect(detail.code == 0)
            #expect(detail.data?["number"] == order["number"])
            let balance = try await fixture.paidID(userID: user.id, gateway: "balance")
            let refused = try await fixture.shopxo("order", "detail", ["id": .int(balance)], token: user.token)
            #expect(refused.code == -1)
            #expect(refused.msg?.contains("balance-paid") == true)
            let recharge = try await fixture.paidID(userID: user.id, kind: "recharge")
            let wrongKind = try await fixture.shopxo("order", "detail", ["id": .int(recharge)], token: user.token)
            #expect(wrongKind.msg == "not found")
            let rechargeDetail = try await fixture.shopxo("recharge", "detail", ["id": .int(recharge)], token: user.token)
            #expect(rechargeDetail.code == 0)
        }
    }
}
