import PluginSDK

/// Whether an order or recharge may still go into a tax-invoice application, and if not, why
/// (the `invoice_status` of the order and recharge lists).
enum Eligibility: String, Sendable {
    case eligible
    case notRealMoney = "not_real_money"
    case inApplication = "in_application"
    case tooNew = "too_new"
    case tooOld = "too_old"
}

/// What decides eligibility at one moment: the gateways that count as real money (store
/// settings) and the time windows of the plugin config, in minutes since payment.
struct EligibilityRules: Sendable {
    let gateways: [String]
    /// Minutes an order must have been paid before it can be invoiced.
    let orderMinimumAge: Int64?
    /// Minutes after payment an order, or a recharge, can no longer be invoiced (0 or empty: never).
    let orderMaximumAge: Int64?
    let rechargeMaximumAge: Int64?
    let now: Int64

    init(config: ShopXOConfig, settings: StoreSettings, now: Int64) {
        gateways = settings.realMoneyGateways
        orderMinimumAge = config.minutes("order_success_start_time")
        orderMaximumAge = config.minutes("order_add_max_time").flatMap { $0 > 0 ? $0 : nil }
        rechargeMaximumAge = config.minutes("recharge_add_max_time").flatMap { $0 > 0 ? $0 : nil }
        self.now = now
    }

    /// The verdict for one invoice; `inApplication` says whether a live application holds it.
    func check(_ invoice: Invoice, inApplication: Bool) -> Eligibility {
        guard invoice.isPaidWithRealMoney(gateways: gateways), invoice.netPaid > .zero, let paidAt = invoice.paidAt else {
            return .notRealMoney
        }
        if inApplication { return .inApplication }
        let age = now - paidAt
        if invoice.kind == .order, let minimum = orderMinimumAge, age < minimum * 60 { return .tooNew }
        if let maximum = invoice.kind == .order ? orderMaximumAge : rechargeMaximumAge, age > maximum * 60 { return .tooOld }
        return .eligible
    }

    /// Throws the message explaining why `invoice` cannot be applied for, if it cannot.
    func require(_ invoice: Invoice, inApplication: Bool) throws {
        switch check(invoice, inApplication: inApplication) {
        case .eligible: return
        case .notRealMoney: throw InvoiceMessages.notRealMoney(gateways: gateways)
        case .inApplication: throw ApplicationMessages.alreadyApplied(invoice.number)
        case .tooNew: throw ApplicationMessages.tooNew(invoice.number, minutes: orderMinimumAge ?? 0)
        case .tooOld:
            throw ApplicationMessages.tooOld(invoice.number, minutes: (invoice.kind == .order ? orderMaximumAge : rechargeMaximumAge) ?? 0)
        }
    }
}

extension Invoice {
    /// What was paid and not refunded.
    var netPaid: Money { (paidAmount ?? .zero) - refunded }
}
