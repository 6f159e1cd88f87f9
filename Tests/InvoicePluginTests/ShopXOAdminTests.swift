import Contracts
import Foundation
import Kernel
import PluginSDK
import TestSupport
import Testing

/// The admin side: the ShopXO config, and reviewing, issuing and deleting applications.
@Suite struct ShopXOAdminTests {
    @Test func configIsShownAndItsFormOffersEveryInvoiceType() async throws {
        try await InvoiceFixture.with { fixture in
            let admin = try await fixture.server.admin("root")
            let index = try await fixture.admin("admin", "index", token: admin)
            #expect(index.code == 0)
            #expect(index.data?["data"]?["order_add_max_time"] == "525600")
            #expect(index.data?["data"]?["store_defaults"] == nil)
            let form = try await fixture.admin("admin", "saveinfo", token: admin, lang: "zh")
            #expect(form.data?["data"]?["can_invoice_type"] == ["0", "1", "2", "3"])
            #expect(form.data?["can_invoice_type_list"]?.arrayValue?.map { $0["id"] } == [0, 1, 2, 3])
            #expect(form.data?["can_invoice_type_list"]?.arrayValue?.last?["name"] == "增值税专用电子发票")
            let viaAPI = try await fixture.server.call("invoice", "admin", "index", token: admin)
            #expect(viaAPI.code == 0)
        }
    }

    @Test func savedConfigAppliesToTheNextRequestAndKeepsOtherKeys() async throws {
        try await InvoiceFixture.with { fixture in
            let admin = try await fixture.server.admin("root")
            let user = try await fixture.server.user("alice")
            let before = fixture.server.kernel.access.registry.state(of: "invoice")?.config["store_defaults"]
            let saved = try await fixture.admin(
                "admin", "save",
                [
                    "is_invoice_recharge": 0, "order_add_max_time": "", "recharge_add_max_time": 60,
                    "can_invoice_type": "0,3", "invoice_desc": "Line one\r\n\r\n  Line two  ", "invoice_content_type": ["Goods", "Services"],
                    "unknown_key": "ignored",
                ], token: admin)
            #expect(saved.code == 0)
            let center = try await fixture.shopxo("user", "center", token: user.token)
            let base = center.data?["base"] ?? .null
            #expect(base["is_invoice_recharge"] == "0")
            #expect(base["is_invoice_order"] == "1")
            #expect(base["order_add_max_time"] == "")
            #expect(base["recharge_add_max_time"] == "60")
            #expect(base["can_invoice_type"] == ["0", "3"])
            #expect(base["invoice_desc"] == ["Line one", "Line two"])
            #expect(base["invoice_content_type"] == ["Goods", "Services"])
            #expect(center.data?["invoice_business_list"]?.arrayValue?.map { $0["control"] } == ["order"])
            let config = fixture.server.kernel.access.registry.state(of: "invoice")?.config
            #expect(config?["store_defaults"] == before)
            #expect(config?["unknown_key"] == nil)
        }
    }

    @Test func invalidConfigIsRefusedAndNothingChanges() async throws {
        try await InvoiceFixture.with { fixture in
            let admin = try await fixture.server.admin("root")
            let bad: [(JSON, String)] = [
                (["can_invoice_type": ["0", "4"]], "can_invoice_type"),
                (["can_invoice_type": []], "can_invoice_type"),
                (["is_invoice_order": "yes"], "is_invoice_order"),
                (["is_user_quick_select": 2], "is_user_quick_select"),
                (["order_add_max_time": "-1"], "order_add_max_time"),
                (["order_success_start_time": "ten"], "order_success_start_time"),
                (["invoice_desc": .array(Array(repeating: "line", count: 51))], "invoice_desc"),
                (["invoice_content_type": [.string(String(repeating: "x", count: 201))]], "invoice_content_type"),
                (["invoice_content_type": ["Goods", ""]], "invoice_content_type"),
                (["invoice_desc": ["nested": "object"]], "invoice_desc"),
            ]
            let before = try await fixture.admin("admin", "index", token: admin).data
            for (body, key) in bad {
                let answer = try await fixture.admin("admin", "save", body, token: admin)
                #expect(answer.code == -1, "\(body.text)")
                #expect(answer.msg?.hasPrefix(key) == true, "\(answer.msg ?? "")")
            }
            let after = try await fixture.admin("admin", "index", token: admin).data
            #expect(after == before)
        }
    }

    @Test func approvingThenIssuingAnElectronicInvoice() async throws {
        try await InvoiceFixture.with { fixture in
            let admin = try await fixture.server.admin("root")
            let user = try await fixture.server.user("alice")
            let events = ShopXOEventLog()
            fixture.server.kernel.access.services(for: "test").hooks.onCommitted(InvoiceEvents.applicationAudited, name: "recorder") {
                await events.append($0)
            }
            let id = try await fixture.apply(token: user.token, ids: [try await fixture.paidID(userID: user.id)])

            let list = try await fixture.admin("invoice", "index", ["status": 0, "user_id": .int(user.id)], token: admin)
            #expect(ShopXOForms.rowIDs(list) == [id])
            let info = try await fixture.admin("invoice", "auditinfo", ["id": .int(id)], token: admin)
            #expect(info.data?["data"]?["id"] == .int(id))
            #expect(info.data?["audit_status_list"]?.arrayValue?.map { $0["id"] } == [1, 3])
            let approved = try await fixture.admin("invoice", "audit", ["id": .int(id), "status": "1"], token: admin)
            #expect(approved.code == 0)
            #expect(try await fixture.applicationStatus(id) == 1)
            let seen = await events.events
            #expect(seen.count == 1)
            #expect(seen.first?.payload["status"] == 1)
            #expect(seen.first?.payload["id"] == .int(id))

            let again = try await fixture.admin("invoice", "audit", ["id": .int(id), "status": 3, "refuse_reason": "late"], token: admin)
            #expect(again.code == -1)
            #expect(await events.events.count == 1)
            let auditInfo = try await fixture.admin("invoice", "auditinfo", ["id": .int(id)], token: admin)
            #expect(auditInfo.code == -1)

            let issueInfo = try await fixture.admin("invoice", "issueinfo", ["id": .int(id)], token: admin)
            #expect(issueInfo.code == 0)
            for files: JSON in [
                .null, [], [["title": "Invoice", "url": "ftp://example.com/a.pdf"]], [["title": "", "url": "https://example.com/a.pdf"]],
                "not json", [["title": "Invoice", "url": "https:///nohost"]],
            ] {
                let refused = try await fixture.admin("invoice", "issue", ["id": .int(id), "electronic_invoice": files], token: admin)
                #expect(refused.code == -1, "\(files.text)")
                #expect(refused.msg?.contains("electronic_invoice") == true)
            }
            #expect(try await fixture.applicationStatus(id) == 1)
            let text = JSON.string(#"[{"title":"VAT invoice","url":"https://example.com/inv.pdf"}]"#)
            let issued = try await fixture.admin("invoice", "issue", ["id": .int(id), "electronic_invoice": text], token: admin)
            #expect(issued.code == 0)
            let row = try await fixture.shopxo("user", "detail", ["id": .int(id)], token: user.token).data?["data"] ?? .null
            #expect(row["status"] == 2)
            #expect(row["status_name"] == "Issued")
            #expect(row["electronic_invoice"] == [["title": "VAT invoice", "url": "https://example.com/inv.pdf"]])
            let twice = try await fixture.admin("invoice", "issue", ["id": .int(id), "electronic_invoice": text], token: admin)
            #expect(twice.code == -1)
            let edit = try await fixture.shopxo("user", "saveinfo", ["id": .int(id)], token: user.token)
            #expect(edit.code == -1)
        }
    }

    @Test func aPaperInvoiceNeedsCourierAndTrackingNumber() async throws {
        try await InvoiceFixture.with { fixture in
            let admin = try await fixture.server.admin("root")
            let user = try await fixture.server.user("alice")
            let order = try await fixture.paidID(userID: user.id)
            let id = try await fixture.apply(token: user.token, ids: [order], form: ShopXOForms.companySpecialPaper)
            let early = try await fixture.admin("invoice", "issue", ["id": .int(id), "express_name": "SF", "express_number": "1"], token: admin)
            #expect(early.code == -1)
            #expect(early.msg?.contains("waiting to be issued") == true)
            let earlyInfo = try await fixture.admin("invoice", "issueinfo", ["id": .int(id)], token: admin)
            #expect(earlyInfo.code == -1)
            _ = try await fixture.admin("invoice", "audit", ["id": .int(id), "status": 1], token: admin)
            let missing = try await fixture.admin("invoice", "issue", ["id": .int(id), "express_name": "SF Express"], token: admin)
            #expect(missing.code == -1)
            #expect(missing.msg?.contains("tracking number") == true)
            let issued = try await fixture.admin(
                "invoice", "issue", ["id": .int(id), "express_name": "SF Express", "express_number": "SF1234567890"], token: admin)
            #expect(issued.code == 0)
            let detail = try await fixture.admin("invoice", "detail", ["id": .int(id)], token: admin)
            #expect(detail.data?["data"]?["express_name"] == "SF Express")
            #expect(detail.data?["data"]?["express_number"] == "SF1234567890")
            #expect(detail.data?["data"]?["electronic_invoice"] == .null)
            let held = try await fixture.shopxo("order", "index", token: user.token)
            #expect(held.data?["data_list"]?.arrayValue?.first?["invoice_status"] == "in_application")
        }
    }

    @Test func refusingNeedsAReasonAndReleasesTheOrders() async throws {
        try await InvoiceFixture.with { fixture in
            let admin = try await fixture.server.admin("root")
            let user = try await fixture.server.user("alice")
            let order = try await fixture.paidID(userID: user.id)
            let id = try await fixture.apply(token: user.token, ids: [order])
            let noReason = try await fixture.admin("invoice", "audit", ["id": .int(id), "status": 3, "refuse_reason": "  "], token: admin)
            #expect(noReason.code == -1)
            #expect(noReason.msg?.contains("reason") == true)
            let badStatus = try await fixture.admin("invoice", "audit", ["id": .int(id), "status": 2], token: admin)
            #expect(badStatus.code == -1)
            let unknown = try await fixture.admin("invoice", "audit", ["id": 999, "status": 1], token: admin)
            #expect(unknown.msg == "not found")
            #expect(try await fixture.applicationStatus(id) == 0)
            let refused = try await fixture.admin(
                "invoice", "audit", ["id": .int(id), "status": 3, "refuse_reason": "The title does not match"], token: admin)
            #expect(refused.code == 0)
            #expect(try await fixture.applicationStatus(id) == 3)
            let issue = try await fixture.admin("invoice", "issue", ["id": .int(id)], token: admin)
            #expect(issue.code == -1)
            let approveRefused = try await fixture.admin("invoice", "audit", ["id": .int(id), "status": 1], token: admin)
            #expect(approveRefused.code == -1)
            #expect(try await fixture.applicationStatus(id) == 3)
            let second = try await fixture.apply(token: user.token, ids: [order])
            #expect(second != id)
            #expect(try await fixture.applicationStatus(second) == 0)
        }
    }

    @Test func adminListFiltersAndDeleteIsAllOrNothing() async throws {
        try await InvoiceFixture.with { fixture in
            let admin = try await fixture.server.admin("root")
            let alice = try await fixture.server.user("alice")
            let bob = try await fixture.server.user("bob")
            let aliceApplication = try await fixture.apply(token: alice.token, ids: [try await fixture.paidID(userID: alice.id)])
            let bobRecharge = try await fixture.apply(
                token: bob.token, ids: [try await fixture.paidID(userID: bob.id, kind: "recharge")], type: "1")
            _ = try await fixture.admin("invoice", "audit", ["id": .int(aliceApplication), "status": 1], token: admin)

            let all = try await fixture.admin("invoice", "index", token: admin)
            #expect(ShopXOForms.rowIDs(all) == [bobRecharge, aliceApplication])
            #expect(all.data?["field_list"]?.arrayValue?.isEmpty == false)
            let bobs = try await fixture.admin("invoice", "index", ["user_id": .int(bob.id)], token: admin)
            #expect(ShopXOForms.rowIDs(bobs) == [bobRecharge])
            let recharges = try await fixture.admin("invoice", "index", ["business_type": 1], token: admin)
            #expect(ShopXOForms.rowIDs(recharges) == [bobRecharge])
            let approved = try await fixture.admin("invoice", "index", ["status": 1], token: admin)
            #expect(ShopXOForms.rowIDs(approved) == [aliceApplication])

            let partly = try await fixture.admin("invoice", "delete", ["ids": .string("\(aliceApplication),999")], token: admin)
            #expect(partly.code == -1)
            #expect(try await fixture.applicationCount() == 2)
            let deleted = try await fixture.admin("invoice", "delete", ["ids": [.int(aliceApplication), .int(bobRecharge)]], token: admin)
            #expect(deleted.code == 0)
            #expect(try await fixture.applicationCount() == 0)
        }
    }
}
