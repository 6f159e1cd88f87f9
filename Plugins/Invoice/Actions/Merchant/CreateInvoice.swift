import Contracts
import PluginSDK

/// `merchant/create`: a new pending invoice with the next number of the store. The same
/// idempotency key (`request_id` or `Idempotency-Key`) with the same parameters answers the same
/// invoice, never two; with other parameters it is refused (`IdempotencyKey`).
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
        let subscriptionID = try params.int("subscription_id")
        let webhooks = try webhooks(params)
        let idempotency = requestID.map { IdempotencyKey(key: $0, params: params, declared: MerchantParams.create) }
        let attachmentIDs = try params.ids("attachments")
        let attachmentsAfterPayment = try params.bool("send_attachments_after_payment") ?? false
        let invoice = try await context.storage.write { db -> JSON in
            let merchant = try MerchantContext(context, db: db)
            if let idempotency, let existing = try idempotency.existing(db, storeID: merchant.storeID, now: merchant.now, config: context.config) {
                return try ViewInvoice.answer(existing, db: db)
            }
            let currency = currencyCode.flatMap(Currency.init) ?? merchant.settings.currency
            if let userID {
                guard let user = try context.services.accounts.user(id: userID, in: db), user.storeID == merchant.storeID else {
                    throw InvoiceMessages.unknownUser
                }
            }
            let (lines, coupon) = try CouponUse.apply(
                try InvoiceInput.lines(params, currency: currency),
                invoiceCoupon: try CouponUse.invoiceCoupon(params, storeID: merchant.storeID, db: db), storeID: merchant.storeID,
                currency: currency, now: merchant.now, dropUnusable: false, db: db)
            let draft = InvoiceRecords.Draft(
                kind: kind, userID: userID, currency: currency, lines: lines,
                customer: customer, expiresAt: expiresAt, couponID: coupon?.id, subscriptionID: subscriptionID,
                feedback: params.string("feedback"), webhooks: webhooks, checkoutURL: params.string("checkout_url"), requestID: requestID,
                requestFingerprint: idempotency?.fingerprint,
                attachments: try AttachmentRecords.check(db, storeID: merchant.storeID, ids: attachmentIDs.map(String.init), field: "attachments"),
                attachmentsAfterPayment: attachmentsAfterPayment)
            let id = try InvoiceRecords.create(db, storeID: merchant.storeID, draft: draft, settings: merchant.settings, now: merchant.now).id
            guard let invoice = try InvoiceRecords.find(db, id: id, storeID: merchant.storeID) else { throw KernelError.notFound }
            try context.services.hooks.publish(InvoiceEvents.created, invoice, in: db)
            return try ViewInvoice.answer(invoice, db: db)
        }
        return .ok(invoice)
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
