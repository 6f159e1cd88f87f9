import PluginSDK

/// An invoice as a row of ShopXO's order or recharge list: its numbers in ShopXO's terms, its
/// invoice fields (number, currency, VAT, gateway, transaction) and whether it can still be
/// invoiced. The whole invoice, lines and history included, is `order/detail`'s answer.
enum BusinessRow {
    static func json(_ invoice: Invoice, quantity: Int64, eligibility: Eligibility, language: Language) -> JSON {
        let money = { (value: Money) in JSON.string(value.formatted(invoice.currency)) }
        let paid = invoice.status.isPaid || invoice.status == .refunded ? invoice.netPaid : .zero
        var row: JSONObject = ["id": .int(invoice.id)]
        switch invoice.kind {
        case .order:
            row["order_no"] = .string(invoice.number)
            row["user_id"] = invoice.userID.map { .int($0) } ?? .null
            row["status"] = .int(orderStatus(invoice.status))
            row["pay_status"] = .int(payStatus(invoice.status))
            row["total_price"] = money(invoice.total)
            row["pay_price"] = money(paid)
            row["price"] = money(invoice.originalAmount)
            row["refund_price"] = money(invoice.refunded)
            row["buy_number_count"] = .int(quantity)
        case .recharge:
            row["user_id"] = invoice.userID.map { .int($0) } ?? .null
            row["recharge_no"] = .string(invoice.number)
            row["status"] = .int(invoice.status.isPaid || invoice.status == .refunded ? 1 : 0)
            row["money"] = money(invoice.total)
            row["pay_money"] = money(paid)
            row["refund_price"] = money(invoice.refunded)
        }
        row["payment"] = .string(invoice.gatewayType ?? "")
        row["payment_name"] = .string(ShopXOLabels.payment(invoice.gatewayType)(language))
        row["pay_time"] = .string(UTCTime.shopxo(invoice.paidAt))
        row["add_time"] = .string(UTCTime.shopxo(invoice.createdAt))
        row["upd_time"] = .string(UTCTime.shopxo(invoice.updatedAt))
        row["currency"] = .string(invoice.currency.code)
        row["invoice_number"] = .string(invoice.number)
        row["invoice_state"] = .string(invoice.status.rawValue)
        row["vat"] = money(invoice.vat)
        row["transaction_id"] = JSON(invoice.transactionID)
        row["can_invoice"] = .bool(eligibility == .eligible)
        row["invoice_status"] = .string(eligibility.rawValue)
        return .object(row)
    }

    /// ShopXO's order status: 1 awaiting payment, 4 completed, 5 canceled, 6 closed.
    static func orderStatus(_ status: InvoiceStatus) -> Int64 {
        switch status {
        case .pending: 1
        case .paid, .partiallyRefunded: 4
        case .canceled: 5
        case .failed, .expired, .refunded: 6
        }
    }

    /// ShopXO's pay status: 0 unpaid, 1 paid, 2 refunded, 3 partly refunded.
    static func payStatus(_ status: InvoiceStatus) -> Int64 {
        switch status {
        case .pending, .failed, .canceled, .expired: 0
        case .paid: 1
        case .refunded: 2
        case .partiallyRefunded: 3
        }
    }
}
