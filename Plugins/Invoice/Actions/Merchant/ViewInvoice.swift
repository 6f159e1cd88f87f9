import PluginSDK

/// `merchant/view`: one invoice of the store by `id` or `number`, with its attachments.
enum ViewInvoice {
    static func handle(_ context: ActionContext) async throws -> Reply {
        .ok(try await context.storage.read { db in try answer(try MerchantContext(context, db: db).invoice(context, db: db), db: db) })
    }

    /// One invoice as the merchant API answers it alone: its JSON and the attachments it lists
    /// (read here only, never for lists).
    static func answer(_ invoice: Invoice, db: Database) throws -> JSON {
        var object = invoice.json.objectValue ?? JSONObject()
        for (key, value) in try AttachmentRecords.forInvoice(db, invoiceID: invoice.id).merchantJSON { object[key] = value }
        return .object(object)
    }
}

/// `merchant/list`: the store's invoices, newest first, filtered by `status`, `kind`, `user_id`.
enum ListInvoices {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let params = context.params
        let paging = try Paging(params, allowed: [10, 20, 50, 100])
        var conditions = ["store_id = ?"]
        var arguments: [any SQLBindable] = []
        if let status = params.string("status"), !status.isEmpty {
            guard InvoiceStatus(rawValue: status) != nil else {
                throw KernelError.badParameter("status", .notOneOf(InvoiceStatus.allCases.map(\.rawValue)))
            }
            conditions.append("status = ?")
            arguments.append(status)
        }
        if let kind = params.string("kind"), !kind.isEmpty {
            guard InvoiceKind(rawValue: kind) != nil else { throw KernelError.badParameter("kind", .notOneOf(["order", "recharge"])) }
            conditions.append("kind = ?")
            arguments.append(kind)
        }
        if let userID = try params.int("user_id") {
            conditions.append("user_id = ?")
            arguments.append(userID)
        }
        let filter = conditions.joined(separator: " AND ")
        let given = arguments
        let (total, invoices) = try await context.storage.read { db -> (Int64, [Invoice]) in
            let bound: [any SQLBindable] = [try context.storeID(in: db)] + given
            let total = try db.queryOne("SELECT COUNT(*) AS n FROM invoice_invoices WHERE \(filter)", arguments: bound)?.int64("n") ?? 0
            let rows = try db.query(
                "SELECT \(InvoiceRecords.columns) FROM invoice_invoices WHERE \(filter) ORDER BY id DESC LIMIT ? OFFSET ?",
                arguments: bound + [paging.size, paging.offset])
            return (total, try rows.map { try InvoiceRecords.load(db, row: $0) })
        }
        return .page(invoices.map(\.json), page: paging.page, pageSize: paging.size, total: total)
    }
}
