import PluginSDK

/// An invoice: the bill of one order or recharge a customer placed (Sell.app's invoice model).
struct Invoice: Sendable {
    struct HistoryEntry: Sendable, Equatable {
        let status: InvoiceStatus
        let at: Int64
        let note: String
    }

    let id: Int64
    let storeID: Int64
    let number: String
    let kind: InvoiceKind
    let userID: Int64?
    var status: InvoiceStatus
    let currency: Currency
    var total: Money
    var vat: Money
    var originalAmount: Money
    var fullPrice: Money
    var fee: Money
    var refunded: Money
    var tax: TaxRule
    var gatewayType: String?
    var transactionID: String?
    var checkoutURL: String?
    var gatewayData: JSON
    var paidAmount: Money?
    /// The gateway's (or merchant's) own time of the payment.
    var paidAt: Int64?
    /// When the news of the payment reached this server (a webhook may come late or again).
    var paymentReceivedAt: Int64?
    var expiresAt: Int64?
    var customer: JSON
    var couponID: Int64?
    var subscriptionID: Int64?
    var feedback: String?
    var webhooks: JSON
    let requestID: String?
    let createdAt: Int64
    var updatedAt: Int64
    var lines: [InvoiceLine]
    var history: [HistoryEntry]

    /// Paid with real money through one of `gateways` (not balance, not unpaid, not failed).
    func isPaidWithRealMoney(gateways: [String]) -> Bool {
        status.isPaid && gatewayType.map { gateways.contains($0.lowercased()) } == true
    }
}
