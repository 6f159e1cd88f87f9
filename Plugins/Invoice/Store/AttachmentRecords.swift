import Foundation
import PluginSDK

/// The invoice plugin's SQL for attachments, always scoped to one store. The bytes are read
/// only by `content`; the invoices' lists of attachments (`invoice_invoice_attachments`) are
/// read only for one invoice at a time, never by the invoice lists.
enum AttachmentRecords {
    private static let described = "id, store_id, name, type, size, sha256, created_at"

    /// Stores an upload, unless the store would go over its count or byte limit (checked in the
    /// same write, so concurrent uploads cannot pass it together).
    static func insert(_ db: Database, storeID: Int64, upload: AttachmentUpload, limits: AttachmentLimits, now: Int64) throws -> Attachment {
        let (count, bytes) = try usage(db, storeID: storeID)
        guard count < limits.storeCount else { throw AttachmentMessages.storeCountReached(limits.storeCount) }
        let size = Int64(upload.bytes.count)
        guard bytes + size <= limits.storeBytes else {
            throw AttachmentMessages.storeBytesReached(used: bytes, adding: size, limit: limits.storeBytes)
        }
        let id = try db.insert(
            """
            INSERT INTO invoice_attachments (store_id, name, type, size, sha256, content, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
            """,
            arguments: [storeID, upload.name, upload.type.rawValue, size, upload.sha256, SQLValue.blob(upload.bytes), now])
        return Attachment(id: id, storeID: storeID, name: upload.name, type: upload.type, size: size, sha256: upload.sha256, createdAt: now)
    }

    /// How many attachments the store keeps and their bytes in all.
    static func usage(_ db: Database, storeID: Int64) throws -> (count: Int64, bytes: Int64) {
        let row = try db.queryOne("SELECT COUNT(*) AS n, COALESCE(SUM(size), 0) AS bytes FROM invoice_attachments WHERE store_id = ?", storeID)
        return (row?.int64("n") ?? 0, row?.int64("bytes") ?? 0)
    }

    static func list(_ db: Database, storeID: Int64, limit: Int64, offset: Int64) throws -> [Attachment] {
        try db.query("SELECT \(described) FROM invoice_attachments WHERE store_id = ? ORDER BY id DESC LIMIT ? OFFSET ?", storeID, limit, offset)
            .map(attachment)
    }

    static func find(_ db: Database, storeID: Int64, id: Int64) throws -> Attachment? {
        try db.queryOne("SELECT \(described) FROM invoice_attachments WHERE store_id = ? AND id = ?", storeID, id).map(attachment)
    }

    /// The bytes of an attachment of the store.
    static func content(_ db: Database, storeID: Int64, id: Int64) throws -> [UInt8]? {
        guard case .blob(let bytes) = try db.scalar("SELECT content FROM invoice_attachments WHERE store_id = ? AND id = ?", storeID, id) else {
            return nil
        }
        return bytes
    }

    /// Deletes an attachment no invoice lists; refused naming the invoices that list it.
    static func delete(_ db: Database, storeID: Int64, id: Int64) throws {
        let numbers = try db.query(
            """
            SELECT DISTINCT i.number FROM invoice_invoice_attachments a JOIN invoice_invoices i ON i.id = a.invoice_id
            WHERE a.attachment_id = ? ORDER BY i.number LIMIT 10
            """, id
        ).compactMap { $0.string("number") }
        guard numbers.isEmpty else { throw AttachmentMessages.inUse(numbers) }
        try db.execute("DELETE FROM invoice_attachments WHERE store_id = ? AND id = ?", storeID, id)
        guard db.changes == 1 else { throw KernelError.notFound }
    }

    /// `ids` as numbers, in order, without repeats, each checked to name an attachment of the
    /// store; unknown ones are refused by name, or left out when `dropMissing`.
    static func check(_ db: Database, storeID: Int64, ids: [String], field: String, dropMissing: Bool = false) throws -> [Int64] {
        var found: [Int64] = []
        var unknown: [String] = []
        for text in ids {
            if let id = Int64(text.trimmingCharacters(in: .whitespaces)), id > 0,
                try db.queryOne("SELECT 1 AS one FROM invoice_attachments WHERE store_id = ? AND id = ?", storeID, id) != nil
            {
                if !found.contains(id) { found.append(id) }
            } else if !unknown.contains(text) {
                unknown.append(text)
            }
        }
        guard unknown.isEmpty || dropMissing else { throw AttachmentMessages.unknown(field, unknown) }
        return found
    }

    /// Sets the attachments an invoice lists (replacing any it listed) and whether they wait for
    /// its payment.
    static func link(_ db: Database, invoiceID: Int64, ids: [Int64], afterPayment: Bool) throws {
        try db.execute("DELETE FROM invoice_invoice_attachments WHERE invoice_id = ?", invoiceID)
        for (position, id) in ids.enumerated() {
            try db.execute(
                "INSERT INTO invoice_invoice_attachments (invoice_id, position, attachment_id, after_payment) VALUES (?, ?, ?, ?)", invoiceID,
                position, id, afterPayment)
        }
    }

    /// The attachments an invoice lists, in order, and whether they wait for its payment.
    static func forInvoice(_ db: Database, invoiceID: Int64) throws -> InvoiceAttachments {
        let rows = try db.query(
            """
            SELECT a.id, a.store_id, a.name, a.type, a.size, a.sha256, a.created_at, l.after_payment
            FROM invoice_invoice_attachments l JOIN invoice_attachments a ON a.id = l.attachment_id
            WHERE l.invoice_id = ? ORDER BY l.position
            """, invoiceID)
        return InvoiceAttachments(items: try rows.map(attachment), afterPayment: rows.first?.bool("after_payment") ?? false)
    }

    static func attachment(_ row: Row) throws -> Attachment {
        Attachment(
            id: try row.require("id"), storeID: try row.require("store_id"), name: try row.require("name"), type: try row.decode("type"),
            size: try row.require("size"), sha256: try row.require("sha256"), createdAt: try row.require("created_at"))
    }
}
