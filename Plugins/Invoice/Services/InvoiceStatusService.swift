import Kernel
import Storage

/// The `invoice.status` kernel service: `{id}` -> `{"found", "status", "number"}` of one of the
/// store's invoices, so reminders stop once it is no longer pending.
enum InvoiceStatusService {
    static let name = "invoice.status"

    static func handle(_ call: inout ServiceCall, _ db: Database) throws -> JSON {
        guard let id = call.input["id"]?.intValue,
            let row = try db.queryOne("SELECT number, status FROM invoice_invoices WHERE id = ? AND store_id = ?", id, call.storeID)
        else { return ["found": false] }
        return ["found": true, "number": JSON(row.string("number")), "status": JSON(row.string("status"))]
    }
}
