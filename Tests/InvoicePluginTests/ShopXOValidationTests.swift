import Foundation
import Kernel
import PluginSDK
import TestSupport
import Testing

/// ShopXO's form rules on `user/save`: each broken rule answers -1 with a message naming the
/// problem, and nothing is saved.
@Suite struct ShopXOValidationTests {
    /// A form change and the words its refusal must contain.
    struct Case: Sendable, CustomStringConvertible {
        let description: String
        let changes: JSONObject
        let message: String
        var base: JSONObject = ShopXOForms.personalEInvoice
    }

    static let special = ShopXOForms.companySpecialPaper

    static let cases: [Case] = [
        Case(description: "unknown invoice type", changes: ["invoice_type": 5], message: "invoice types offered"),
        Case(description: "non-numeric invoice type", changes: ["invoice_type": "paper"], message: "invoice types offered"),
        Case(description: "unknown apply type", changes: ["apply_type": 7], message: "individual or company"),
        Case(description: "special for a person", changes: ["apply_type": 0], message: "only be issued to a company", base: special),
        Case(description: "company without taxpayer id", changes: ["apply_type": 1], message: "Taxpayer ID"),
        Case(description: "person without title", changes: ["invoice_title": "  "], message: "Invoice title"),
        Case(description: "company without title", changes: ["invoice_title": ""], message: "Invoice title", base: special),
        Case(description: "e-invoice without email", changes: ["email": ""], message: "electronic invoice is sent by email"),
        Case(description: "malformed email", changes: ["email": "not-an-email"], message: "email address is not valid"),
        Case(description: "paper without recipient", changes: ["name": ""], message: "Recipient", base: special),
        Case(description: "paper without phone", changes: ["tel": ""], message: "Recipient phone", base: special),
        Case(description: "paper without address", changes: ["address": ""], message: "Mailing address", base: special),
        Case(description: "special without bank", changes: ["invoice_bank": ""], message: "Bank", base: special),
        Case(description: "special without account", changes: ["invoice_account": ""], message: "Bank account", base: special),
        Case(description: "special without company phone", changes: ["invoice_tel": ""], message: "Company phone", base: special),
        Case(
            description: "special without registered address", changes: ["invoice_address": ""], message: "Registered address",
            base: special),
        Case(description: "content not offered", changes: ["invoice_content": "anything"], message: "invoice contents offered"),
        Case(description: "title too long", changes: ["invoice_title": .string(String(repeating: "x", count: 201))], message: "longer than 200"),
        Case(description: "note too long", changes: ["user_note": .string(String(repeating: "注", count: 501))], message: "longer than 500"),
    ]

    @Test func everyBrokenRuleIsRefusedWithItsMessage() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let order = try await fixture.paidID(userID: user.id)
            for test in Self.cases {
                var form = test.base
                for (key, value) in test.changes { form[key] = value }
                form["ids"] = .int(order)
                form["type"] = "0"
                let answer = try await fixture.shopxo("user", "save", .object(form), token: user.token)
                #expect(answer.code == -1, "\(test)")
                #expect(answer.msg?.contains(test.message) == true, "\(test): \(answer.msg ?? "")")
            }
            #expect(try await fixture.applicationCount() == 0)
        }
    }

    @Test func theEmailMessageSaysItIsNeededForAnElectronicInvoiceInEveryLanguage() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let order = try await fixture.paidID(userID: user.id)
            var form = ShopXOForms.personalEInvoice
            form["email"] = nil
            form["ids"] = .int(order)
            form["type"] = "0"
            let chinese = try await fixture.shopxo("user", "save", .object(form), token: user.token, lang: "zh")
            #expect(chinese.code == -1)
            #expect(chinese.msg?.contains("电子发票") == true && chinese.msg?.contains("邮箱") == true)
            let persian = try await fixture.shopxo("user", "save", .object(form), token: user.token, lang: "fa")
            #expect(persian.msg?.contains("ایمیل") == true)
        }
    }

    @Test func numericStringsAreAcceptedAndFieldsTrimmed() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let order = try await fixture.paidID(userID: user.id)
            var form = ShopXOForms.companySpecialPaper
            form["invoice_type"] = "1"
            form["apply_type"] = "1"
            form["invoice_title"] = "  Example Ltd  "
            let id = try await fixture.apply(token: user.token, ids: [order], form: form)
            let row = try await fixture.shopxo("user", "detail", ["id": .int(id)], token: user.token).data?["data"] ?? .null
            #expect(row["invoice_type"] == 1)
            #expect(row["invoice_title"] == "Example Ltd")
            #expect(row["invoice_type_name"] == "VAT normal paper invoice")
        }
    }

    @Test func onlyTheInvoiceTypesAndContentsOfTheConfigArePickable() async throws {
        try await InvoiceFixture.with { fixture in
            let user = try await fixture.server.user("alice")
            let admin = try await fixture.server.admin("root")
            let order = try await fixture.paidID(userID: user.id)
            let set = try await fixture.admin(
                "admin", "save", ["can_invoice_type": ["0", "2"], "invoice_content_type": "Goods\nServices"], token: admin)
            #expect(set.code == 0)
            let info = try await fixture.shopxo("user", "saveinfo", ["ids": .int(order), "type": "0"], token: user.token)
            #expect(info.data?["can_invoice_type_list"]?.arrayValue?.map { $0["id"] } == [0, 2])
            #expect(info.data?["invoice_content_list"] == ["Goods", "Services"])
            var paper = ShopXOForms.companySpecialPaper
            paper["invoice_type"] = 1
            paper["invoice_content"] = "Goods"
            paper["ids"] = .int(order)
            paper["type"] = "0"
            let refused = try await fixture.shopxo("user", "save", .object(paper), token: user.token)
            #expect(refused.code == -1)
            #expect(refused.msg?.contains("invoice types offered") == true)
            var form = ShopXOForms.personalEInvoice
            form["invoice_content"] = "Services"
            _ = try await fixture.apply(token: user.token, ids: [order], form: form)
            #expect(try await fixture.applicationCount() == 1)
        }
    }
}
