/// A store's tax: a rate in basis points (1300 = 13%), applied to lines with `have_tax`, either
/// included in the prices or added on top. Rounded half up per line, in minor units.
struct TaxRule: Sendable, Equatable {
    var rateBasisPoints: Int64
    var inclusive: Bool

    /// The computed line: its own discount, then its coupon, then tax on what remains.
    func price(_ input: LineInput) -> InvoiceLine {
        let gross = input.amount.minorUnits * input.quantity
        let discount: Int64
        switch input.discountType {
        case .percent: discount = Money.roundHalfUp(gross, times: min(input.discountAmount, 10_000), over: 10_000)
        case .fixed: discount = min(input.discountAmount, gross)
        }
        let coupon = input.coupon?.discount(gross: gross, after: discount) ?? 0
        let net = gross - discount - coupon
        var vat: Int64 = 0
        var total = net
        if input.haveTax && rateBasisPoints > 0 {
            if inclusive {
                vat = Money.roundHalfUp(net, times: rateBasisPoints, over: 10_000 + rateBasisPoints)
            } else {
                vat = Money.roundHalfUp(net, times: rateBasisPoints, over: 10_000)
                total = net + vat
            }
        }
        return InvoiceLine(input: input, gross: Money(gross), discount: Money(discount), coupon: Money(coupon), total: Money(total), vat: Money(vat))
    }
}

/// The sums of an invoice's lines.
struct InvoiceTotals: Sendable, Equatable {
    var total: Money
    var vat: Money
    /// Before discounts, tax excluded when it is added on top.
    var original: Money
    /// What coupons took off.
    var coupon: Money

    init(_ lines: [InvoiceLine]) {
        total = lines.reduce(.zero) { $0 + $1.total }
        coupon = lines.reduce(.zero) { $0 + $1.coupon }
        vat = lines.reduce(.zero) { $0 + $1.vat }
        original = lines.reduce(.zero) { $0 + $1.gross }
    }
}
