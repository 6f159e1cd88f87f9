import Contracts
import PluginSDK

/// `merchant/create`: a new pending invoice with the next number of the store. The same
/// idempotency key (`request_id` or `Idempotency-Key`) answers the same invoice, never two.
/// One write: the store, its settings, the customer check, the idempotency lookup, the invoice
/// and its `invoice.created` listeners' rows all happen in it.
enum CreateInvoice {
    static func handle(_ context: ActionContext) async throws -> Reply {
        let params = context.params
        let currencyCode = params.string("currency")
        if let currencyCode, Currency(currencyCode) == nil { throw KernelError.badParameter("currency", .malformed) }
        let requestID = params.string("request_id") ?? context.request.headers["idempotency-key"]
        if let requestID, requestID.isEmpty || requestID.count > 128 { throw KernelError.badParameter("request_id", .malformed) }
        let kind = try params.string("kind").map {
            guard let kind = InvoiceKind(rawValue: $0) else { throw KernelError.badParameter("kind", .notOneOf(["order", "recharge"])) }
            return kind
        } ?? .order
        let userID = try params.int("user_id")
        let customer = try InvoiceInput.customer(params)
        let expiresAt = try InvoiceInput.time(params, "expires_at")
        let couponID = try params.int("coupon_id")
        let subscriptionID = try params.int("subscription_id")
        let webhooks = try webhooks(params)
        let invoice = try await context.storage.write { db -> Invoice in
            let merchant = try MerchantContext(context, db: db)
            if let requestID, let existing = try InvoiceRecords.existing(db, storeID: merchant.storeID, requestID: requestID) {
                return existing
            }
            let currency = currencyCode.flatMap(Currency.init) ?? merchant.settings.currency
            if let userID {
                guard let user = try context.services.accounts.user(id: userID, in: db), user.storeID == merchant.storeID else {
                    throw InvoiceMessages.unknownUser
                }
            }
            let draft = InvoiceRecords.Draft(
                kind: kind, userID: userID, currency: currency, lines: try InvoiceInput.lines(params, currency: currency),
                customer: customer, expiresAt: expiresAt, couponID: couponID, subscriptionID: subscriptionID,
                feedback: params.string("feedback"), webhooks: webhooks, checkoutURL: params.string("checkout_url"), requestID: requestID)
            let id = try InvoiceRecords.create(db, storeID: merchant.storeID, draft: draft, settings: merchant.settings, now: merchant.now).id
            guard let invoice = try InvoiceRecords.find(db, id: id, storeID: merchant.storeID) else { throw KernelError.notFound }
            try context.services.hooks.publish(InvoiceEvents.created, invoice, in: db)
            return invoice
        }
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
