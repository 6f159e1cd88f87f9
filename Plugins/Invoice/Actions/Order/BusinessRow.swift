import PluginSDK

/// An invoice as a row of ShopXO's order or recharge list: its numbers in ShopXO's terms, its
/// invoice fields (number, currency, VAT, gateway, transaction) and whether it can still be
/// invoiced; its times on the store's wall clock (`zone`). The whole invoice, lines and history
/// included, is `order/detail`'s answer.
enum BusinessRow {
    static func json(_ invoice: Invoice, quantity: Int64, eligibility: Eligibility, language: Language, zone: TimeZoneRules) -> JSON {
        let money = { (value: Money) in JSON.string(value.formatted(invoice.currency)) }
        let paid = invoice.status.isPaid || invoice.status == .refunded ? invoice.netPaid : .zero
        var row = JSONObject()
        row.reserveCapacity(26)
        row.append("id", .int(invoice.id))
        switch invoice.kind {
        case .order:
            row.append("order_no", .string(invoice.number))
            row.append("user_id", invoice.userID.map { .int($0) } ?? .null)
            row.append("status", .int(orderStatus(invoice.status)))
            row.append("pay_status", .int(payStatus(invoice.status)))
            row.append("total_price", money(invoice.total))
            row.append("pay_price", money(paid))
            row.append("price", money(invoice.originalAmount))
            row.append("refund_price", money(invoice.refunded))
            row.append("buy_number_count", .int(quantity))
        case .recharge:
            row.append("user_id", invoice.userID.map { .int($0) } ?? .null)
            row.append("recharge_no", .string(invoice.number))
            row.append("status", .int(invoice.status.isPaid || invoice.status == .refunded ? 1 : 0))
            row.append("money", money(invoice.total))
            row.append("pay_money", money(paid))
            row.append("refund_price", money(invoice.refunded))
        }
        row.append("payment", .string(invoice.gatewayType ?? ""))
        row.append("payment_name", .string(ShopXOLabels.payment(invoice.gatewayType)(language)))
        row.append("pay_time", .string(CivilTime.shopxo(invoice.paidAt.map(zone.wallClock))))
        row.append("add_time", .string(CivilTime.shopxo(zone.wallClock(invoice.createdAt))))
        row.append("upd_time", .string(CivilTime.shopxo(zone.wallClock(invoice.updatedAt))))
        row.append("currency", .string(invoice.currency.code))
        row.append("invoice_number", .string(invoice.number))
        row.append("invoice_state", .string(invoice.status.rawValue))
        row.append("vat", money(invoice.vat))
        row.append("transaction_id", JSON(invoice.transactionID))
        row.append("can_invoice", .bool(eligibility == .eligible))
        row.append("invoice_status", .string(eligibility.rawValue))
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
