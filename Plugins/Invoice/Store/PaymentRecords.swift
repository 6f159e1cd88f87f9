import PluginSDK

/// Recording money moving: payments and refunds, whether a merchant reports them or a gateway
/// event does. Each is a status change with its history entry.
enum PaymentRecords {
    struct Payment: Sendable {
        var gateway: String
        var transactionID: String
        var amount: Money
        /// The gateway's own time of the payment.
        var paidAt: Int64
        var data: JSON
    }

    /// A payment attempt that failed, as the gateway (or merchant) reported it.
    struct Failure: Sendable {
        var gateway: String
        var transactionID: String?
        /// The gateway's reason, e.g. "Your card was declined." or "INSTRUMENT_DECLINED".
        var reason: String
    }

    /// What a payment attempt did.
    enum PayOutcome: Sendable {
        case paid(Invoice)
        /// The invoice had expired: it is now marked expired (kept, not rolled back) and unpaid.
        case expired
    }

    /// Marks a pending (or failed) invoice paid. The amount must equal the total; an expired
    /// invoice is marked expired instead and the payment refused. `now` is kept as the time the
    /// news arrived, apart from the payment's own time.
    static func pay(_ db: Database, _ invoice: Invoice, _ payment: Payment, now: Int64) throws -> PayOutcome {
        guard invoice.status.awaitsPayment else { throw InvoiceMessages.illegalTransition(from: invoice.status, to: .paid) }
        if let expiresAt = invoice.expiresAt, expiresAt < now {
            try InvoiceRecords.transition(db, invoice, to: .expired, note: "expired before payment", now: now)
            return .expired
        }
        guard payment.amount == invoice.total else {
            throw InvoiceMessages.amountMismatch(expected: invoice.total.formatted(invoice.currency))
        }
        try InvoiceRecords.transition(
            db, invoice, to: .paid, note: "paid via \(payment.gateway) \(payment.transactionID)", now: now,
            changes: [
                ("gateway_type", payment.gateway), ("transaction_id", payment.transactionID),
                ("paid_amount", payment.amount.minorUnits), ("paid_at", payment.paidAt), ("payment_received_at", now), ("gateway_data", payment.data.text),
            ])
        return .paid(try InvoiceRecords.find(db, id: invoice.id, storeID: invoice.storeID)!)
    }

    /// Records a failed payment attempt of a pending (or already failed) invoice: it becomes
    /// failed, with the gateway's reason in its history. A later payment still makes it paid.
    static func fail(_ db: Database, _ invoice: Invoice, _ failure: Failure, now: Int64) throws -> Invoice {
        let reference = failure.transactionID.map { " \($0)" } ?? ""
        try InvoiceRecords.transition(
            db, invoice, to: .failed, note: "payment failed via \(failure.gateway)\(reference): \(failure.reason)", now: now)
        return try InvoiceRecords.current(db, invoice)
    }

    /// Refunds part or all of what is left; the invoice becomes partially_refunded or refunded.
    static func refund(_ db: Database, _ invoice: Invoice, amount: Money?, note: String, now: Int64) throws -> Invoice {
        guard invoice.status.isPaid else { throw InvoiceMessages.illegalTransition(from: invoice.status, to: .refunded) }
        let remaining = (invoice.paidAmount ?? invoice.total) - invoice.refunded
        let refund = amount ?? remaining
        guard refund.minorUnits > 0, refund <= remaining else {
            throw InvoiceMessages.refundTooLarge(remaining: remaining.formatted(invoice.currency))
        }
        let refunded = invoice.refunded + refund
        let status: InvoiceStatus = refund == remaining ? .refunded : .partiallyRefunded
        try InvoiceRecords.transition(
            db, invoice, to: status, note: note.isEmpty ? "refunded \(refund.formatted(invoice.currency))" : note, now: now,
            changes: [("refunded", refunded.minorUnits)])
        return try InvoiceRecords.find(db, id: invoice.id, storeID: invoice.storeID)!
    }
}
