import PluginSDK

/// The hosted invoice page's actions, for customers without an account (as Stripe's hosted
/// invoice page): `hosted/view` and `hosted/pdf` are public and answer only for a valid `link`;
/// `merchant/link` gives a store's invoice its link; `hosted/rotate` (admin) replaces the secret.
struct HostedInvoice: Sendable {
    let printer: InvoicePrinter

    static let linkParam = Param.string("link", required: true, maxLength: 60, "The link token from merchant/link")

    /// `hosted/view`: what the page shows - the store (name, address, tax id, logo as a data URL,
    /// time zone), amounts, lines, status, the pay link while pending, whether a PDF exists, and
    /// the attachments the customer may download now (with how many wait for the payment). Never the
    /// customer's details or the webhooks.
    func view(_ context: ActionContext) async throws -> Reply {
        let (invoice, settings, logo, attachments) = try await context.storage.read { db in
            let (invoice, settings) = try Self.linkedInvoice(context, db: db)
            return (
                invoice, settings, try SettingsRecords.logo(db, storeID: invoice.storeID),
                try AttachmentRecords.forInvoice(db, invoiceID: invoice.id)
            )
        }
        let money = { (value: Money) in JSON.string(value.formatted(invoice.currency)) }
        var page: JSONObject = [
            "store": [
                "name": .string(settings.storeName), "address": .string(settings.storeAddress), "tax_id": .string(settings.storeTaxID),
                "logo": logo?.json["data_url"] ?? .null, "time_zone": .string(settings.timeZone.identifier),
            ],
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
        ]
        for (key, value) in attachments.hostedJSON(invoice.status) { page[key] = value }
        return .ok(.object(page))
    }

    /// `hosted/attachment`: a file the invoice lists, for the holder of its link; one that waits
    /// for the payment is refused until the invoice is paid.
    static func attachment(_ context: ActionContext) async throws -> Reply {
        let id = try context.params.requiredInt("id")
        let (attachment, bytes) = try await context.storage.read { db -> (Attachment, [UInt8]) in
            let (invoice, _) = try linkedInvoice(context, db: db)
            let listed = try AttachmentRecords.forInvoice(db, invoiceID: invoice.id)
            guard let attachment = listed.items.first(where: { $0.id == id }),
                let bytes = try AttachmentRecords.content(db, storeID: invoice.storeID, id: id)
            else { throw KernelError.notFound }
            guard listed.available(invoice.status) else { throw AttachmentMessages.afterPayment }
            return (attachment, bytes)
        }
        return AttachmentActions.file(attachment, bytes)
    }

    /// `hosted/pdf`: the PDF, on the same terms as the customer's own (paid with real money only).
    func pdf(_ context: ActionContext) async throws -> Reply {
        try await InvoicePDFAnswer.reply(context, printer: printer) { db in try Self.linkedInvoice(context, db: db) }
    }

    /// `merchant/link`: the hosted page's link token of an invoice of the store.
    static func link(_ context: ActionContext) async throws -> Reply {
        let (invoice, secret) = try await context.storage.read { db in
            (try MerchantContext(context, db: db).invoice(context, db: db), try HostedLink.secret(db))
        }
        return .ok(["id": .int(invoice.id), "number": .string(invoice.number), "link": .string(HostedLink.token(invoiceID: invoice.id, secret: secret))])
    }

    /// `hosted/rotate`: a new secret; every link given out before stops working.
    static func rotate(_ context: ActionContext) async throws -> Reply {
        let now = context.now
        try await context.storage.write { db in try HostedLink.rotate(db, now: now) }
        return .ok(["rotated_at": .int(now)])
    }

    /// The invoice a valid link names, with its store's settings; a wrong or outdated link
    /// answers like a missing invoice.
    static func linkedInvoice(_ context: ActionContext, db: Database) throws -> (Invoice, StoreSettings) {
        let token = try context.params.requiredString("link")
        guard let id = HostedLink.invoiceID(from: token, secret: try HostedLink.secret(db)),
            let storeID = try db.queryOne("SELECT store_id FROM invoice_invoices WHERE id = ?", id)?.int64("store_id"),
            let invoice = try InvoiceRecords.find(db, id: id, storeID: storeID)
        else { throw KernelError.notFound }
        return (invoice, try SettingsRecords.load(db, storeID: storeID, context: context))
    }
}
