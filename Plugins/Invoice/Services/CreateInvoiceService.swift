import Kernel
import Storage

/// The `invoice.create` kernel service: other plugins (schedule, copy) create ordinary pending
/// invoices without importing this one. Input is `merchant/create`'s body (`products`,
/// `currency`, `customer_information`, `email`, `user_id`, `expires_at`, `feedback`,
/// `request_id`); it runs inside the caller's write and answers the invoice JSON.
enum CreateInvoiceService {
    static let name = "invoice.create"

    static func handle(_ call: inout ServiceCall, _ db: Database) throws -> JSON {
        let params = Params(call.input.objectValue ?? JSONObject())
        let settings = try settings(call, db)
        let currency = try currency(params, settings)
        let requestID = params.string("request_id")
        if let requestID, let existing = try InvoiceRecords.existing(db, storeID: call.storeID, requestID: requestID) {
            return existing.json
        }
        let draft = InvoiceRecords.Draft(
            kind: .order, userID: try params.int("user_id"), currency: currency, lines: try InvoiceInput.lines(params, currency: currency),
            customer: try InvoiceInput.customer(params), expiresAt: try InvoiceInput.time(params, "expires_at"), couponID: nil,
            subscriptionID: nil, feedback: params.string("feedback"), webhooks: [], checkoutURL: params.string("checkout_url"),
            requestID: requestID)
        let id = try InvoiceRecords.create(db, storeID: call.storeID, draft: draft, settings: settings, now: call.now)
        guard let invoice = try InvoiceRecords.find(db, id: id, storeID: call.storeID) else { throw KernelError.notFound }
        call.publishAfterCommit(HookEvent(name: "invoice.created", storeID: invoice.storeID, payload: invoice.json))
        return invoice.json
    }

    /// The store's invoicing settings, read inside the caller's transaction.
    static func settings(_ call: ServiceCall, _ db: Database) throws -> StoreSettings {
        let base = StoreSettings(json: call.config["store_defaults"] ?? .emptyObject)
        let stored = try db.queryOne("SELECT settings FROM invoice_store_settings WHERE store_id = ?", call.storeID)?.string("settings")
        return StoreSettings(json: InvoiceRecords.parse(stored, fallback: .emptyObject), base: base)
    }

    /// `currency` from the input, or the store's.
    static func currency(_ params: Params, _ settings: StoreSettings) throws -> Currency {
        guard let code = params.string("currency") else { return settings.currency }
        guard let currency = Currency(code) else { throw KernelError.badParameter("currency", .malformed) }
        return currency
    }
}
