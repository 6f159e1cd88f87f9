import Foundation
import InvoicePlugin
import Kernel
import PluginSDK
import Storage
import TestSupport
import Testing

@Suite struct MerchantInvoiceTests {
    @Test func createComputesTotalsAndNumbersTheInvoice() async throws {
        try await InvoiceFixture.with { fixture in
            let (userID, _) = try await fixture.server.user("buyer")
            let answer = try await fixture.merchant("create", [
                "user_id": .int(userID), "currency": "usd",
                "customer_information": ["email": "buyer@example.com", "country": "DE"],
                "products": [
                    ["code": "A", "title": "Pen", "quantity": 3, "amount": "1.50"],
                    ["code": "B", "title": "Book", "quantity": "2", "amount": 10, "discount_type": 1, "discount_amount": "2.5"],
                ],
            ])
            #expect(answer.code == 0, "\(answer.text)")
            let invoice = try #require(answer.data)
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            #expect(invoice["number"] == .string("INV-\(year)-000001"))
            #expect(invoice["payment"]?["subtotal"]?["currency"] == "USD")
            #expect(invoice["payment"]?["subtotal"]?["total"] == "22.00")
            #expect(invoice["payment"]?["original_amount"] == "24.50")
            #expect(invoice["status"]?["status"] == "pending")
            #expect(invoice["status"]?["history"]?.arrayValue?.count == 1)
            #expect(invoice["customer_information"]?["email"] == "buyer@example.com")
            #expect(invoice["products"]?.arrayValue?.count == 2)
            #expect(invoice["user_id"] == .int(userID))
        }
    }

    @Test func totalsSentByTheClientAreIgnored() async throws {
        try await InvoiceFixture.with { fixture in
            let answer = try await fixture.merchant("create", [
                "total": "0.01", "products": [["title": "Thing", "amount": "9.99", "total": "0.01"]],
            ])
            #expect(answer.data?["payment"]?["subtotal"]?["total"] == "9.99")
        }
    }

    @Test func validationNamesTheBadField() async throws {
        try await InvoiceFixture.with { fixture in
            let cases: [(JSON, String)] = [
                ([:], "missing parameter 'products'"),
                (["products": []], "an invoice needs at least one product line"),
                (["products": [["amount": "1"]]], "missing parameter 'products[0].title'"),
                (["products": [["title": "x", "amount": "1.234"]]], "malformed parameter 'products[0].amount'"),
                (["products": [["title": "x", "amount": "-1"]]], "malformed parameter 'products[0].amount'"),
                (["products": [["title": "x", "amount": "1", "quantity": 0]]], "parameter 'products[0].quantity' must be between 1 and 1000000"),
                (["products": [["title": "x", "amount": "1", "discount_type": 7]]], "parameter 'products[0].discount_type' must be one of: 0, 1"),
                (["currency": "US", "products": [["title": "x", "amount": "1"]]], "malformed parameter 'currency'"),
                (["user_id": 999, "products": [["title": "x", "amount": "1"]]], "user_id is not a customer of this store"),
                (["customer_information": ["email": "not-an-email"], "products": [["title": "x", "amount": "1"]]],
                 "malformed parameter 'customer_information.email'"),
            ]
            for (body, message) in cases {
                let answer = try await fixture.merchant("create", body)
                #expect(answer.code != 0)
                #expect(answer.msg == message, "\(body.text)")
            }
            let count = try await fixture.server.kernel.access.storage.read { db in try db.scalar("SELECT COUNT(*) FROM invoice_invoices").int }
            #expect(count == 0)
        }
    }

    @Test func viewFindsByIdOrNumberOnlyInTheKeysStore() async throws {
        try await InvoiceFixture.with { fixture in
            let invoice = try await fixture.createInvoice(userID: nil)
            let byID = try await fixture.merchant("view", ["id": invoice["id"]!])
            #expect(byID.data?["number"] == invoice["number"])
            let byNumber = try await fixture.merchant("view", ["number": invoice["number"]!])
            #expect(byNumber.data?["id"] == invoice["id"])
            let accounts = fixture.server.kernel.access.accounts
            let otherStore = try await accounts.store("other")
            let otherKey = try await accounts.createAPIKey(storeID: otherStore, scopes: ["invoices"]).key
            let foreign = try await fixture.server.call("invoice", "merchant", "view", ["id": invoice["id"]!], headers: [("X-Api-Key", otherKey)])
            #expect(foreign.code == -1)
            #expect(foreign.msg == "not found")
            let missing = try await fixture.merchant("view", ["id": 424242])
            #expect(missing.text == foreign.text)
            let unscoped = try await accounts.createAPIKey(storeID: 1, scopes: ["schedules"]).key
            let refused = try await fixture.server.call("invoice", "merchant", "view", ["id": invoice["id"]!], headers: [("X-Api-Key", unscoped)])
            #expect(refused.code == -1000)
        }
    }

    @Test func updateChangesOnlyPendingInvoicesAndRecordsHistory() async throws {
        try await InvoiceFixture.with { fixture in
            let invoice = try await fixture.createInvoice(userID: nil, amount: "10.00")
            let updated = try await fixture.merchant("update", [
                "id": invoice["id"]!, "products": [["title": "Bigger", "amount": "12.00", "quantity": 2]], "feedback": "thanks",
            ])
            #expect(updated.data?["payment"]?["subtotal"]?["total"] == "24.00")
            #expect(updated.data?["feedback"] == "thanks")
            #expect(updated.data?["status"]?["history"]?.arrayValue?.count == 2)
            let paid = try await fixture.merchant(
                "pay", ["id": invoice["id"]!, "gateway": "stripe", "transaction_id": "pi_1", "amount": "24.00"])
            #expect(paid.code == 0)
            let refused = try await fixture.merchant("update", ["id": invoice["id"]!, "feedback": "late"])
            #expect(refused.code == -1)
            #expect(refused.msg == "only a pending invoice can be changed")
        }
    }

    @Test func payRefundAndIllegalTransitions() async throws {
        try await InvoiceFixture.with { fixture in
            let invoice = try await fixture.createInvoice(userID: nil, amount: "50.00")
            let id = invoice["id"]!
            let refundPending = try await fixture.merchant("refund", ["id": id])
            #expect(refundPending.msg == "an invoice that is pending cannot become refunded")
            let wrongAmount = try await fixture.merchant("pay", ["id": id, "gateway": "stripe", "transaction_id": "t1", "amount": "49.99"])
            #expect(wrongAmount.msg == "the amount paid must equal the invoice total 50.00")
            let paid = try await fixture.merchant(
                "pay", ["id": id, "gateway": "stripe", "transaction_id": "t1", "amount": "50", "paid_at": "2026-11-20 10:00:00"])
            #expect(paid.data?["status"]?["status"] == "paid")
            #expect(paid.data?["payment"]?["gateway"]?["transaction_id"] == "t1")
            #expect(paid.data?["payment"]?["paid_at"] == "2026-11-20T10:00:00Z")
            let payAgain = try await fixture.merchant("pay", ["id": id, "gateway": "stripe", "transaction_id": "t2", "amount": "50"])
            #expect(payAgain.msg == "an invoice that is paid cannot become paid")
            let cancelPaid = try await fixture.merchant("cancel", ["id": id])
            #expect(cancelPaid.msg == "an invoice that is paid cannot become canceled")
            let partial = try await fixture.merchant("refund", ["id": id, "amount": "20.00"])
            #expect(partial.data?["status"]?["status"] == "partially_refunded")
            #expect(partial.data?["payment"]?["refunded"] == "20.00")
            let tooMuch = try await fixture.merchant("refund", ["id": id, "amount": "30.01"])
            #expect(tooMuch.msg == "at most 30.00 can still be refunded")
            let rest = try await fixture.merchant("refund", ["id": id])
            #expect(rest.data?["status"]?["status"] == "refunded")
            let history = rest.data?["status"]?["history"]?.arrayValue?.compactMap { $0["status"]?.stringValue }
            #expect(history == ["pending", "paid", "partially_refunded", "refunded"])
        }
    }

    @Test func aCanceledInvoiceKeepsItsNumberAndTheNextOneFollows() async throws {
        try await InvoiceFixture.with { fixture in
            let first = try await fixture.createInvoice(userID: nil)
            let canceled = try await fixture.merchant("cancel", ["id": first["id"]!, "note": "customer changed mind"])
            #expect(canceled.data?["status"]?["status"] == "canceled")
            #expect(canceled.data?["number"] == first["number"])
            let second = try await fixture.createInvoice(userID: nil)
            #expect(second["number"]?.stringValue?.hasSuffix("000002") == true)
        }
    }

    @Test func anExpiredInvoiceCannotBePaidAndIsMarkedExpired() async throws {
        try await InvoiceFixture.with { fixture in
            let created = try await fixture.merchant("create", [
                "expires_at": .int(Int64(Date().timeIntervalSince1970) - 10), "products": [["title": "x", "amount": "5"]],
            ])
            let id = created.data!["id"]!
            let pay = try await fixture.merchant("pay", ["id": id, "gateway": "stripe", "transaction_id": "t", "amount": "5"])
            #expect(pay.msg == "the invoice has expired")
            let view = try await fixture.merchant("view", ["id": id])
            #expect(view.data?["status"]?["status"] == "expired")
        }
    }

    @Test func listFiltersByStatusAndPages() async throws {
        try await InvoiceFixture.with { fixture in
            let (userID, _) = try await fixture.server.user("lister")
            for _ in 0..<3 { _ = try await fixture.paidInvoice(userID: userID) }
            for _ in 0..<2 { _ = try await fixture.createInvoice(userID: userID) }
            let paid = try await fixture.merchant("list", ["status": "paid"])
            #expect(paid.data?["total"] == 3)
            let page = try await fixture.merchant("list", ["page_size": 10, "page": 1])
            #expect(page.data?["items"]?.arrayValue?.count == 5)
            let badSize = try await fixture.merchant("list", ["page_size": 15])
            #expect(badSize.code == -5000)
            let badStatus = try await fixture.merchant("list", ["status": "lost"])
            #expect(badStatus.code == -5000)
        }
    }

    @Test func anAdminActsForTheStoreItNames() async throws {
        try await InvoiceFixture.with { fixture in
            let admin = try await fixture.server.admin("root")
            let created = try await fixture.server.call(
                "invoice", "merchant", "create", ["store_id": 1, "products": [["title": "x", "amount": "3"]]], token: admin,
                path: "/admin/plugins/index")
            #expect(created.code == 0)
            let clerk = try await fixture.server.admin("clerk", permissions: ["invoice.invoice.*"])
            let refused = try await fixture.server.call("invoice", "merchant", "list", token: clerk)
            #expect(refused.code == -1000)
        }
    }
}

@Suite struct MerchantTimeBoundsTests {
    @Test func timesOutsideYearsNineteenSeventyToNineThousandAreRefused() async throws {
        try await InvoiceFixture.with { fixture in
            for value: JSON in [.int(Int64.max), .int(-1), "99999-01-01"] {
                let answer = try await fixture.merchant("create", ["expires_at": value, "products": [["title": "x", "amount": "1"]]])
                #expect(answer.code == -5000, "\(value.text): \(answer.text)")
            }
        }
    }
}
