import PluginSDK

/// `gateway/stripe`: Stripe webhook events, verified with the store's endpoint secret
/// (`Stripe-Signature`). Handles `checkout.session.completed`, `payment_intent.succeeded`,
/// `charge.refunded`, and the failures `payment_intent.payment_failed` and
/// `checkout.session.async_payment_failed` (the reason from `last_payment_error`); the invoice
/// is named by `metadata.invoice_id` (or the session's
/// `client_reference_id`), refunds also by the payment intent. Amounts are Stripe's minor units.
enum StripeIntake {
    static func handle(_ context: ActionContext) async throws -> Reply {
        try await GatewayIntake.process(
            context, gateway: "stripe", secret: { $0.stripeWebhookSecret }, signatureHeader: "stripe-signature",
            parse: { json in
                guard let id = json["id"]?.stringValue, let type = json["type"]?.stringValue,
                    let object = json["data"]?["object"], case .object = object
                else { throw KernelError.badParameter("data.object", .malformed) }
                return GatewayIntake.Event(id: id, type: type, object: object)
            },
            apply: apply)
    }

    private static func apply(_ db: Database, _ event: GatewayIntake.Event, storeID: Int64, now: Int64) throws -> GatewayIntake.Effect {
        let object = event.object
        switch event.type {
        case "checkout.session.completed", "payment_intent.succeeded":
            if event.type == "checkout.session.completed", object["payment_status"]?.stringValue != "paid" { return .nothing }
            let reference = object["metadata"]?["invoice_id"]?.intValue ?? object["client_reference_id"]?.intValue
            guard let reference, let invoice = try InvoiceRecords.find(db, id: reference, storeID: storeID) else { throw KernelError.notFound }
            let amount = (object["amount_total"] ?? object["amount_received"] ?? object["amount"])?.intValue
            guard let amount else { throw KernelError.badParameter("amount_total", .missing) }
            if let currency = object["currency"]?.stringValue, currency.uppercased() != invoice.currency.code {
                throw InvoiceMessages.currencyMismatch(expected: invoice.currency.code)
            }
            let transaction = (event.type == "payment_intent.succeeded" ? object["id"] : object["payment_intent"] ?? object["id"])?.stringValue ?? event.id
            let payment = PaymentRecords.Payment(
                gateway: "stripe", transactionID: transaction, amount: Money(amount),
                paidAt: object["created"]?.intValue ?? now, data: ["event_id": .string(event.id), "event_type": .string(event.type)])
            return try GatewayIntake.pay(db, invoice, payment, now: now)
        case "payment_intent.payment_failed", "checkout.session.async_payment_failed":
            let reference = object["metadata"]?["invoice_id"]?.intValue ?? object["client_reference_id"]?.intValue
            guard let reference, let invoice = try InvoiceRecords.find(db, id: reference, storeID: storeID) else { throw KernelError.notFound }
            let error = object["last_payment_error"]
            let failure = PaymentRecords.Failure(
                gateway: "stripe",
                transactionID: (event.type == "payment_intent.payment_failed" ? object["id"] : object["payment_intent"])?.stringValue,
                reason: GatewayIntake.reason(error?["message"], error?["decline_code"], error?["code"], fallback: event.type))
            return try GatewayIntake.fail(db, invoice, failure, now: now)
        case "charge.refunded":
            var invoice: Invoice?
            if let reference = object["metadata"]?["invoice_id"]?.intValue {
                invoice = try InvoiceRecords.find(db, id: reference, storeID: storeID)
            } else if let intent = object["payment_intent"]?.stringValue,
                let row = try db.queryOne(
                    "SELECT \(InvoiceRecords.columns) FROM invoice_invoices WHERE store_id = ? AND gateway_type = 'stripe' AND transaction_id = ?",
                    storeID, intent)
            {
                invoice = try InvoiceRecords.load(db, row: row)
            }
            guard let invoice else { throw KernelError.notFound }
            guard let refunded = object["amount_refunded"]?.intValue else { throw KernelError.badParameter("amount_refunded", .missing) }
            return try GatewayIntake.refund(db, invoice, cumulative: Money(refunded), note: "refunded via stripe \(event.id)", now: now)
        default:
            return .nothing
        }
    }
}
