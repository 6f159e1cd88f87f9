import PluginSDK

/// A store's coupon: a percent of, or a fixed amount off, each line that names it, usable
/// within its validity window and up to its usage limit (one use per invoice).
struct Coupon: Sendable, Equatable {
    enum Kind: String, Sendable, CaseIterable {
        case percent, fixed
    }

    let id: Int64
    let storeID: Int64
    let code: String
    var kind: Kind
    /// Basis points for a percent (1250 = 12.5%), minor units of `currency` for a fixed amount.
    var value: Int64
    /// The currency of a fixed amount; nil for a percent.
    var currency: Currency?
    var startsAt: Int64?
    var endsAt: Int64?
    var usageLimit: Int64?
    var used: Int64
    var disabled: Bool
    let createdAt: Int64
    var updatedAt: Int64

    /// Why the coupon cannot be used now on an invoice in `currency`; nil when it can.
    func refusal(at now: Int64, currency invoiceCurrency: Currency) -> KernelError? {
        if disabled { return CouponMessages.unusable(code, CouponMessages.disabled) }
        if let startsAt, now < startsAt { return CouponMessages.unusable(code, CouponMessages.notYet) }
        if let endsAt, now >= endsAt { return CouponMessages.unusable(code, CouponMessages.ended) }
        if let usageLimit, used >= usageLimit { return CouponMessages.unusable(code, CouponMessages.usedUp) }
        if let currency, currency != invoiceCurrency { return CouponMessages.unusable(code, CouponMessages.otherCurrency(currency.code)) }
        return nil
    }

    /// What the coupon takes off a line of `gross` (quantity x unit price) whose own discount
    /// is `discount`: a percent of the gross, rounded half up, or the fixed amount, never more
    /// than what the line's own discount leaves.
    func discount(gross: Int64, after discount: Int64) -> Int64 {
        let off = kind == .percent ? Money.roundHalfUp(gross, times: value, over: 10_000) : value
        return max(0, min(off, gross - discount))
    }

    /// The coupon as the merchant API answers it.
    var json: JSON {
        [
            "id": .int(id),
            "code": .string(code),
            "type": .string(kind.rawValue),
            "value": .string(kind == .percent ? Money.format(value, exponent: 2) : Money.format(value, exponent: currency?.exponent ?? 2)),
            "currency": currency.map { .string($0.code) } ?? .null,
            "starts_at": Invoice.iso(startsAt),
            "ends_at": Invoice.iso(endsAt),
            "usage_limit": usageLimit.map { .int($0) } ?? .null,
            "used": .int(used),
            "disabled": .bool(disabled),
            "created_at": Invoice.iso(createdAt),
            "updated_at": Invoice.iso(updatedAt),
        ]
    }
}
