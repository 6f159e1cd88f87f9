/// Where an invoice is in its life. pending -> paid | failed | canceled | expired;
/// failed -> paid | failed | canceled | expired (a failed payment may be retried, and a later
/// success wins); paid -> refunded | partially_refunded; partially_refunded -> refunded |
/// partially_refunded.
enum InvoiceStatus: String, Sendable, CaseIterable {
    case pending, paid, failed, canceled, expired, refunded
    case partiallyRefunded = "partially_refunded"

    /// Whether the move from `self` to `next` is allowed.
    func canMove(to next: InvoiceStatus) -> Bool {
        switch (self, next) {
        case (.pending, .paid), (.pending, .failed), (.pending, .canceled), (.pending, .expired): true
        case (.failed, .paid), (.failed, .failed), (.failed, .canceled), (.failed, .expired): true
        case (.paid, .refunded), (.paid, .partiallyRefunded): true
        case (.partiallyRefunded, .refunded), (.partiallyRefunded, .partiallyRefunded): true
        default: false
        }
    }

    /// Waiting for money: nothing paid yet, or only failed attempts.
    var awaitsPayment: Bool { self == .pending || self == .failed }

    /// Money was received (and not all of it returned).
    var isPaid: Bool { self == .paid || self == .partiallyRefunded }
}

/// What an invoice bills: a shop order or a wallet recharge (ShopXO's business types 0 and 1).
enum InvoiceKind: String, Sendable, CaseIterable {
    case order, recharge

    /// ShopXO's `business_type` number.
    var businessType: Int64 { self == .order ? 0 : 1 }

    /// From ShopXO's `type`: "0" / "order" is an order, "1" / "recharge" a recharge.
    init?(shopxo value: String) {
        switch value.lowercased() {
        case "0", "order", "": self = .order
        case "1", "recharge": self = .recharge
        default: return nil
        }
    }
}
