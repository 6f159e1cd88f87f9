import PluginSDK

/// The orders or recharges a new application is for, as `ids` + `type` name them: the caller's
/// own only (anything else answers like a missing row), each eligible, all in one currency.
struct BusinessSelection: Sendable {
    static let maxIDs: Int64 = 100

    let kind: InvoiceKind
    let invoices: [Invoice]

    /// The sum of what was paid for them, refunds taken off.
    var total: Money { invoices.reduce(.zero) { $0 + $1.netPaid } }

    /// `type`: "0" / "order" or "1" / "recharge"; refused when the config does not offer it.
    static func kind(_ params: Params, config: ShopXOConfig) throws -> InvoiceKind {
        guard let kind = InvoiceKind(shopxo: params.string("type") ?? "") else {
            throw KernelError.badParameter("type", .notOneOf(["0", "1", "order", "recharge"]))
        }
        guard config.offers(kind) else { throw ApplicationMessages.businessClosed(kind) }
        return kind
    }

    /// `ids`: one or more order or recharge ids.
    static func ids(_ params: Params) throws -> [Int64] {
        let ids = try params.ids("ids")
        guard !ids.isEmpty else { throw KernelError.badParameter("ids", .missing) }
        guard ids.count <= maxIDs else { throw KernelError.badParameter("ids", .outOfRange(1...maxIDs)) }
        return ids
    }

    /// Loads and checks the selection inside a read or write scope.
    static func load(_ db: Database, userID: Int64, kind: InvoiceKind, ids: [Int64], rules: EligibilityRules) throws -> BusinessSelection {
        let found = try ApplicationRecords.invoices(db, ids: ids, userID: userID, kind: kind)
        let live = try ApplicationRecords.liveInvoiceIDs(db, among: ids)
        let invoices = try ids.map { id in
            guard let invoice = found[id] else { throw KernelError.notFound }
            try rules.require(invoice, inApplication: live.contains(id))
            return invoice
        }
        guard Set(invoices.map(\.currency.code)).count == 1 else { throw ApplicationMessages.mixedCurrencies }
        return BusinessSelection(kind: kind, invoices: invoices)
    }

    /// `save_base_data` for this selection.
    func saveBaseData(_ language: Language) -> JSON {
        Self.saveBaseData(
            kind: kind, total: total.formatted(invoices[0].currency), items: invoices.map { ($0.id, $0.number) }, language)
    }

    /// `save_base_data`: the total as a decimal string, the ids as "1,2", their numbers by id.
    static func saveBaseData(kind: InvoiceKind, total: String, items: [(id: Int64, number: String)], _ language: Language) -> JSON {
        let numbers = JSONObject(items.map { (String($0.id), JSON.string($0.number)) })
        return [
            "total_price": .string(total),
            "business_ids": .string(items.map { String($0.id) }.joined(separator: ",")),
            "business_nos": numbers.isEmpty ? [] : .object(numbers),
            "business_type": .int(kind.businessType),
            "business_desc": .string(ShopXOLabels.businessCount(kind, items.count)(language)),
        ]
    }
}

extension EligibilityRules {
    /// The rules for a store now, inside the caller's read or write: its real-money gateways and
    /// the plugin config's windows.
    static func load(_ db: Database, context: ActionContext, storeID: Int64) throws -> EligibilityRules {
        let settings = try SettingsRecords.load(db, storeID: storeID, context: context)
        return EligibilityRules(config: ShopXOConfig(context.config), settings: settings, now: context.now)
    }
}
