import Foundation
import Kernel
import PluginSDK
import TestSupport
import Testing

/// The user side of ShopXO's invoice plugin: center, apply, list, detail, edit, delete.
@Suite struct ShopXOApplicationTests {
    @Test func centerAnswersConfigStatusTabsAndBusinessEntries() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let answer = try await fixture.shopxo("user", "center", token: user.token, lang: "zh")
            #expect(answer.code == 0)
            let data = answer.data ?? .null
            #expect(data["base"]?["is_invoice_order"] == "1")
            #expect(data["base"]?["invoice_desc"] == ["发票将在审核通过后开具", "电子发票发送到邮箱"])
            let nav = data["nav"]?.arrayValue ?? []
            #expect(nav.map { $0["id"] } == [-1, 0, 1, 2, 3, 4])
            #expect(nav.map { $0["name"] } == ["全部", "待审核", "待开票", "已开票", "已拒绝", "已关闭"])
            let business = data["invoice_business_list"]?.arrayValue ?? []
            #expect(business.count == 2)
            #expect(business.first?["type"] == 0)
            #expect(business.first?["control"] == "order")
            #expect(business.first?["no_field"] == "order_no")
            #expect(business.first?["price_field"] == "pay_price")
            #expect(business.first?["page"] == "/pages/plugins/invoice/order/order")
            #expect(business.last?["type"] == 1)
            #expect(business.last?["control"] == "recharge")
            #expect(business.last?["no_field"] == "recharge_no")
            #expect(business.last?["price_field"] == "pay_money")
            let english = try await fixture.shopxo("user", "center", token: user.token)
            #expect(english.data?["nav"]?.arrayValue?[1]["name"] == "Pending review")
        }
    }

    @Test func applyingForAnOrderListsTheApplicationWithTheOrder() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let order = try await fixture.paidInvoice(userID: user.id, amount: "123.45")
            let orderID = try ShopXOForms.id(order)
            let number = order["number"] ?? .null
            let info = try await fixture.shopxo("user", "saveinfo", ["ids": .string(String(orderID)), "type": "0"], token: user.token)
            #expect(info.code == 0)
            #expect(info.data?["data"] == .null)
            #expect(info.data?["save_base_data"]?["total_price"] == "123.45")
            #expect(info.data?["save_base_data"]?["business_ids"] == .string(String(orderID)))
            #expect(info.data?["save_base_data"]?["business_nos"]?[String(orderID)] == number)
            #expect(info.data?["save_base_data"]?["business_desc"] == "1 order(s) in total")

            var form = ShopXOForms.personalEInvoice
            form["ids"] = .string(String(orderID))
            form["type"] = "0"
            let saved = try await fixture.shopxo("user", "save", .object(form), token: user.token, lang: "zh")
            #expect(saved.code == 0)
            #expect(saved.msg == "操作成功")
            #expect(saved.data == "")

            let list = try await fixture.shopxo("user", "index", ["page": 1], token: user.token)
            #expect(list.data?["data_total"] == 1)
            let row = list.data?["data_list"]?.arrayValue?.first ?? .null
            let id = try ShopXOForms.id(row)
            #expect(row["user_id"] == .int(user.id))
            #expect(row["status"] == 0)
            #expect(row["status_name"] == "Pending review")
            #expect(row["total_price"] == "123.45")
            #expect(row["invoice_title"] == "Zhang San")
            #expect(row["electronic_invoice"] == .null)
            #expect(row["upd_time"] == "")
            #expect(ShopXOForms.isUTCTime(row["add_time"]))
            #expect(row["business_list"] == [["invoice_id": .int(id), "business_id": .int(orderID), "business_no": number]])

            let detail = try await fixture.shopxo("user", "detail", ["id": .string(String(id))], token: user.token)
            #expect(detail.data?["data"] == row)
            #expect(detail.data?["field_list"]?.arrayValue?.count == 22)
            let missing = try await fixture.shopxo("user", "detail", ["id": 9999], token: user.token)
            #expect(missing.code == 0)
            #expect(missing.data?["data"] == .null)
        }
    }

    @Test func anApplicationRowWithAnUnknownStatusIsAnErrorNotAPendingApplication() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let order = try await fixture.paidInvoice(userID: user.id, amount: "10.00")
            var form = ShopXOForms.personalEInvoice
            form["ids"] = .string(String(try ShopXOForms.id(order)))
            form["type"] = "0"
            #expect(try await fixture.shopxo("user", "save", .object(form), token: user.token).code == 0)
            try await fixture.server.kernel.access.storage.write { db in
                try db.execute("UPDATE invoice_applications SET status = 9")
            }
            let list = try await fixture.shopxo("user", "index", ["page": 1], token: user.token)
            #expect(list.code == -1)
            #expect(list.data?["request_id"]?.stringValue?.isEmpty == false)
            #expect(!list.text.contains("invoice_applications"))
        }
    }

    @Test func severalOrdersMakeOneApplicationWhoseTotalTheServerComputes() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let first = try await fixture.paidID(userID: user.id, amount: "10.00")
            let second = try await fixture.paidID(userID: user.id, amount: "20.50")
            var form = ShopXOForms.personalEInvoice
            form["total_price"] = "1.00"
            let id = try await fixture.apply(token: user.token, ids: [first, second], form: form)
            let detail = try await fixture.shopxo("user", "detail", ["id": .int(id)], token: user.token)
            #expect(detail.data?["data"]?["total_price"] == "30.50")
            #expect(detail.data?["data"]?["business_list"]?.arrayValue?.count == 2)
            let info = try await fixture.shopxo("user", "saveinfo", ["id": .int(id)], token: user.token)
            #expect(info.data?["save_base_data"]?["business_desc"] == "2 order(s) in total")
            #expect(info.data?["save_base_data"]?["business_ids"] == .string("\(first),\(second)"))
        }
    }

    @Test func refundsAreTakenOffTheTotal() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let order = try await fixture.paidID(userID: user.id, amount: "100.00")
            let refund = try await fixture.merchant("refund", ["id": .int(order), "amount": "30.00"])
            #expect(refund.code == 0)
            let info = try await fixture.shopxo("user", "saveinfo", ["ids": .int(order), "type": "order"], token: user.token)
            #expect(info.data?["save_base_data"]?["total_price"] == "70.00")
            let id = try await fixture.apply(token: user.token, ids: [order])
            let detail = try await fixture.shopxo("user", "detail", ["id": .int(id)], token: user.token)
            #expect(detail.data?["data"]?["total_price"] == "70.00")
        }
    }

    @Test func ordersInDifferentCurrenciesCannotShareAnApplication() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let yuan = try await fixture.paidID(userID: user.id, amount: "10.00", currency: "CNY")
            let dollars = try await fixture.paidID(userID: user.id, amount: "10.00", currency: "USD")
            var form = ShopXOForms.personalEInvoice
            form["ids"] = .string("\(yuan),\(dollars)")
            form["type"] = "0"
            let answer = try await fixture.shopxo("user", "save", .object(form), token: user.token)
            #expect(answer.code == -1)
            #expect(answer.msg?.contains("currencies") == true)
            #expect(try await fixture.applicationCount() == 0)
        }
    }

    @Test func indexFiltersByStatusAndBusinessTypeNewestFirst() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let admin = try await fixture.server.admin("root")
            var ids: [Int64] = []
            for _ in 0..<3 { ids.append(try await fixture.apply(token: user.token, ids: [try await fixture.paidID(userID: user.id)])) }
            let recharge = try await fixture.paidID(userID: user.id, kind: "recharge")
            let rechargeApplication = try await fixture.apply(token: user.token, ids: [recharge], type: "1")
            let refused = try await fixture.admin("invoice", "audit", ["id": .int(ids[0]), "status": 3, "refuse_reason": "wrong title"], token: admin)
            #expect(refused.code == 0)

            let all = try await fixture.shopxo("user", "index", ["status": -1], token: user.token)
            #expect(all.data?["data_total"] == 4)
            #expect(ShopXOForms.rowIDs(all) == [rechargeApplication, ids[2], ids[1], ids[0]])
            let onlyRefused = try await fixture.shopxo("user", "index", ["status": "3"], token: user.token)
            #expect(ShopXOForms.rowIDs(onlyRefused) == [ids[0]])
            #expect(onlyRefused.data?["data_list"]?.arrayValue?.first?["refuse_reason"] == "wrong title")
            let recharges = try await fixture.shopxo("user", "index", ["business_type": "1"], token: user.token)
            #expect(recharges.data?["data_list"]?.arrayValue?.map { $0["business_type_name"] } == ["Recharge"])
            let paged = try await fixture.shopxo("user", "index", ["page_size": 10, "page": 2], token: user.token)
            #expect(paged.data?["page_size"] == "10")
            #expect(paged.data?["data_list"] == [])
            let badSize = try await fixture.shopxo("user", "index", ["page_size": 15], token: user.token)
            #expect(badSize.code == -5000)
            let badStatus = try await fixture.shopxo("user", "index", ["status": 9], token: user.token)
            #expect(badStatus.code == -5000)
        }
    }

    @Test func editingAPendingApplicationReplacesTheFormAndSetsUpdTime() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let order = try await fixture.paidID(userID: user.id, amount: "88.00")
            let id = try await fixture.apply(token: user.token, ids: [order])
            let info = try await fixture.shopxo("user", "saveinfo", ["id": .string(String(id))], token: user.token)
            #expect(info.code == 0)
            #expect(info.data?["data"]?["id"] == .string(String(id)))
            #expect(info.data?["data"]?["invoice_title"] == "Zhang San")
            #expect(info.data?["save_base_data"]?["total_price"] == "88.00")

            var form = ShopXOForms.companySpecialPaper
            form["id"] = .int(id)
            let saved = try await fixture.shopxo("user", "save", .object(form), token: user.token)
            #expect(saved.code == 0)
            let row = try await fixture.shopxo("user", "detail", ["id": .int(id)], token: user.token).data?["data"] ?? .null
            #expect(row["status"] == 0)
            #expect(row["invoice_type"] == 2)
            #expect(row["apply_type"] == 1)
            #expect(row["invoice_title"] == "Example Ltd")
            #expect(row["total_price"] == "88.00")
            #expect(ShopXOForms.isUTCTime(row["upd_time"]))
            #expect(try await fixture.applicationCount() == 1)
        }
    }

    @Test func refusedApplicationCanBeEditedAndGoesBackToPending() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let admin = try await fixture.server.admin("root")
            let order = try await fixture.paidID(userID: user.id)
            let id = try await fixture.apply(token: user.token, ids: [order])
            _ = try await fixture.admin("invoice", "audit", ["id": .int(id), "status": 3, "refuse_reason": "title misspelt"], token: admin)
            let released = try await fixture.shopxo("order", "index", token: user.token)
            #expect(released.data?["data_list"]?.arrayValue?.first?["invoice_status"] == "eligible")

            var form = ShopXOForms.personalEInvoice
            form["id"] = .int(id)
            form["invoice_title"] = "Zhang San (fixed)"
            let saved = try await fixture.shopxo("user", "save", .object(form), token: user.token)
            #expect(saved.code == 0)
            let row = try await fixture.shopxo("user", "detail", ["id": .int(id)], token: user.token).data?["data"] ?? .null
            #expect(row["status"] == 0)
            #expect(row["refuse_reason"] == "")
            #expect(row["invoice_title"] == "Zhang San (fixed)")
            let held = try await fixture.shopxo("order", "index", token: user.token)
            #expect(held.data?["data_list"]?.arrayValue?.first?["invoice_status"] == "in_application")
        }
    }

    @Test func aRefusedApplicationCannotReclaimAnOrderAppliedForMeanwhile() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let admin = try await fixture.server.admin("root")
            let order = try await fixture.paidID(userID: user.id)
            let first = try await fixture.apply(token: user.token, ids: [order])
            _ = try await fixture.admin("invoice", "audit", ["id": .int(first), "status": 3, "refuse_reason": "no"], token: admin)
            _ = try await fixture.apply(token: user.token, ids: [order])
            var form = ShopXOForms.personalEInvoice
            form["id"] = .int(first)
            let answer = try await fixture.shopxo("user", "save", .object(form), token: user.token)
            #expect(answer.code == -1)
            #expect(answer.msg?.contains("already in another invoice application") == true)
            #expect(try await fixture.applicationStatus(first) == 3)
        }
    }

    @Test func onlyPendingOrRefusedApplicationsCanBeEditedOrDeleted() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let admin = try await fixture.server.admin("root")
            let approved = try await fixture.apply(token: user.token, ids: [try await fixture.paidID(userID: user.id)])
            let pending = try await fixture.apply(token: user.token, ids: [try await fixture.paidID(userID: user.id)])
            _ = try await fixture.admin("invoice", "audit", ["id": .int(approved), "status": 1], token: admin)

            let info = try await fixture.shopxo("user", "saveinfo", ["id": .int(approved)], token: user.token)
            #expect(info.code == -1)
            #expect(info.msg?.contains("pending review or refused") == true)
            var form = ShopXOForms.personalEInvoice
            form["id"] = .int(approved)
            form["invoice_title"] = "changed"
            let saved = try await fixture.shopxo("user", "save", .object(form), token: user.token)
            #expect(saved.code == -1)
            let deleted = try await fixture.shopxo("user", "delete", ["ids": .string("\(pending),\(approved)")], token: user.token)
            #expect(deleted.code == -1)
            #expect(deleted.msg?.contains("nothing was deleted") == true)
            #expect(try await fixture.applicationStatus(pending) == 0)
            #expect(try await fixture.applicationStatus(approved) == 1)
            let row = try await fixture.shopxo("user", "detail", ["id": .int(approved)], token: user.token).data?["data"] ?? .null
            #expect(row["invoice_title"] == "Zhang San")
        }
    }

    @Test func deletingReleasesTheOrdersForANewApplication() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let order = try await fixture.paidID(userID: user.id)
            let id = try await fixture.apply(token: user.token, ids: [order])
            let deleted = try await fixture.shopxo("user", "delete", ["ids": .int(id)], token: user.token)
            #expect(deleted.code == 0)
            #expect(try await fixture.applicationCount() == 0)
            let again = try await fixture.apply(token: user.token, ids: [order])
            #expect(try await fixture.applicationStatus(again) == 0)
            #expect(try await fixture.applicationCount() == 1)
            let byID = try await fixture.shopxo("user", "delete", ["id": .string(String(again))], token: user.token)
            #expect(byID.code == 0)
            let none = try await fixture.shopxo("user", "delete", .emptyObject, token: user.token)
            #expect(none.code == -5000)
        }
    }

    @Test func theLastDetailsPrefillANewFormWhenTheConfigSaysSo() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let admin = try await fixture.server.admin("root")
            _ = try await fixture.apply(token: user.token, ids: [try await fixture.paidID(userID: user.id)])
            let next = try await fixture.paidID(userID: user.id)
            let plain = try await fixture.shopxo("user", "saveinfo", ["ids": .int(next), "type": "0"], token: user.token)
            #expect(plain.data?["data"] == .null)
            let set = try await fixture.admin("admin", "save", ["is_app_invoice_default_last_info": "1"], token: admin)
            #expect(set.code == 0)
            let prefilled = try await fixture.shopxo("user", "saveinfo", ["ids": .int(next), "type": "0"], token: user.token)
            let data = prefilled.data?["data"] ?? .null
            #expect(data["invoice_title"] == "Zhang San")
            #expect(data["invoice_type"] == "0")
            #expect(data["id"] == nil)
        }
    }
}
