import PluginSDK

/// Recording money moving: payments and refunds, whether a merchant reports them or a gateway
/// event does. Each is a status change with its history entry.
enum PaymentRecords {
    struct Payment: Sendable {
        var gateway: String
        var transactionID: String
        var amount: Money
        var paidAt: Int64
        var data: JSON
    }

    /// What a payment attempt did.
    enum PayOutcome: Sendable {
        case paid(Invoice)
        /// The invoice had expired: it is now marked expired (kept, not rolled back) and unpaid.
        case expired
    }

    /// Marks a pending invoice paid. The amount must equal the total; an expired invoice is
    /// marked expired instead and the payment refused.
    static func pay(_ db: Database, _ invoice: Invoice, _ payment: Payment, now: Int64) throws -> PayOutcome {
        guard invoice.status == .pending else { throw InvoiceMessages.illegalTransition(from: invoice.status, to: .paid) }
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
                ("paid_amount", payment.amount.minorUnits), ("paid_at", payment.paidAt), ("gateway_data", payment.data.text),
            ])
        return .paid(try InvoiceRecords.find(db, id: invoice.id, storeID: invoice.storeID)!)
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
