import Contracts
import PluginSDK

/// The invoice plugin's side of `InvoiceService` (Contracts): ordinary invoices for other
/// plugins (schedule, copy), priced and checked exactly as the merchant API prices and checks
/// them, inside the caller's write.
struct InvoiceServices: Sendable {
    let services: PluginServices

    func register() {
        let hooks = services.hooks
        hooks.provide(InvoiceService.create) { draft, call, db in try create(draft, call, db) }
        hooks.provide(InvoiceService.quote) { request, call, db in try quote(request, call, db) }
        hooks.provide(InvoiceService.lines) { reference, call, db in try lines(reference, call, db) }
        hooks.provide(InvoiceService.status) { invoice, call, db in try status(invoice, call, db) }
        hooks.provide(InvoiceService.timeZone) { _, call, db in
            try SettingsRecords.load(db, storeID: call.storeID, services: services, config: call.config).timeZone.identifier
        }
        hooks.provide(InvoiceService.attachments) { ids, call, db in
            try AttachmentRecords.check(db, storeID: call.storeID, ids: ids.ids, field: ids.field)
        }
    }

    /// A pending invoice; the same request id answers the invoice made with it. The invoice is
    /// read back (lines, history) only when something listens to `invoice.created`: the event
    /// carries it as the merchant API shows it.
    func create(_ draft: InvoiceDraft, _ call: ServiceCall, _ db: Database) throws -> CreatedInvoice {
        let settings = try SettingsRecords.load(db, storeID: call.storeID, services: services, config: call.config)
        if let requestID = draft.requestID, let existing = try InvoiceRecords.existing(db, storeID: call.storeID, requestID: requestID)?.0 {
            return Self.created(existing)
        }
        let currency = try Self.currency(draft.currency, settings)
        var customer = JSONObject()
        if let id = draft.customer.id { customer["id"] = .string(id) }
        if let email = draft.customer.email { customer["email"] = .string(email) }
        let (lines, coupon) = try CouponUse.apply(
            try InvoiceInput.lines(draft.lines, currency: currency), invoiceCoupon: nil, storeID: call.storeID, currency: currency,
            now: call.now, dropUnusable: draft.dropUnusableCoupons, db: db)
        let record = InvoiceRecords.Draft(
            kind: .order, userID: nil, currency: currency, lines: lines,
            customer: .object(customer), expiresAt: nil, couponID: coupon?.id, subscriptionID: nil, feedback: draft.feedback, webhooks: [],
            checkoutURL: nil, requestID: draft.requestID,
            attachments: try AttachmentRecords.check(
                db, storeID: call.storeID, ids: draft.attachments.map(String.init), field: "attachments", dropMissing: draft.dropMissingAttachments),
            attachmentsAfterPayment: draft.attachmentsAfterPayment)
        let created = try InvoiceRecords.create(db, storeID: call.storeID, draft: record, settings: settings, now: call.now)
        if services.hooks.hasListeners(InvoiceEvents.created) {
            guard let invoice = try InvoiceRecords.find(db, id: created.id, storeID: call.storeID) else { throw KernelError.notFound }
            try services.hooks.publish(InvoiceEvents.created, invoice, in: db)
        }
        return CreatedInvoice(id: created.id, number: created.number, currency: currency.code, total: created.total.formatted(currency))
    }

    /// What the lines would cost in the store, in minor units.
    func quote(_ request: InvoiceQuoteRequest, _ call: ServiceCall, _ db: Database) throws -> InvoiceQuote {
        let settings = try SettingsRecords.load(db, storeID: call.storeID, services: services, config: call.config)
        let currency = try Self.currency(request.currency, settings)
        let lines = try CouponUse.apply(
            try InvoiceInput.lines(request.lines, currency: currency), invoiceCoupon: nil, storeID: call.storeID, currency: currency,
            now: call.now, dropUnusable: false, db: db
        ).lines.map(settings.tax.price)
        let totals = InvoiceTotals(lines)
        return InvoiceQuote(
            currency: currency.code, exponent: currency.exponent,
            lines: lines.map {
                InvoiceQuote.Line(
                    gross: $0.gross.minorUnits, discount: $0.discount.minorUnits, coupon: $0.coupon.minorUnits, vat: $0.vat.minorUnits,
                    total: $0.total.minorUnits)
            },
            original: totals.original.minorUnits, vat: totals.vat.minorUnits, total: totals.total.minorUnits)
    }

    /// An invoice's lines as drafts (for a copy), nothing of its payment or history.
    func lines(_ reference: InvoiceReference, _ call: ServiceCall, _ db: Database) throws -> InvoiceLines? {
        guard let invoice = try InvoiceRecords.find(db, number: reference.number, storeID: call.storeID) else { return nil }
        let drafts = invoice.lines.map { line in
            let input = line.input
            return InvoiceLineDraft(
                code: input.code, title: input.title, description: input.description, haveTax: input.haveTax, quantity: input.quantity,
                amount: input.amount.formatted(invoice.currency),
                discountAmount: input.discountType == .percent
                    ? Money.format(input.discountAmount, exponent: 2) : Money(input.discountAmount).formatted(invoice.currency),
                discountType: input.discountType.rawValue, couponCode: input.couponCode)
        }
        let attachments = try AttachmentRecords.forInvoice(db, invoiceID: invoice.id)
        return InvoiceLines(
            number: invoice.number, currency: invoice.currency.code, feedback: invoice.feedback, lines: drafts,
            attachments: attachments.items.map(\.id), attachmentsAfterPayment: attachments.afterPayment)
    }

    /// An invoice's number and status.
    func status(_ invoice: InvoiceID, _ call: ServiceCall, _ db: Database) throws -> InvoiceState? {
        guard let row = try db.queryOne("SELECT number, status FROM invoice_invoices WHERE id = ? AND store_id = ?", invoice.id, call.storeID)
        else { return nil }
        return InvoiceState(number: try row.require("number"), status: try row.require("status"))
    }

    private static func created(_ invoice: Invoice) -> CreatedInvoice {
        CreatedInvoice(id: invoice.id, number: invoice.number, currency: invoice.currency.code, total: invoice.total.formatted(invoice.currency))
    }

    /// `code`, or the store's currency when nil.
    private static func currency(_ code: String?, _ settings: StoreSettings) throws -> Currency {
        guard let code else { return settings.currency }
        guard let currency = Currency(code) else { throw KernelError.badParameter("currency", .malformed) }
        return currency
    }
}
