import Foundation
import Kernel
import PluginSDK
import Printing
import Storage
import Synchronization
import TestSupport
import Testing

@testable import InvoicePlugin

/// What a shop owner checks on a PDF, read back with poppler over real HTTP in English,
/// Chinese and Persian: who is billed, the store's tax id, descriptions set apart from titles,
/// emoji, signs, the Chinese title, and pro forma bills for unpaid invoices.
@Suite("Invoice PDF content")
struct InvoicePDFContentTests {
    static let customer: JSON = [
        "name": "Acme Trading GmbH", "email": "billing@acme.example", "address": "Hauptstrasse 5, 10115 Berlin",
        "location": "Berlin", "country": "DE", "tax_id": "DE123456789",
    ]

    /// 2099-12-31 12:00 UTC, printed as a due date.
    static let dueAt: Int64 = 4_102_401_600

    @Test(arguments: ["en", "zh", "fa"])
    func theBillToBlockAndTheStoresTaxIDArePrinted(lang: String) async throws {
        try await PDFShop.with { shop in
            let saved = try await shop.fixture.admin("settings", "save", ["store_tax_id": "HK-BR-71234567"], token: shop.adminToken)
            #expect(saved.data?["settings"]?["store_tax_id"] == "HK-BR-71234567")
            let (user, _) = try await shop.fixture.server.user("acme-\(lang)")
            let paid = try await shop.paid(userID: user, products: InvoicePDFTests.products, ["customer_information": Self.customer])
            let answer = try await shop.fixture.merchant("pdf", ["id": .int(paid.id), "lang": .string(lang)])
            let text = try PDFText(answer.body).text
            let compact = text.filter { !$0.isWhitespace }
            let labels = ["en": ["Bill to", "Tax ID"], "zh": ["付款方", "税号"], "fa": ["مشخصاتخریدار", "شناسهمالیاتی"]][lang]!
            for expected in labels + [
                "Acme Trading GmbH", "billing@acme.example", "Hauptstrasse 5, 10115 Berlin", "Berlin, DE", "DE123456789",
                "HK-BR-71234567",
            ] {
                #expect(compact.contains(expected.filter { !$0.isWhitespace }), "\(lang): missing \(expected)")
            }
            // The name given with the invoice wins over the account's name.
            #expect(!text.contains("acme-\(lang)"))
        }
    }

    @Test func withoutBillToFieldsTheAccountNameAndEmailAreBilled() async throws {
        try await PDFShop.with { shop in
            let (user, _) = try await shop.fixture.server.user("plainuser")
            let paid = try await shop.paid(
                userID: user, products: InvoicePDFTests.products, ["customer_information": ["email": "plain@example.com"]])
            let text = try PDFText(try await shop.fixture.merchant("pdf", ["id": .int(paid.id)]).body).text
            #expect(text.contains("Bill to") && text.contains("plainuser") && text.contains("plain@example.com"))
            #expect(!text.contains("Tax ID"))
        }
    }

    @Test func billToFieldsThatAreNotTextAreRefused() async throws {
        try await PDFShop.with { shop in
            let (user, _) = try await shop.fixture.server.user("badbill")
            let before = try await shop.invoiceCount()
            for bad: JSON in [["tax_id": ["DE1"]], ["name": ["first": "A"]], ["address": .string(String(repeating: "x", count: 501))]] {
                let answer = try await shop.fixture.merchant(
                    "create", ["user_id": .int(user), "products": InvoicePDFTests.products, "customer_information": bad])
                #expect(answer.code == -5000, "\(bad.text): \(answer.text)")
                #expect(answer.text.contains("customer_information."))
            }
            #expect(try await shop.invoiceCount() == before)
        }
    }

    @Test(arguments: ["en", "zh", "fa"])
    func descriptionsPrintSmallerThanTitles(lang: String) async throws {
        try await PDFShop.with { shop in
            let (user, _) = try await shop.fixture.server.user("desc-\(lang)")
            let products: JSON = [["title": "Consulting", "description": "Remote", "quantity": 1, "amount": "80.00"]]
            let paid = try await shop.paid(userID: user, products: products)
            let words = try PDFText.wordHeights(try await shop.fixture.merchant("pdf", ["id": .int(paid.id), "lang": .string(lang)]).body)
            let title = try #require(words.first { $0.word == "Consulting" })
            let description = try #require(words.first { $0.word == "Remote" })
            #expect(description.height < title.height * 0.95, "\(lang): title \(title.height) pt, description \(description.height) pt")
        }
    }

    @Test(arguments: ["en", "zh", "fa"])
    func emojiAndSymbolsPrintFromOutlinesAndCanBeSearched(lang: String) async throws {
        try await PDFShop.with { shop in
            let (user, _) = try await shop.fixture.server.user("emoji-\(lang)")
            let products: JSON = [
                ["title": "🎁 Gift card", "description": "★ ✓ € → ™ ©", "quantity": 1, "amount": "50.00"],
                ["title": "Coffee ☕ and cake 🍰", "quantity": 2, "amount": "4.50"],
            ]
            let paid = try await shop.paid(userID: user, products: products)
            let body = try await shop.fixture.merchant("pdf", ["id": .int(paid.id), "lang": .string(lang)]).body
            let text = try PDFText(body).text
            for expected in ["🎁", "Gift card", "☕", "🍰", "★", "✓", "€", "™"] {
                #expect(text.contains(expected), "\(lang): \(expected) is not text in the PDF")
            }
            #expect(try PDFText.fonts(body).contains { $0.name.hasPrefix("Symbola") })
            // Nothing printed as a color bitmap: every emoji above is an outline.
            #expect(try PDFText.images(body).isEmpty)
        }
    }

    @Test func noCharacterOfTheseTitlesPrintsAsAnEmptyBox() async throws {
        let titles = [
            "🎁 Gift card", "Coffee ☕ and cake 🍰", "Receipt 🧾 and 🥰", "★ ✓ € → ™ © ½ °C", "礼品卡 🎁", "کارت هدیه 🎁",
            "Crème brûlée, Øresund, Łódź", "№ 5 — “quoted” ‘text’ …",
        ]
        for language in Language.allCases {
            var printed = try Self.printed(language: language)
            printed.rows = titles.enumerated().map { index, title in
                PrintedInvoice.Row(
                    position: "\(index + 1)", title: title, description: title, quantity: "1", unitPrice: "1.00 USD", discount: "",
                    tax: "0.00 USD", amount: "1.00 USD")
            }
            let missing = try await Self.missingGlyphs(printed)
            #expect(missing == 0, "\(language): \(missing) characters without a glyph")
        }
    }

    @Test func aPersianDiscountKeepsItsMinusSignBeforeTheDigits() async throws {
        try await PDFShop.with { shop in
            let (user, _) = try await shop.fixture.server.user("minus")
            let paid = try await shop.paid(userID: user, products: InvoicePDFTests.products)
            let persian = try await shop.fixture.merchant("pdf", ["id": .int(paid.id), "lang": "fa"])
            let text = try PDFText(persian.body).text.filter { !$0.isWhitespace }
            // The discount of the consulting line, 10% of 240.00: a minus sign, then the digits.
            #expect(text.contains("\u{2212}۲۴٫۰۰"), "\(text)")
            #expect(!text.contains("۲۴٫۰۰-") && !text.contains("۲۴٫۰۰\u{2212}"))
            let english = try PDFText(try await shop.fixture.merchant("pdf", ["id": .int(paid.id)]).body).text
            #expect(english.contains("-24.00 USD"))
        }
        #expect(LocalFormat(language: .fa, calendar: .persian).money(Money(-2_400), Currency("USD")!) == "\u{2066}\u{2212}۲۴٫۰۰\u{2069} USD")
        #expect(LocalFormat(language: .en, calendar: .gregorian).money(Money(-123_456), Currency("USD")!) == "-1,234.56 USD")
    }

    @Test func theChineseVoucherIsNotCalledAFapiaoUnlessAnApplicationIsPrinted() async throws {
        try await PDFShop.with { shop in
            let (user, token) = try await shop.fixture.server.user("zhang")
            let paid = try await shop.paid(userID: user, products: [["title": "蓝色小部件", "quantity": 1, "amount": "10.00"]])
            let voucher = try PDFText(try await shop.fixture.merchant("pdf", ["id": .int(paid.id), "lang": "zh"]).body).text
            #expect(voucher.contains("付款凭证") && !voucher.contains("发票"), "\(voucher)")
            #expect(try PDFText.info(try await shop.fixture.merchant("pdf", ["id": .int(paid.id), "lang": "zh"]).body)["Title"]
                == "付款凭证 \(paid.number)")

            let unpaid = try await shop.unpaid(userID: user, products: [["title": "礼品卡", "quantity": 1, "amount": "10.00"]])
            let bill = try PDFText(try await shop.fixture.merchant("pdf", ["id": .int(unpaid.id), "lang": "zh"]).body).text
            #expect(bill.contains("待付款账单") && bill.contains("未付款") && !bill.contains("发票"), "\(bill)")

            _ = try await shop.fixture.apply(token: token, ids: [paid.id], type: "0", form: ShopXOForms.companySpecialPaper)
            let withApplication = try PDFText(try await shop.fixture.merchant("pdf", ["id": .int(paid.id), "lang": "zh"]).body).text
            #expect(withApplication.contains("付款凭证") && withApplication.contains("发票申请") && withApplication.contains("发票抬头"))
        }
    }

    @Test(arguments: ["en", "zh", "fa"])
    func merchantsAndAdminsPrintAProFormaBillForAnUnpaidInvoice(lang: String) async throws {
        try await PDFShop.with { shop in
            let (user, token) = try await shop.fixture.server.user("owes-\(lang)")
            let url = "https://pay.example.com/checkout/cs_test_4242?ref=inv"
            let unpaid = try await shop.unpaid(
                userID: user, products: InvoicePDFTests.products,
                ["expires_at": .int(Self.dueAt), "checkout_url": .string(url), "customer_information": Self.customer])
            let byKey = try await shop.fixture.merchant("pdf", ["id": .int(unpaid.id), "lang": .string(lang)])
            #expect(byKey.headers["content-type"] == "application/pdf", "\(byKey.text)")
            // Poppler drops the zero-width non-joiner of "پیش‌فاکتور": compare without it and spaces.
            let text = try PDFText(byKey.body).text.filter { !$0.isWhitespace && $0 != "\u{200C}" }
            let expected = [
                "en": ["PROFORMAINVOICE", "UNPAID", "Duedate", "2099-12-3112:00UTC", "Payonline", "Awaitingpayment", "322.33USD"],
                "zh": ["待付款账单", "未付款", "付款截止", "2099-12-3112:00UTC", "在线支付", "待支付", "322.33USD"],
                "fa": ["پیشفاکتور", "پرداختنشده", "مهلتپرداخت", "۱۴۷۸/۱۰/۱۱", "درانتظارپرداخت", "۳۲۲٫۳۳"],
            ][lang]!
            for part in expected + [url, unpaid.number, "AcmeTradingGmbH"] {
                #expect(text.contains(part), "\(lang): missing \(part)")
            }
            // The pay link is a link, not only text.
            #expect(String(decoding: byKey.body, as: UTF8.self).contains("/URI (\(url))"))
            #expect(!text.contains("voucher"))

            let byAdmin = try await shop.fixture.admin("invoice", "pdf", ["number": .string(unpaid.number), "lang": .string(lang)], token: shop.adminToken)
            #expect(byAdmin.body == byKey.body)

            // The customer still gets no PDF of an unpaid order.
            let customer = try await shop.fixture.shopxo("order", "pdf", ["id": .int(unpaid.id)], token: token, lang: lang)
            #expect(customer.code == -1 && customer.headers["content-type"]?.hasPrefix("application/json") == true)
        }
    }

    @Test func canceledExpiredAndBalancePaidInvoicesHaveNoPDFEvenForMerchants() async throws {
        try await PDFShop.with { shop in
            let (user, _) = try await shop.fixture.server.user("nopdf")
            let canceled = try await shop.unpaid(userID: user, products: InvoicePDFTests.products)
            #expect(try await shop.fixture.merchant("cancel", ["id": .int(canceled.id)]).code == 0)
            let expired = try await shop.unpaid(userID: user, products: InvoicePDFTests.products)
            try await shop.fixture.server.kernel.access.storage.write { db in
                try db.execute("UPDATE invoice_invoices SET expires_at = 1000 WHERE id = ?", expired.id)
            }
            let balance = try await shop.fixture.paidID(userID: user, gateway: "balance")
            for id in [canceled.id, expired.id, balance] {
                let answer = try await shop.fixture.merchant("pdf", ["id": .int(id)])
                #expect(answer.code == -1, "invoice \(id): \(answer.text)")
                #expect(answer.text.contains("pro forma"))
            }
        }
    }

    // MARK: In-process rendering

    /// A printed receipt in `language` with nothing in it but what a test sets.
    static func printed(language: Language) throws -> PrintedInvoice {
        let invoice = Invoice(
            id: 1, storeID: 1, number: "INV-TEST-1", kind: .order, userID: nil, status: .paid, currency: Currency("USD")!,
            total: Money(100), vat: .zero, originalAmount: Money(100), fullPrice: Money(100), fee: .zero, refunded: .zero,
            tax: TaxRule(rateBasisPoints: 0, inclusive: false), gatewayType: "stripe", transactionID: "pi_1", checkoutURL: nil,
            gatewayData: .emptyObject, paidAmount: Money(100), paidAt: 1_774_094_400, expiresAt: nil, customer: .emptyObject,
            couponID: nil, subscriptionID: nil, feedback: nil, webhooks: [], requestID: nil, createdAt: 1_774_094_400,
            updatedAt: 1_774_094_400, lines: [], history: [])
        return PrintedInvoice(
            invoice: invoice, kind: .receipt, settings: .fallback, logo: nil, customerName: "Test", application: nil,
            language: language, calendar: .gregorian)
    }

    /// Renders `invoice` with the server's fonts and counts the characters no font had a glyph for.
    static func missingGlyphs(_ invoice: PrintedInvoice) async throws -> Int {
        let counted = Mutex(0)
        _ = try await PDFRenderer(threads: 1).render(
            metadata: PDFMetadata(title: "test", date: invoice.date), direction: invoice.direction == .rightToLeft ? .rightToLeft : .leftToRight
        ) { canvas in
            InvoiceLayout(invoice).draw(on: canvas)
            counted.withLock { $0 = canvas.missingGlyphs }
        }
        return counted.withLock { $0 }
    }
}
