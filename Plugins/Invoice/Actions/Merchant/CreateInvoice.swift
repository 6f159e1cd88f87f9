import Kernel
import Storage

/// `merchant/create`: a new pending invoice with the next number of the store. The same
/// idempotency key (`request_id` or `Idempotency-Key`) answers the same invoice, never two.
enum CreateInvoice {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let merchant = try await MerchantContext(context)
        let params = context.params
        let currency = try params.string("currency").map {
            guard let currency = Currency($0) else { throw KernelError.badParameter("currency", .malformed) }
            return currency
        } ?? merchant.settings.currency
        let requestID = params.string("request_id") ?? context.request.headers["idempotency-key"]
        if let requestID, requestID.isEmpty || requestID.count > 128 { throw KernelError.badParameter("request_id", .malformed) }
        let kind = try params.string("kind").map {
            guard let kind = InvoiceKind(rawValue: $0) else { throw KernelError.badParameter("kind", .notOneOf(["order", "recharge"])) }
            return kind
        } ?? .order
        let userID = try params.int("user_id")
        if let userID {
            guard let user = try await context.services.accounts.user(id: userID), user.storeID == merchant.storeID else {
                throw InvoiceMessages.unknownUser
            }
        }
        let draft = InvoiceRecords.Draft(
            kind: kind, userID: userID, currency: currency, lines: try InvoiceInput.lines(params, currency: currency),
            customer: try InvoiceInput.customer(params), expiresAt: try InvoiceInput.time(params, "expires_at"),
            couponID: try params.int("coupon_id"), subscriptionID: try params.int("subscription_id"),
            feedback: params.string("feedback"), webhooks: try webhooks(params), checkoutURL: params.string("checkout_url"),
            requestID: requestID)
        let storeID = merchant.storeID
        let settings = merchant.settings
        let now = merchant.now
        let (invoice, created) = try await context.storage.write { db -> (Invoice, Bool) in
            if let requestID, let existing = try InvoiceRecords.existing(db, storeID: storeID, requestID: requestID) {
                return (existing, false)
            }
            let id = try InvoiceRecords.create(db, storeID: storeID, draft: draft, settings: settings, now: now)
            return (try InvoiceRecords.find(db, id: id, storeID: storeID)!, true)
        }
        if created { await InvoiceEvents.publish("invoice.created", invoice, context) }
        return .ok(invoice.json)
    }

    /// `webhooks`: a list of URLs to notify (kept with the invoice).
    static func webhooks(_ params: Params) throws -> JSON {
        guard let value = params["webhooks"], !value.isNull else { return [] }
        guard case .array(let items) = value, items.count <= 10,
            items.allSatisfy({ ($0.stringValue ?? "").hasPrefix("http") })
        else { throw KernelError.badParameter("webhooks", .malformed) }
        return value
    }
}
