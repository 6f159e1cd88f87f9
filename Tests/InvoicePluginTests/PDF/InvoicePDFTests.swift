import Contracts
import Foundation
import Kernel
import PluginSDK
import Storage
import TestSupport
import Testing

/// Invoice PDFs over HTTP, read back with poppler: the text a reader sees, the numbers, the pages.
@Suite("Invoice PDFs")
struct InvoicePDFTests {
    /// Three lines: taxed, taxed with a 10% discount, untaxed; 13% VAT on top, in USD.
    static let products: JSON = [
        ["code": "W1", "title": "Blue widget", "quantity": 2, "amount": "12.50", "have_tax": true],
        ["code": "C1", "title": "Consulting hour", "description": "Remote, March", "quantity": 3, "amount": "80.00",
         "discount_type": 0, "discount_amount": "10", "have_tax": true],
        ["code": "G1", "title": "Gift card", "quantity": 1, "amount": "50.00"],
    ]

    @Test func anEnglishPDFCarriesTheStoreTheLinesAndTheTotals() async throws {
        try await PDFShop.with { shop in
            let (user, token) = try await shop.fixture.server.user("alice")
            let paid = try await shop.paid(userID: user, products: Self.products)
            let answer = try await shop.fixture.shopxo("order", "pdf", ["id": .int(paid.id)], token: token)
            #expect(answer.status == 200)
            #expect(answer.headers["content-type"] == "application/pdf")
            #expect(answer.headers["content-disposition"] == "inline; filename=\"\(paid.number).pdf\"")
            let pdf = try PDFText(answer.body)
            #expect(pdf.pages.count == 1)
            let text = pdf.text
            for expected in [
                "Example Trading Ltd", "12 Harbour Road", "INVOICE", paid.number, "alice", "Stripe", paid.transaction,
                "Blue widget", "Consulting hour", "Remote, March", "Gift card",
                "12.50 USD", "28.25 USD", "24.00 USD", "244.08 USD", "50.00 USD",
                "Subtotal", "315.00 USD", "VAT 13%", "31.33 USD", "Total", "322.33 USD", "voucher",
            ] {
                #expect(text.contains(expected), "missing \(expected)")
            }
            let info = try PDFText.info(answer.body)
            #expect(info["Title"] == "INVOICE \(paid.number)")
            #expect(info["Creator"] == "invoice-server")
        }
    }

    @Test func downloadAsksForAnAttachment() async throws {
        try await PDFShop.with { shop in
            let (user, token) = try await shop.fixture.server.user("bob")
            let paid = try await shop.paid(userID: user, products: Self.products)
            let answer = try await shop.fixture.shopxo("order", "pdf", ["id": .int(paid.id), "download": 1], token: token)
            #expect(answer.headers["content-disposition"] == "attachment; filename=\"\(paid.number).pdf\"")
            #expect(answer.body.starts(with: Array("%PDF-".utf8)))
        }
    }

    @Test func aChinesePDFIsInChinese() async throws {
        try await PDFShop.with { shop in
            let (user, token) = try await shop.fixture.server.user("li")
            let products: JSON = [["title": "蓝色小部件", "quantity": 2, "amount": "12.50", "have_tax": true]]
            let paid = try await shop.paid(userID: user, products: products)
            let answer = try await shop.fixture.shopxo("order", "pdf", ["id": .int(paid.id)], token: token, lang: "zh")
            let text = try PDFText(answer.body).text
            for expected in ["付款凭证", "单据编号", "蓝色小部件", "单价", "增值税", "合计", "28.25 USD", paid.number] {
                #expect(text.contains(expected), "missing \(expected)")
            }
        }
    }

    @Test func aPersianPDFUsesPersianDigitsAndTheJalaliCalendar() async throws {
        try await PDFShop.with { shop in
            let (user, token) = try await shop.fixture.server.user("sara")
            let products: JSON = [["title": "ویجت آبی", "quantity": 2, "amount": "1250.50", "have_tax": true]]
            let paid = try await shop.paid(userID: user, products: products)
            // 2026-03-21 12:00 UTC is 1 Farvardin 1405 (Nowruz).
            try await shop.fixture.server.kernel.access.storage.write { db in
                try db.execute("UPDATE invoice_invoices SET paid_at = ? WHERE id = ?", Int64(1_774_094_400), paid.id)
            }
            let answer = try await shop.fixture.shopxo("order", "pdf", ["id": .int(paid.id)], token: token, lang: "fa")
            // Poppler splits Arabic-script words where Noto's glyphs do not touch: compare without spaces.
            let text = try PDFText(answer.body).text.filter { !$0.isWhitespace }
            // 2 x 1,250.50 = 2,501.00; 13% VAT 325.13; total 2,826.13.
            for expected in ["صورتحساب", "ویجتآبی", "شمارهصورتحساب", "۲٬۵۰۱٫۰۰", "۳۲۵٫۱۳", "۲٬۸۲۶٫۱۳", "۱۴۰۵/۰۱/۰۱", paid.number] {
                #expect(text.contains(expected), "missing \(expected)")
            }
            #expect(!text.contains("2,826.13"))

            let gregorian = try await shop.fixture.shopxo(
                "order", "pdf", ["id": .int(paid.id), "calendar": "gregorian"], token: token, lang: "fa")
            #expect(try PDFText(gregorian.body).text.contains("۲۰۲۶-۰۳-۲۱"))
        }
    }

    @Test func twoHundredLinesFlowOverPagesWithTheHeaderOnEach() async throws {
        try await PDFShop.with { shop in
            let (user, token) = try await shop.fixture.server.user("bulk")
            let lines = (1...200).map { index -> JSON in
                let title = "Line \(String(format: "%03d", index)) " + String(repeating: "long description ", count: index % 7)
                return ["title": .string(title), "quantity": .int(Int64(index)), "amount": "1.25"]
            }
            let paid = try await shop.paid(userID: user, products: .array(lines))
            let answer = try await shop.fixture.shopxo("order", "pdf", ["id": .int(paid.id)], token: token)
            let pdf = try PDFText(answer.body)
            #expect(pdf.pages.count >= 5)
            for (index, page) in pdf.pages.enumerated() {
                #expect(page.contains(paid.number), "page \(index + 1) lacks the header")
                #expect(page.contains("Unit price"), "page \(index + 1) lacks the column titles")
                #expect(page.contains("Page \(index + 1) / \(pdf.pages.count)"))
            }
            let text = pdf.text
            for index in 1...200 {
                let title = "Line \(String(format: "%03d", index))"
                #expect(text.components(separatedBy: title).count == 2, "\(title) printed \(text.components(separatedBy: title).count - 1) times")
            }
            // Sum of 1...200 = 20,100 units at 1.25.
            #expect(text.contains("25,125.00 USD"))
            #expect(pdf.pages.last?.contains("Total") == true)
        }
    }

    @Test func theSameInvoicePrintsTheSameBytesWithAndWithoutTheCache() async throws {
        try await PDFShop.with { shop in
            let (user, token) = try await shop.fixture.server.user("carol")
            let paid = try await shop.paid(userID: user, products: Self.products)
            let first = try await shop.fixture.shopxo("order", "pdf", ["id": .int(paid.id)], token: token)
            let cached = try await shop.fixture.shopxo("order", "pdf", ["id": .int(paid.id)], token: token)
            try await shop.setCacheBytes(0)
            let rendered = try await shop.fixture.shopxo("order", "pdf", ["id": .int(paid.id)], token: token)
            #expect(first.body.count > 1000)
            #expect(first.body == cached.body)
            #expect(first.body == rendered.body)

            // A refund changes the invoice, so the cached PDF is not served again.
            try await shop.setCacheBytes(1 << 20)
            let refund = try await shop.fixture.merchant("refund", ["id": .int(paid.id), "amount": "10.00"])
            #expect(refund.code == 0)
            let after = try await shop.fixture.shopxo("order", "pdf", ["id": .int(paid.id)], token: token)
            let text = try PDFText(after.body).text
            #expect(text.contains("Refunded") && text.contains("10.00 USD"))
        }
    }

    @Test func theTaxInvoiceApplicationIsPrinted() async throws {
        try await PDFShop.with { shop in
            let (user, token) = try await shop.fixture.server.user("dave")
            let paid = try await shop.paid(userID: user, products: Self.products)
            _ = try await shop.fixture.apply(token: token, ids: [paid.id], type: "0", form: ShopXOForms.companySpecialPaper)
            let answer = try await shop.fixture.shopxo("order", "pdf", ["id": .int(paid.id)], token: token)
            let text = try PDFText(answer.body).text
            for expected in ["Tax invoice", "Example Ltd", "91310120MA1HWHB21C", "Pending review"] {
                #expect(text.contains(expected), "missing \(expected)")
            }
        }
    }

    @Test func adminsAndMerchantsPrintAnyPaidInvoiceOfTheStore() async throws {
        try await PDFShop.with { shop in
            let (user, _) = try await shop.fixture.server.user("erin")
            let paid = try await shop.paid(userID: user, products: Self.products)
            let byNumber = try await shop.fixture.admin("invoice", "pdf", ["number": .string(paid.number)], token: shop.adminToken)
            #expect(byNumber.headers["content-type"] == "application/pdf")
            #expect(try PDFText(byNumber.body).text.contains("322.33 USD"))
            let byKey = try await shop.fixture.merchant("pdf", ["id": .int(paid.id), "download": true])
            #expect(byKey.headers["content-disposition"]?.hasPrefix("attachment;") == true)
            #expect(byKey.body == byNumber.body)
        }
    }

    @Test func ordersWithoutARealPaymentGetAnEnvelopeErrorNotAPDF() async throws {
        try await PDFShop.with { shop in
            let (user, token) = try await shop.fixture.server.user("frank")
            let (other, _) = try await shop.fixture.server.user("grace")
            let unpaid = try ShopXOForms.id(try await shop.fixture.createInvoice(userID: user))
            let balance = try await shop.fixture.paidID(userID: user, gateway: "balance")
            let canceled = try ShopXOForms.id(try await shop.fixture.createInvoice(userID: user))
            #expect(try await shop.fixture.merchant("cancel", ["id": .int(canceled)]).code == 0)
            let othersPaid = try await shop.fixture.paidID(userID: other)
            let before = try await shop.invoiceCount()

            for id in [unpaid, balance, canceled] {
                let answer = try await shop.fixture.shopxo("order", "pdf", ["id": .int(id)], token: token)
                #expect(answer.headers["content-type"]?.hasPrefix("application/json") == true)
                #expect(answer.code == -1, "invoice \(id): \(answer.text)")
                #expect(answer.text.contains("stripe"))
            }
            let foreign = try await shop.fixture.shopxo("order", "pdf", ["id": .int(othersPaid)], token: token)
            let missing = try await shop.fixture.shopxo("order", "pdf", ["id": 999_999], token: token)
            #expect(foreign.code == missing.code && foreign.json["msg"] == missing.json["msg"])
            let noID = try await shop.fixture.shopxo("order", "pdf", [:], token: token)
            #expect(noID.code != 0 && noID.text.contains("id"))
            let badCalendar = try await shop.fixture.shopxo("order", "pdf", ["id": .int(balance), "calendar": "mayan"], token: token)
            #expect(badCalendar.code != 0 && badCalendar.text.contains("calendar"))
            let anonymous = try await shop.fixture.shopxo("order", "pdf", ["id": .int(balance)], token: nil)
            #expect(anonymous.code != 0)
            #expect(try await shop.invoiceCount() == before)
        }
    }
}

/// The `invoice.pdf_data` filter hook: another plugin changes what the PDF prints.
@Suite("Invoice PDF filters")
struct InvoicePDFFilterTests {
    @Test func aFilterStampsTheFooterAndRenamesTheHeading() async throws {
        try await PDFShop.with { shop in
            shop.fixture.server.kernel.access.services(for: "stamper").hooks.addFilter(InvoiceFilters.pdfData, name: "stamp") { data in
                guard case .object(var fields) = data else { return data }
                fields["footer"] = "PAID IN FULL - stamped by a filter"
                fields["heading"] = "RECEIPT"
                return .object(fields)
            }
            let (user, token) = try await shop.fixture.server.user("hank")
            let paid = try await shop.paid(userID: user, products: InvoicePDFTests.products)
            let answer = try await shop.fixture.shopxo("order", "pdf", ["id": .int(paid.id)], token: token)
            let text = try PDFText(answer.body).text
            #expect(text.contains("PAID IN FULL - stamped by a filter"))
            #expect(text.contains("RECEIPT") && !text.contains("INVOICE"))
            #expect(text.contains("322.33 USD"))
        }
    }
}
