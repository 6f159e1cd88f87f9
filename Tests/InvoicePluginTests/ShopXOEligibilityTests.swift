import Foundation
import Kernel
import PluginSDK
import TestSupport
import Testing

/// Only orders paid with real money, inside the config's time windows and in no other live
/// application, can be applied for; the others answer -1 naming the problem.
@Suite struct ShopXOEligibilityTests {
    /// Asks `saveinfo` and `save` for `ids`; both must refuse with `message`.
    static func expectRefused(
        _ fixture: InvoiceFixture, token: String, ids: [Int64], type: String = "0", message: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let list = JSON.string(ids.map(String.init).joined(separator: ","))
        let info = try await fixture.shopxo("user", "saveinfo", ["ids": list, "type": .string(type)], token: token)
        #expect(info.code == -1, sourceLocation: sourceLocation)
        #expect(info.msg?.contains(message) == true, "\(info.msg ?? "")", sourceLocation: sourceLocation)
        var form = ShopXOForms.personalEInvoice
        form["ids"] = list
        form["type"] = .string(type)
        let saved = try await fixture.shopxo("user", "save", .object(form), token: token)
        #expect(saved.code == -1, sourceLocation: sourceLocation)
        #expect(saved.msg?.contains(message) == true, "\(saved.msg ?? "")", sourceLocation: sourceLocation)
    }

    @Test func balancePaidUnpaidAndCanceledOrdersAreNotRealMoney() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let balance = try await fixture.paidID(userID: user.id, gateway: "balance")
            let unpaid = try ShopXOForms.id(try await fixture.createInvoice(userID: user.id))
            let canceled = try ShopXOForms.id(try await fixture.createInvoice(userID: user.id))
            let cancel = try await fixture.merchant("cancel", ["id": .int(canceled)])
            #expect(cancel.code == 0)
            for id in [balance, unpaid, canceled] {
                try await Self.expectRefused(fixture, token: user.token, ids: [id], message: "only orders paid successfully with stripe, paypal")
            }
            let good = try await fixture.paidID(userID: user.id)
            try await Self.expectRefused(fixture, token: user.token, ids: [good, balance], message: "balance-paid")
            #expect(try await fixture.applicationCount() == 0)
        }
    }

    @Test func anOrderPaidTooRecentlyMustWait() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let admin = try await fixture.server.admin("root")
            _ = try await fixture.admin("admin", "save", ["order_success_start_time": "30"], token: admin)
            let order = try await fixture.paidID(userID: user.id)
            try await Self.expectRefused(fixture, token: user.token, ids: [order], message: "30 minutes after payment")
            let list = try await fixture.shopxo("order", "index", token: user.token)
            #expect(list.data?["data_list"]?.arrayValue?.first?["invoice_status"] == "too_new")
            #expect(list.data?["data_list"]?.arrayValue?.first?["can_invoice"] == false)
            try await fixture.setPaidAt(invoiceID: order, secondsAgo: 31 * 60)
            _ = try await fixture.apply(token: user.token, ids: [order])
        }
    }

    @Test func anOrderOrRechargePaidTooLongAgoCanNoLongerBeInvoiced() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let order = try await fixture.paidID(userID: user.id)
            try await fixture.setPaidAt(invoiceID: order, secondsAgo: 525_601 * 60)
            try await Self.expectRefused(fixture, token: user.token, ids: [order], message: "can no longer be invoiced")
            let recharge = try await fixture.paidID(userID: user.id, kind: "recharge")
            try await fixture.setPaidAt(invoiceID: recharge, secondsAgo: 525_601 * 60)
            try await Self.expectRefused(fixture, token: user.token, ids: [recharge], type: "1", message: "can no longer be invoiced")
            let list = try await fixture.shopxo("order", "index", token: user.token)
            #expect(list.data?["data_list"]?.arrayValue?.first?["invoice_status"] == "too_old")
        }
    }

    @Test func anOrderAlreadyInALiveApplicationCannotBeAppliedForAgain() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let order = try await fixture.paidID(userID: user.id)
            _ = try await fixture.apply(token: user.token, ids: [order])
            try await Self.expectRefused(fixture, token: user.token, ids: [order], message: "already in another invoice application")
            #expect(try await fixture.applicationCount() == 1)
        }
    }

    @Test func aRechargeIsNotAnOrderAndKindsCanBeSwitchedOff() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let admin = try await fixture.server.admin("root")
            let recharge = try await fixture.paidID(userID: user.id, kind: "recharge")
            try await Self.expectRefused(fixture, token: user.token, ids: [recharge], type: "order", message: "not found")
            let ok = try await fixture.shopxo("user", "saveinfo", ["ids": .int(recharge), "type": "recharge"], token: user.token)
            #expect(ok.data?["save_base_data"]?["business_type"] == 1)
            #expect(ok.data?["save_base_data"]?["business_desc"] == "1 recharge(s) in total")
            _ = try await fixture.admin("admin", "save", ["is_invoice_recharge": "0"], token: admin)
            try await Self.expectRefused(fixture, token: user.token, ids: [recharge], type: "1", message: "not offered")
            let badType = try await fixture.shopxo("user", "saveinfo", ["ids": .int(recharge), "type": "gift"], token: user.token)
            #expect(badType.code == -5000)
        }
    }
}
