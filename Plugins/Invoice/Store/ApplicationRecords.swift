import PluginSDK

/// The invoice plugin's SQL for tax-invoice applications and the orders they hold: every
/// statement bound, run inside the caller's read or write scope. An order is held by at most one
/// live application: `invoice_application_items.live` under a partial unique index.
enum ApplicationRecords {
    /// Which applications a list shows; nil members do not filter.
    struct Filter: Sendable {
        var userID: Int64?
        var storeID: Int64?
        var status: ApplicationStatus?
        var kind: InvoiceKind?
    }

    static let columns = """
        id, store_id, user_id, business_type, status, currency, total_price, apply_type, invoice_type, invoice_content,
        invoice_title, invoice_code, invoice_bank, invoice_account, invoice_tel, invoice_address, name, tel, email, address,
        electronic_invoice, express_name, express_number, refuse_reason, user_note, add_time, upd_time
        """

    /// One page of applications, newest first, with their items.
    static func page(_ db: Database, _ filter: Filter, paging: Paging) throws -> (total: Int64, applications: [Application]) {
        var conditions: [String] = []
        var arguments: [any SQLBindable] = []
        if let userID = filter.userID {
            conditions.append("user_id = ?")
            arguments.append(userID)
        }
        if let storeID = filter.storeID {
            conditions.append("store_id = ?")
            arguments.append(storeID)
        }
        if let status = filter.status {
            conditions.append("status = ?")
            arguments.append(status.rawValue)
        }
        if let kind = filter.kind {
            conditions.append("business_type = ?")
            arguments.append(kind.businessType)
        }
        let clause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let total = try db.queryOne("SELECT COUNT(*) AS n FROM invoice_applications \(clause)", arguments: arguments)?.int64("n") ?? 0
        let rows = try db.query(
            "SELECT \(columns) FROM invoice_applications \(clause) ORDER BY id DESC LIMIT ? OFFSET ?",
            arguments: arguments + [paging.size, paging.offset])
        return (total, try load(db, rows))
    }

    /// One application by id; with `userID`, only that user's (another's answers like a missing one).
    static func find(_ db: Database, id: Int64, userID: Int64? = nil) throws -> Application? {
        try findAll(db, ids: [id], userID: userID).first
    }

    /// The applications among `ids` that exist (and belong to `userID` when given).
    static func findAll(_ db: Database, ids: [Int64], userID: Int64? = nil) throws -> [Application] {
        guard !ids.isEmpty else { return [] }
        var arguments: [any SQLBindable] = ids
        var sql = "SELECT \(columns) FROM invoice_applications WHERE id IN (\(placeholders(ids.count)))"
        if let userID {
            sql += " AND user_id = ?"
            arguments.append(userID)
        }
        return try load(db, try db.query(sql + " ORDER BY id DESC", arguments: arguments))
    }

    /// The user's most recent application, if any.
    static func latest(_ db: Database, userID: Int64) throws -> Application? {
        let rows = try db.query("SELECT \(columns) FROM invoice_applications WHERE user_id = ? ORDER BY id DESC LIMIT 1", userID)
        return try load(db, rows).first
    }

    /// The most recent application that holds (or held) the invoice `invoiceID`, if any.
    static func latest(_ db: Database, holding invoiceID: Int64) throws -> Application? {
        let rows = try db.query(
            """
            SELECT \(columns) FROM invoice_applications WHERE id =
                (SELECT MAX(application_id) FROM invoice_application_items WHERE invoice_id = ?)
            """, invoiceID)
        return try load(db, rows).first
    }

    /// Inserts a pending application and claims its orders; a concurrent claim of the same order
    /// fails on the unique index of live items.
    static func create(
        _ db: Database, storeID: Int64, userID: Int64, kind: InvoiceKind, invoices: [Invoice], total: Money, form: ApplicationForm,
        now: Int64
    ) throws -> Int64 {
        let texts = ApplicationForm.textFields
        var arguments: [any SQLBindable] = [
            storeID, userID, kind.businessType, ApplicationStatus.pending.rawValue, invoices[0].currency.code, total.minorUnits,
            form.applyType.rawValue, form.invoiceType.rawValue,
        ]
        arguments += texts.map { form[$0] }
        arguments.append(now)
        let id = try db.insert(
            """
            INSERT INTO invoice_applications (store_id, user_id, business_type, status, currency, total_price, apply_type,
                invoice_type, \(texts.joined(separator: ", ")), add_time)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, \(placeholders(texts.count)), ?)
            RETURNING id
            """,
            arguments: arguments)
        for invoice in invoices {
            try db.execute(
                "INSERT INTO invoice_application_items (application_id, invoice_id, business_no, live) VALUES (?, ?, ?, 1)",
                id, invoice.id, invoice.number)
        }
        return id
    }

    /// Columns that replace an application's form.
    static func assignments(_ form: ApplicationForm) -> [(String, any SQLBindable)] {
        [("apply_type", form.applyType.rawValue), ("invoice_type", form.invoiceType.rawValue)]
            + ApplicationForm.textFields.map { ($0, form[$0]) }
    }

    /// Moves an application from its current status to `status`, setting `changes` in the same
    /// statement. Answers a conflict when the status changed meanwhile.
    static func move(
        _ db: Database, _ application: Application, to status: ApplicationStatus, changes: [(String, any SQLBindable)], now: Int64
    ) throws {
        let all: [(String, any SQLBindable)] = [("status", status.rawValue), ("upd_time", now)] + changes
        try db.execute(
            "UPDATE invoice_applications SET \(all.map { "\($0.0) = ?" }.joined(separator: ", ")) WHERE id = ? AND status = ?",
            arguments: all.map(\.1) + [application.id, application.status.rawValue])
        guard db.changes == 1 else { throw KernelError(code: .conflict, message: KernelMessages.conflict) }
    }

    /// Holds (`live`) or releases an application's orders.
    static func setLive(_ db: Database, applicationID: Int64, _ live: Bool) throws {
        try db.execute("UPDATE invoice_application_items SET live = ? WHERE application_id = ?", live, applicationID)
    }

    /// Deletes applications and their items, releasing their orders.
    static func delete(_ db: Database, ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try db.execute("DELETE FROM invoice_application_items WHERE application_id IN (\(placeholders(ids.count)))", arguments: ids)
        try db.execute("DELETE FROM invoice_applications WHERE id IN (\(placeholders(ids.count)))", arguments: ids)
    }

    /// The invoices among `ids` held by a live application other than `excluding`.
    static func liveInvoiceIDs(_ db: Database, among ids: [Int64], excluding applicationID: Int64? = nil) throws -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        let rows = try db.query(
            "SELECT invoice_id FROM invoice_application_items WHERE live = 1 AND application_id != ? AND invoice_id IN (\(placeholders(ids.count)))",
            arguments: [applicationID ?? 0] + ids)
        return Set(rows.compactMap { $0.int64("invoice_id") })
    }

    /// The user's invoices of `kind` among `ids`, by id (others' and other kinds' are left out).
    static func invoices(_ db: Database, ids: [Int64], userID: Int64, kind: InvoiceKind) throws -> [Int64: Invoice] {
        guard !ids.isEmpty else { return [:] }
        let rows = try db.query(
            "SELECT \(InvoiceRecords.columns) FROM invoice_invoices WHERE user_id = ? AND kind = ? AND id IN (\(placeholders(ids.count)))",
            arguments: [userID, kind.rawValue] + ids)
        var invoices: [Int64: Invoice] = [:]
        for row in rows {
            let invoice = try InvoiceRecords.load(db, row: row, withDetails: false)
            invoices[invoice.id] = invoice
        }
        return invoices
    }

    private static func load(_ db: Database, _ rows: [Row]) throws -> [Application] {
        let ids: [Int64] = try rows.map { try $0.require("id") }
        var items: [Int64: [Application.Item]] = [:]
        if !ids.isEmpty {
            let itemRows = try db.query(
                """
                SELECT application_id, invoice_id, business_no FROM invoice_application_items
                WHERE application_id IN (\(placeholders(ids.count))) ORDER BY invoice_id
                """, arguments: ids)
            for row in itemRows {
                items[try row.require("application_id"), default: []].append(
                    Application.Item(invoiceID: try row.require("invoice_id"), businessNo: try row.require("business_no")))
            }
        }
        return try rows.map { row in
            let id: Int64 = try row.require("id")
            var texts: [String: String] = [:]
            texts.reserveCapacity(ApplicationForm.textFields.count)
            for field in ApplicationForm.textFields { texts[field] = try row.require(field, as: String.self) }
            let businessType: Int64 = try row.require("business_type")
            guard let kind = InvoiceKind.allCases.first(where: { $0.businessType == businessType }) else {
                throw StorageError(kind: .decoding, message: "invoice_applications row \(id): unknown business_type '\(businessType)'")
            }
            let code: String = try row.require("currency")
            guard let currency = Currency(code) else {
                throw StorageError(kind: .decoding, message: "invoice_applications row \(id): unknown currency '\(code)'")
            }
            return Application(
                id: id, storeID: try row.require("store_id"), userID: try row.require("user_id"), kind: kind,
                status: try row.decode("status"), currency: currency, total: Money(try row.require("total_price")),
                form: ApplicationForm(invoiceType: try row.decode("invoice_type"), applyType: try row.decode("apply_type"), texts: texts),
                electronicInvoice: try row.optional("electronic_invoice", as: String.self).map { InvoiceRecords.parse($0, fallback: []) },
                expressName: try row.require("express_name"), expressNumber: try row.require("express_number"),
                refuseReason: try row.require("refuse_reason"), addTime: try row.require("add_time"), updTime: try row.optional("upd_time"),
                items: items[id] ?? [])
        }
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
