import Kernel
import Storage

/// The hosted invoice page's actions, for customers without an account (as Stripe's hosted
/// invoice page): `hosted/view` and `hosted/pdf` are public and answer only for a valid `link`;
/// `merchant/link` gives a store's invoice its link; `hosted/rotate` (admin) replaces the secret.
struct HostedInvoice: Sendable {
    let printer: InvoicePrinter

    static let linkParam = Param.string("link", required: true, maxLength: 60, "The link token from merchant/link")

    /// `hosted/view`: what the page shows - the store, amounts, lines, status, the pay link while
    /// pending, and whether a PDF exists. Never the customer's details or the webhooks.
    func view(_ context: ActionContext) async throws -> Reply {
        let invoice = try await Self.linkedInvoice(context)
        let settings = try await SettingsRecords.load(context, storeID: invoice.storeID)
        let money = { (value: Money) in JSON.string(value.formatted(invoice.currency)) }
        return .ok([
            "store": ["name": .string(settings.storeName), "address": .string(settings.storeAddress)],
            "number": .string(invoice.number),
            "status": .string(invoice.status.rawValue),
            "currency": .string(invoice.currency.code),
            "created_at": Invoice.iso(invoice.createdAt),
            "paid_at": Invoice.iso(invoice.paidAt),
            "expires_at": Invoice.iso(invoice.expiresAt),
            "subtotal": money(invoice.originalAmount),
            "vat": money(invoice.vat),
            "total": money(invoice.total),
            "refunded": money(invoice.refunded),
            "tax": ["rate_bp": .int(invoice.tax.rateBasisPoints), "inclusive": .bool(invoice.tax.inclusive)],
            "pay_url": invoice.status == .pending ? JSON(invoice.checkoutURL) : .null,
            "has_pdf": .bool(invoice.isPaidWithRealMoney(gateways: settings.realMoneyGateways)),
            "feedback": JSON(invoice.feedback),
            "products": .array(
                invoice.lines.map { line in
                    [
                        "title": .string(line.input.title), "description": .string(line.input.description),
                        "quantity": .int(line.input.quantity), "amount": money(line.input.amount), "total": money(line.total),
                    ]
                }),
        ])
    }

    /// `hosted/pdf`: the PDF, on the same terms as every other PDF action.
    func pdf(_ context: ActionContext) async throws -> Reply {
        let invoice = try await Self.linkedInvoice(context)
        let settings = try await SettingsRecords.load(context, storeID: invoice.storeID)
        return try await InvoicePDFAnswer.reply(context, invoice: invoice, settings: settings, printer: printer)
    }

    /// `merchant/link`: the hosted page's link token of an invoice of the store.
    static func link(_ context: ActionContext) async throws -> Reply {
        let invoice = try await MerchantContext(context).invoice(context)
        let secret = try await context.storage.read { db in try HostedLink.secret(db) }
        return .ok([
            "id": .int(invoice.id), "number": .string(invoice.number),
            "link": .string(HostedLink.token(invoiceID: invoice.id, secret: secret)),
        ])
    }

    /// `hosted/rotate`: a new secret; every link given out before stops working.
    static func rotate(_ context: ActionContext) async throws -> Reply {
        let now = context.services.clock.unixSeconds()
        try await context.storage.write { db in try HostedLink.rotate(db, now: now) }
        return .ok(["rotated_at": .int(now)])
    }

    /// The invoice a valid link names; a wrong or outdated link answers like a missing invoice.
    static func linkedInvoice(_ context: ActionContext) async throws -> Invoice {
        let token = try context.params.requiredString("link")
        let invoice = try await context.storage.read { db -> Invoice? in
            guard let id = HostedLink.invoiceID(from: token, secret: try HostedLink.secret(db)),
                let storeID = try db.queryOne("SELECT store_id FROM invoice_invoices WHERE id = ?", id)?.int64("store_id")
            else { return nil }
            return try InvoiceRecords.find(db, id: id, storeID: storeID)
        }
        guard let invoice else { throw KernelError.notFound }
        return invoice
    }
}
