import PluginSDK

/// `user/save`: creates an application (`ids` + `type`) or updates one (`id`) from the form. The
/// total is computed here from what was paid; everything is checked again and written in one
/// storage write, so two saves can never claim the same order.
enum SaveApplication {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let user = try context.requireUser()
        let config = ShopXOConfig(context.config)
        let form = try ApplicationFormInput.read(context.params, config: config)
        let target = try Target(context.params, config: config)
        try await context.storage.write { db in
            let rules = try EligibilityRules.load(db, context: context, storeID: user.storeID)
            switch target {
            case .edit(let id):
                try update(db, id: id, userID: user.id, form: form, rules: rules)
            case .create(let kind, let ids):
                let selection = try BusinessSelection.load(db, userID: user.id, kind: kind, ids: ids, rules: rules)
                _ = try ApplicationRecords.create(
                    db, storeID: user.storeID, userID: user.id, kind: kind, invoices: selection.invoices, total: selection.total,
                    form: form, now: rules.now)
            }
        }
        return .ok()
    }

    /// What a save changes: an application named by `id`, or a new one over `ids` of `type`.
    private enum Target: Sendable {
        case edit(Int64)
        case create(InvoiceKind, [Int64])

        init(_ params: Params, config: ShopXOConfig) throws {
            if let id = try SaveInfo.editID(params) {
                self = .edit(id)
            } else {
                self = .create(try BusinessSelection.kind(params, config: config), try BusinessSelection.ids(params))
            }
        }
    }

    /// Replaces the form of a pending or refused application and recomputes its total. A refused
    /// one goes back to pending and claims its orders again, so they must still be eligible.
    private static func update(_ db: Database, id: Int64, userID: Int64, form: ApplicationForm, rules: EligibilityRules) throws {
        guard let application = try ApplicationRecords.find(db, id: id, userID: userID) else { throw KernelError.notFound }
        guard application.status.isEditable else { throw ApplicationMessages.notEditable }
        let ids = application.items.map(\.invoiceID)
        let found = try ApplicationRecords.invoices(db, ids: ids, userID: userID, kind: application.kind)
        let reclaiming = application.status == .refused
        let held = reclaiming ? try ApplicationRecords.liveInvoiceIDs(db, among: ids, excluding: application.id) : []
        let invoices = try ids.map { invoiceID in
            guard let invoice = found[invoiceID] else { throw KernelError.notFound }
            if reclaiming {
                try rules.require(invoice, inApplication: held.contains(invoiceID))
            } else if rules.check(invoice, inApplication: false) == .notRealMoney {
                throw InvoiceMessages.notRealMoney(gateways: rules.gateways)
            }
            return invoice
        }
        let total = invoices.reduce(Money.zero) { $0 + $1.netPaid }
        try ApplicationRecords.move(
            db, application, to: .pending,
            changes: ApplicationRecords.assignments(form) + [("total_price", total.minorUnits), ("refuse_reason", "")], now: rules.now)
        if reclaiming { try ApplicationRecords.setLive(db, applicationID: application.id, true) }
    }
}
