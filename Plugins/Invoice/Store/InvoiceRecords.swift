import Foundation
import PluginSDK

/// The invoice plugin's SQL for invoices: every statement bound, run inside the caller's read or
/// write scope.
enum InvoiceRecords {
    /// What a merchant asks for; totals are computed here, never taken from the client.
    struct Draft: Sendable {
        var kind: InvoiceKind
        var userID: Int64?
        var currency: Currency
        var lines: [LineInput]
        var customer: JSON
        var expiresAt: Int64?
        var couponID: Int64?
        var subscriptionID: Int64?
        var feedback: String?
        var webhooks: JSON
        var checkoutURL: String?
        var requestID: String?
    }

    static let columns = """
        id, store_id, number, kind, user_id, status, currency, total, vat, original_amount, full_price, fee, refunded,
        tax_rate_bp, tax_inclusive, gateway_type, transaction_id, checkout_url, gateway_data, paid_amount, paid_at,
        expires_at, customer, coupon_id, subscription_id, feedback, webhooks, request_id, created_at, updated_at
        """

    /// The invoice already created with this idempotency key, if any.
    static func existing(_ db: Database, storeID: Int64, requestID: String) throws -> Invoice? {
        guard let row = try db.queryOne("SELECT \(columns) FROM invoice_invoices WHERE store_id = ? AND request_id = ?", storeID, requestID)
        else { return nil }
        return try load(db, row: row)
    }

    /// Inserts a new pending invoice with the next gapless number of its store.
    static func create(_ db: Database, storeID: Int64, draft: Draft, settings: StoreSettings, now: Int64) throws -> Int64 {
        let lines = draft.lines.map(settings.tax.price)
        let totals = InvoiceTotals(lines)
        let date = Date(timeIntervalSince1970: TimeInterval(now))
        let period = settings.numberPattern.period(for: date, yearlyReset: settings.yearlyReset)
        let sequence = try db.queryOne(
            """
            INSERT INTO invoice_counters (store_id, period, last_value) VALUES (?, ?, 1)
            ON CONFLICT (store_id, period) DO UPDATE SET last_value = last_value + 1
            RETURNING last_value
            """, storeID, period)?.int64("last_value") ?? 1
        let number = settings.numberPattern.render(sequence: sequence, date: date)
        let id = try db.insert(
            """
            INSERT INTO invoice_invoices (store_id, number, kind, user_id, status, currency, total, vat, original_amount,
                full_price, tax_rate_bp, tax_inclusive, checkout_url, expires_at, customer, coupon_id, subscription_id,
                feedback, webhooks, request_id, created_at, updated_at)
            VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING id
            """,
            arguments: [
                storeID, number, draft.kind.rawValue, draft.userID, draft.currency.code, totals.total.minorUnits,
                totals.vat.minorUnits, totals.original.minorUnits, totals.total.minorUnits, settings.tax.rateBasisPoints,
                settings.tax.inclusive, draft.checkoutURL, draft.expiresAt, draft.customer.text, draft.couponID,
                draft.subscriptionID, draft.feedback, draft.webhooks.text, draft.requestID, now, now,
            ])
        try insertLines(db, invoiceID: id, lines: lines)
        try db.execute("INSERT INTO invoice_history (invoice_id, status, at, note) VALUES (?, 'pending', ?, 'created')", id, now)
        return id
    }

    /// Replaces a pending invoice's lines and recomputes its totals.
    static func replaceLines(_ db: Database, invoice: Invoice, lines inputs: [LineInput], tax: TaxRule) throws {
        let lines = inputs.map(tax.price)
        let totals = InvoiceTotals(lines)
        try db.execute("DELETE FROM invoice_lines WHERE invoice_id = ?", invoice.id)
        try insertLines(db, invoiceID: invoice.id, lines: lines)
        try db.execute(
            "UPDATE invoice_invoices SET total = ?, vat = ?, original_amount = ?, full_price = ?, tax_rate_bp = ?, tax_inclusive = ? WHERE id = ?",
            totals.total.minorUnits, totals.vat.minorUnits, totals.original.minorUnits, totals.total.minorUnits,
            tax.rateBasisPoints, tax.inclusive, invoice.id)
    }

    private static func insertLines(_ db: Database, invoiceID: Int64, lines: [InvoiceLine]) throws {
        for (position, line) in lines.enumerated() {
            let input = line.input
            try db.execute(
                """
                INSERT INTO invoice_lines (invoice_id, position, code, title, description, have_tax, quantity, amount,
                    discount_amount, discount_type, discount, vat, total)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [
                    invoiceID, position, input.code, input.title, input.description, input.haveTax, input.quantity,
                    input.amount.minorUnits, input.discountAmount, input.discountType.rawValue, line.discount.minorUnits,
                    line.vat.minorUnits, line.total.minorUnits,
                ])
        }
    }

    /// Moves an invoice to `status`, recording it in the history; `changes` are extra columns set
    /// in the same statement. Refuses moves the state machine does not allow.
    static func transition(
        _ db: Database, _ invoice: Invoice, to status: InvoiceStatus, note: String, now: Int64,
        changes: [(String, any SQLBindable)] = []
    ) throws {
        guard invoice.status.canMove(to: status) else {
            throw InvoiceMessages.illegalTransition(from: invoice.status, to: status)
        }
        var assignments = ["status = ?", "updated_at = ?"]
        var arguments: [any SQLBindable] = [status.rawValue, now]
        for (column, value) in changes {
            assignments.append("\(column) = ?")
            arguments.append(value)
        }
        arguments.append(invoice.id)
        arguments.append(invoice.status.rawValue)
        try db.execute("UPDATE invoice_invoices SET \(assignments.joined(separator: ", ")) WHERE id = ? AND status = ?", arguments: arguments)
        guard db.changes == 1 else { throw KernelError(code: .conflict, message: KernelMessages.conflict) }
        try db.execute("INSERT INTO invoice_history (invoice_id, status, at, note) VALUES (?, ?, ?, ?)", invoice.id, status.rawValue, now, note)
    }

    /// Records a change that keeps the status (an update while pending) in the history.
    static func touch(_ db: Database, _ invoice: Invoice, note: String, now: Int64) throws {
        try db.execute("UPDATE invoice_invoices SET updated_at = ? WHERE id = ?", now, invoice.id)
        try db.execute("INSERT INTO invoice_history (invoice_id, status, at, note) VALUES (?, ?, ?, ?)", invoice.id, invoice.status.rawValue, now, note)
    }

    /// One invoice of a store by id, or nil.
    static func find(_ db: Database, id: Int64, storeID: Int64) throws -> Invoice? {
        guard let row = try db.queryOne("SELECT \(columns) FROM invoice_invoices WHERE id = ? AND store_id = ?", id, storeID) else { return nil }
        return try load(db, row: row)
    }

    /// `invoice` read again inside a write, so a change sees the latest state; gone answers "not found".
    static func current(_ db: Database, _ invoice: Invoice) throws -> Invoice {
        guard let current = try find(db, id: invoice.id, storeID: invoice.storeID) else { throw KernelError.notFound }
        return current
    }

    /// One invoice of a store by its human number, or nil.
    static func find(_ db: Database, number: String, storeID: Int64) throws -> Invoice? {
        guard let row = try db.queryOne("SELECT \(columns) FROM invoice_invoices WHERE number = ? AND store_id = ?", number, storeID)
        else { return nil }
        return try load(db, row: row)
    }

    /// One invoice owned by a user, or nil (another user's answers exactly like a missing one).
    static func find(_ db: Database, id: Int64, userID: Int64) throws -> Invoice? {
        guard let row = try db.queryOne("SELECT \(columns) FROM invoice_invoices WHERE id = ? AND user_id = ?", id, userID) else { return nil }
        return try load(db, row: row)
    }

    /// Builds an invoice from its row, with its lines and history.
    static func load(_ db: Database, row: Row, withDetails: Bool = true) throws -> Invoice {
        let id = row.int64("id") ?? 0
        let currency = Currency(row.string("currency") ?? "") ?? StoreSettings.fallback.currency
        let tax = TaxRule(rateBasisPoints: row.int64("tax_rate_bp") ?? 0, inclusive: row.bool("tax_inclusive"))
        var lines: [InvoiceLine] = []
        var history: [Invoice.HistoryEntry] = []
        if withDetails {
            lines = try db.query("SELECT * FROM invoice_lines WHERE invoice_id = ? ORDER BY position", id).map { line in
                let input = LineInput(
                    code: line.string("code") ?? "", title: line.string("title") ?? "", description: line.string("description") ?? "",
                    haveTax: line.bool("have_tax"), quantity: line.int64("quantity") ?? 0, amount: Money(line.int64("amount") ?? 0),
                    discountAmount: line.int64("discount_amount") ?? 0,
                    discountType: DiscountType(rawValue: line.int64("discount_type") ?? 0) ?? .percent)
                return InvoiceLine(
                    input: input, gross: Money(input.amount.minorUnits * input.quantity), discount: Money(line.int64("discount") ?? 0),
                    total: Money(line.int64("total") ?? 0), vat: Money(line.int64("vat") ?? 0))
            }
            history = try db.query("SELECT status, at, note FROM invoice_history WHERE invoice_id = ? ORDER BY id", id).map { entry in
                Invoice.HistoryEntry(
                    status: InvoiceStatus(rawValue: entry.string("status") ?? "") ?? .pending, at: entry.int64("at") ?? 0,
                    note: entry.string("note") ?? "")
            }
        }
        return Invoice(
            id: id, storeID: row.int64("store_id") ?? 0, number: row.string("number") ?? "",
            kind: InvoiceKind(rawValue: row.string("kind") ?? "") ?? .order, userID: row.int64("user_id"),
            status: InvoiceStatus(rawValue: row.string("status") ?? "") ?? .pending, currency: currency,
            total: Money(row.int64("total") ?? 0), vat: Money(row.int64("vat") ?? 0),
            originalAmount: Money(row.int64("original_amount") ?? 0), fullPrice: Money(row.int64("full_price") ?? 0),
            fee: Money(row.int64("fee") ?? 0), refunded: Money(row.int64("refunded") ?? 0), tax: tax,
            gatewayType: row.string("gateway_type"), transactionID: row.string("transaction_id"), checkoutURL: row.string("checkout_url"),
            gatewayData: parse(row.string("gateway_data"), fallback: .emptyObject),
            paidAmount: row.int64("paid_amount").map(Money.init), paidAt: row.int64("paid_at"), expiresAt: row.int64("expires_at"),
            customer: parse(row.string("customer"), fallback: .emptyObject), couponID: row.int64("coupon_id"),
            subscriptionID: row.int64("subscription_id"), feedback: row.string("feedback"),
            webhooks: parse(row.string("webhooks"), fallback: []), requestID: row.string("request_id"),
            createdAt: row.int64("created_at") ?? 0, updatedAt: row.int64("updated_at") ?? 0, lines: lines, history: history)
    }

    static func parse(_ text: String?, fallback: JSON) -> JSON {
        guard let text, let value = try? JSON.parse(Array(text.utf8)) else { return fallback }
        return value
    }
}
