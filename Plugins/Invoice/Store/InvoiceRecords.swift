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
        var requestFingerprint: String?
        /// Checked ids of the store's attachments the invoice lists.
        var attachments: [Int64] = []
        var attachmentsAfterPayment = false
    }

    static let columns = """
        id, store_id, number, kind, user_id, status, currency, total, vat, original_amount, full_price, fee, refunded,
        tax_rate_bp, tax_inclusive, gateway_type, transaction_id, checkout_url, gateway_data, paid_amount, paid_at,
        payment_received_at, expires_at, customer, coupon_id, subscription_id, feedback, webhooks, request_id, created_at,
        updated_at
        """

    /// The invoice already created with this idempotency key while the key is kept (created
    /// after `keptSince`), with the fingerprint of the parameters it was created with (nil for
    /// invoices made before fingerprints were kept). An older invoice lets go of the key, so it
    /// can be used again. Other plugins' keys (`InvoiceService`) are kept for good.
    static func existing(_ db: Database, storeID: Int64, requestID: String, keptSince: Int64 = .min) throws -> (Invoice, String?)? {
        guard let row = try db.queryOne(
            "SELECT \(columns), request_fingerprint FROM invoice_invoices WHERE store_id = ? AND request_id = ?", storeID, requestID)
        else { return nil }
        let invoice = try load(db, row: row)
        guard invoice.createdAt >= keptSince else {
            try db.execute("UPDATE invoice_invoices SET request_id = NULL, request_fingerprint = NULL WHERE id = ?", invoice.id)
            return nil
        }
        return (invoice, row.string("request_fingerprint"))
    }

    /// What `create` stored: the new invoice's id, number and total.
    struct Created {
        let id: Int64
        let number: String
        let total: Money
    }

    /// Inserts a new pending invoice with the next gapless number of its store.
    /// A coupon in `draft` counts its use here, in the invoice's own write.
    static func create(_ db: Database, storeID: Int64, draft: Draft, settings: StoreSettings, now: Int64) throws -> Created {
        let lines = draft.lines.map(settings.tax.price)
        let totals = InvoiceTotals(lines)
        let date = Date(timeIntervalSince1970: TimeInterval(now))
        let period = settings.numberPattern.period(for: date, in: settings.timeZone, yearlyReset: settings.yearlyReset)
        let sequence = try db.queryOne(
            """
            INSERT INTO invoice_counters (store_id, period, last_value) VALUES (?, ?, 1)
            ON CONFLICT (store_id, period) DO UPDATE SET last_value = last_value + 1
            RETURNING last_value
            """, storeID, period)?.int64("last_value") ?? 1
        let number = settings.numberPattern.render(sequence: sequence, date: date, in: settings.timeZone)
        let id = try db.insert(
            """
            INSERT INTO invoice_invoices (store_id, number, kind, user_id, status, currency, total, vat, original_amount,
                full_price, tax_rate_bp, tax_inclusive, checkout_url, expires_at, customer, coupon_id, subscription_id,
                feedback, webhooks, request_id, request_fingerprint, created_at, updated_at)
            VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING id
            """,
            arguments: [
                storeID, number, draft.kind.rawValue, draft.userID, draft.currency.code, totals.total.minorUnits,
                totals.vat.minorUnits, totals.original.minorUnits, totals.total.minorUnits, settings.tax.rateBasisPoints,
                settings.tax.inclusive, draft.checkoutURL, draft.expiresAt, draft.customer.text, draft.couponID,
                draft.subscriptionID, draft.feedback, draft.webhooks.text, draft.requestID, draft.requestFingerprint, now, now,
            ])
        try insertLines(db, invoiceID: id, lines: lines)
        if !draft.attachments.isEmpty {
            try AttachmentRecords.link(db, invoiceID: id, ids: draft.attachments, afterPayment: draft.attachmentsAfterPayment)
        }
        if let couponID = draft.couponID { try claim(db, couponID: couponID, lines: draft.lines) }
        try db.execute("INSERT INTO invoice_history (invoice_id, status, at, note) VALUES (?, 'pending', ?, 'created')", id, now)
        return Created(id: id, number: number, total: totals.total)
    }

    /// Counts one use of a coupon; refused (used up or disabled) when it cannot be counted.
    static func claim(_ db: Database, couponID: Int64, lines: [LineInput]) throws {
        guard try CouponRecords.claim(db, id: couponID) else {
            let code = lines.first { !$0.couponCode.isEmpty }?.couponCode ?? String(couponID)
            throw CouponMessages.unusable(code, CouponMessages.usedUp)
        }
    }

    /// Replaces a pending invoice's lines and recomputes its totals; a change of coupon gives
    /// the old one's use back and counts the new one's.
    static func replaceLines(_ db: Database, invoice: Invoice, lines inputs: [LineInput], coupon: Coupon?, tax: TaxRule) throws {
        let lines = inputs.map(tax.price)
        let totals = InvoiceTotals(lines)
        try db.execute("DELETE FROM invoice_lines WHERE invoice_id = ?", invoice.id)
        try insertLines(db, invoiceID: invoice.id, lines: lines)
        try db.execute(
            """
            UPDATE invoice_invoices SET total = ?, vat = ?, original_amount = ?, full_price = ?, tax_rate_bp = ?, tax_inclusive = ?,
                coupon_id = ? WHERE id = ?
            """,
            totals.total.minorUnits, totals.vat.minorUnits, totals.original.minorUnits, totals.total.minorUnits,
            tax.rateBasisPoints, tax.inclusive, coupon?.id, invoice.id)
        guard coupon?.id != invoice.couponID else { return }
        if let old = invoice.couponID { try CouponRecords.release(db, id: old) }
        if let new = coupon?.id { try claim(db, couponID: new, lines: inputs) }
    }

    private static func insertLines(_ db: Database, invoiceID: Int64, lines: [InvoiceLine]) throws {
        for (position, line) in lines.enumerated() {
            let input = line.input
            try db.execute(
                """
                INSERT INTO invoice_lines (invoice_id, position, code, title, description, have_tax, quantity, amount,
                    discount_amount, discount_type, discount, coupon_code, coupon_discount, vat, total)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [
                    invoiceID, position, input.code, input.title, input.description, input.haveTax, input.quantity,
                    input.amount.minorUnits, input.discountAmount, input.discountType.rawValue, line.discount.minorUnits,
                    input.coupon == nil ? "" : input.couponCode, line.coupon.minorUnits, line.vat.minorUnits, line.total.minorUnits,
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

    /// What a list row needs: every column but the JSON documents (customer, gateway data,
    /// webhooks), which only the whole invoice shows.
    static let summaryColumns = """
        id, store_id, number, kind, user_id, status, currency, total, vat, original_amount, full_price, fee, refunded,
        tax_rate_bp, tax_inclusive, gateway_type, transaction_id, checkout_url, paid_amount, paid_at, payment_received_at,
        expires_at, coupon_id, subscription_id, feedback, request_id, created_at, updated_at
        """

    /// Builds an invoice from its row (`columns`, or `summaryColumns` for a list: its JSON
    /// documents are then empty), with its lines and history when `withDetails`. A missing
    /// column, an unknown status, kind or currency throws (`StorageError.Kind.decoding`) naming
    /// the row instead of reading as a default.
    static func load(_ db: Database, row: Row, withDetails: Bool = true) throws -> Invoice {
        let id: Int64 = try row.require("id")
        let code: String = try row.require("currency")
        guard let currency = Currency(code) else {
            throw StorageError(kind: .decoding, message: "invoice_invoices row \(id): unknown currency '\(code)'")
        }
        let tax = TaxRule(rateBasisPoints: try row.require("tax_rate_bp"), inclusive: try row.require("tax_inclusive"))
        var lines: [InvoiceLine] = []
        var history: [Invoice.HistoryEntry] = []
        if withDetails {
            lines = try db.query("SELECT * FROM invoice_lines WHERE invoice_id = ? ORDER BY position", id).map { line in
                let input = LineInput(
                    code: try line.require("code"), title: try line.require("title"), description: try line.require("description"),
                    haveTax: try line.require("have_tax"), quantity: try line.require("quantity"), amount: Money(try line.require("amount")),
                    discountAmount: try line.require("discount_amount"), discountType: try line.decode("discount_type"),
                    couponCode: try line.require("coupon_code"))
                return InvoiceLine(
                    input: input, gross: Money(input.amount.minorUnits * input.quantity), discount: Money(try line.require("discount")),
                    coupon: Money(try line.require("coupon_discount")), total: Money(try line.require("total")), vat: Money(try line.require("vat")))
            }
            history = try db.query("SELECT id, status, at, note FROM invoice_history WHERE invoice_id = ? ORDER BY id", id).map { entry in
                Invoice.HistoryEntry(status: try entry.decode("status"), at: try entry.require("at"), note: try entry.require("note"))
            }
        }
        let documents = row.has("customer")
        return Invoice(
            id: id, storeID: try row.require("store_id"), number: try row.require("number"), kind: try row.decode("kind"),
            userID: try row.optional("user_id"), status: try row.decode("status"), currency: currency,
            total: Money(try row.require("total")), vat: Money(try row.require("vat")),
            originalAmount: Money(try row.require("original_amount")), fullPrice: Money(try row.require("full_price")),
            fee: Money(try row.require("fee")), refunded: Money(try row.require("refunded")), tax: tax,
            gatewayType: try row.optional("gateway_type"), transactionID: try row.optional("transaction_id"),
            checkoutURL: try row.optional("checkout_url"),
            gatewayData: documents ? parse(try row.require("gateway_data"), fallback: .emptyObject) : .emptyObject,
            paidAmount: try row.optional("paid_amount", as: Int64.self).map(Money.init), paidAt: try row.optional("paid_at"),
            paymentReceivedAt: try row.optional("payment_received_at"),
            expiresAt: try row.optional("expires_at"),
            customer: documents ? parse(try row.require("customer"), fallback: .emptyObject) : .emptyObject,
            couponID: try row.optional("coupon_id"), subscriptionID: try row.optional("subscription_id"), feedback: try row.optional("feedback"),
            webhooks: documents ? parse(try row.require("webhooks"), fallback: []) : [], requestID: try row.optional("request_id"),
            createdAt: try row.require("created_at"), updatedAt: try row.require("updated_at"), lines: lines, history: history)
    }

    static func parse(_ text: String?, fallback: JSON) -> JSON {
        guard let text, let value = try? JSON.parse(Array(text.utf8)) else { return fallback }
        return value
    }
}
