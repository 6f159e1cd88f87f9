import PluginSDK

/// One product line as the merchant sent it, amounts in minor units.
struct LineInput: Sendable, Equatable {
    var code: String
    var title: String
    var description: String
    var haveTax: Bool
    var quantity: Int64
    /// Unit price.
    var amount: Money
    /// Percent (discountType 0, in basis points: 1000 = 10%) or a fixed amount (discountType 1).
    var discountAmount: Int64
    var discountType: DiscountType
    /// The coupon the line names (empty: none).
    var couponCode = ""
    /// That coupon, found and checked, while the line is priced (nil once stored).
    var coupon: Coupon?
}

/// PayPing's discount types: 0 percent, 1 fixed amount.
enum DiscountType: Int64, Sendable {
    case percent = 0
    case fixed = 1
}

/// A line with its computed money: what is stored and shown.
struct InvoiceLine: Sendable, Equatable {
    var input: LineInput
    /// Quantity x unit price.
    var gross: Money
    /// The line's own discount.
    var discount: Money
    /// What its coupon took off, after its own discount.
    var coupon: Money = .zero
    /// What the line costs, tax included.
    var total: Money
    /// The tax part of `total`.
    var vat: Money
}
