import Foundation
import PluginSDK

/// `order/index` and `recharge/index`: the caller's orders or recharges, paid ones unless
/// `status` names another invoice status, filtered by payment time (`start_time`, `end_time`: a
/// time without a zone, or a bare date, is read in the store's time zone, and a bare `end_time`
/// covers that whole local day) and gateway (`payment`), latest payment first, 10, 20 or 50 a
/// page. Each row says whether it can still be invoiced and, if not, why; its times are the
/// store's wall clock, as ShopXO shows them.
enum BusinessList {
    static func orders(_ context: ActionContext) async throws -> Reply {
        try await list(context, kind: .order)
    }

    static func recharges(_ context: ActionContext) async throws -> Reply {
        try await list(context, kind: .recharge)
    }

    private static func list(_ context: ActionContext, kind: InvoiceKind) async throws -> Reply {
        let user = try context.requireUser()
        let params = context.params
        let paging = try Paging(params)
        var conditions = ["user_id = ?", "kind = ?"]
        var arguments: [any SQLBindable] = [user.id, kind.rawValue]
        if let status = params.string("status"), !status.isEmpty {
            guard InvoiceStatus(rawValue: status) != nil else {
                throw KernelError.badParameter("status", .notOneOf(InvoiceStatus.allCases.map(\.rawValue)))
            }
            conditions.append("status = ?")
            arguments.append(status)
        } else {
            conditions.append("status IN ('paid', 'partially_refunded')")
        }
        if let payment = params.string("payment"), !payment.isEmpty {
            conditions.append("gateway_type = ?")
            arguments.append(payment.lowercased())
        }
        let fixed = (conditions, arguments)
        let (rules, zone, total, rows) = try await context.storage.read {
            db -> (EligibilityRules, TimeZoneRules, Int64, [(Invoice, Bool, Int64)]) in
            let settings = try SettingsRecords.load(db, storeID: user.storeID, context: context)
            let rules = EligibilityRules(config: ShopXOConfig(context.config), settings: settings, now: context.now)
            var (conditions, bound) = fixed
            if let start = try InvoiceInput.time(params, "start_time", zone: settings.timeZone) {
                conditions.append("paid_at >= ?")
                bound.append(start)
            }
            if let end = try InvoiceInput.time(params, "end_time", zone: settings.timeZone, endOfDay: true) {
                conditions.append("paid_at <= ?")
                bound.append(end)
            }
            let filter = conditions.joined(separator: " AND ")
            let total = try db.queryOne("SELECT COUNT(*) AS n FROM invoice_invoices WHERE \(filter)", arguments: bound)?.int64("n") ?? 0
            let rows = try db.query(
                """
                SELECT \(InvoiceRecords.summaryColumns), EXISTS (SELECT 1 FROM invoice_application_items AS item
                    WHERE item.invoice_id = invoice_invoices.id AND item.live = 1) AS in_application,
                    (SELECT COALESCE(SUM(quantity), 0) FROM invoice_lines WHERE invoice_id = invoice_invoices.id) AS quantity
                FROM invoice_invoices WHERE \(filter) ORDER BY paid_at DESC, id DESC LIMIT ? OFFSET ?
                """, arguments: bound + [paging.size, paging.offset])
            return (
                rules, settings.timeZone, total,
                try rows.map { (try InvoiceRecords.load(db, row: $0, withDetails: false), $0.bool("in_application"), $0.int64("quantity") ?? 0) }
            )
        }
        let language = context.language
        let list = rows.map { invoice, held, quantity in
            BusinessRow.json(
                invoice, quantity: quantity, eligibility: rules.check(invoice, inApplication: held), language: language, zone: zone)
        }
        let fields = kind == .order ? ShopXOLabels.orderFields : ShopXOLabels.rechargeFields
        return .ok(paging.shopxoPage(total: total, rows: list, fields: ShopXOLabels.fieldList(fields, language)))
    }
}

/// `order/detail` and `recharge/detail`: one of the caller's invoices by `id`, in Sell.app's
/// shape; only for one paid with real money (the others have no invoice to show).
enum BusinessDetail {
    static func order(_ context: ActionContext) async throws -> Reply {
        try await detail(context, kind: .order)
    }

    static func recharge(_ context: ActionContext) async throws -> Reply {
        try await detail(context, kind: .recharge)
    }

    private static func detail(_ context: ActionContext, kind: InvoiceKind) async throws -> Reply {
        let (invoice, settings) = try await callersInvoice(context, kind: kind)
        guard invoice.isPaidWithRealMoney(gateways: settings.realMoneyGateways) else {
            throw InvoiceMessages.notRealMoney(gateways: settings.realMoneyGateways)
        }
        return .ok(invoice.json)
    }

    /// The caller's invoice of `kind` named by `id`, with the store's settings; another user's
    /// answers exactly like a missing one.
    static func callersInvoice(_ context: ActionContext, kind: InvoiceKind) async throws -> (Invoice, StoreSettings) {
        let user = try context.requireUser()
        let id = try context.params.requiredInt("id")
        return try await context.storage.read { db in try callersInvoice(db, context: context, user: user, id: id, kind: kind) }
    }

    /// The same inside the caller's read.
    static func callersInvoice(
        _ db: Database, context: ActionContext, user: UserIdentity, id: Int64, kind: InvoiceKind
    ) throws -> (Invoice, StoreSettings) {
        guard let invoice = try InvoiceRecords.find(db, id: id, userID: user.id), invoice.kind == kind else { throw KernelError.notFound }
        return (invoice, try SettingsRecords.load(db, storeID: user.storeID, context: context))
    }
}
