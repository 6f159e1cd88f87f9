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
    var discount: Money
    /// What the line costs, tax included.
    var total: Money
    /// The tax part of `total`.
    var vat: Money
}
