import PluginSDK

/// The parameters the merchant, settings and gateway actions declare.
enum MerchantParams {
    static let storeID = Param.integer("store_id", range: 1...Int64.max, "The store an admin acts for (default 1)")

    /// A page of a store's catalog (coupons, attachments): 20 a page by default.
    static let page: [Param] = [.integer("page", range: 1...1_000_000), .integer("page_size", range: 1...100), storeID]

    /// One attachment of the store.
    static let attachment: [Param] = [.integer("id", required: true, range: 1...Int64.max, "Attachment id"), storeID]

    /// `id` or `number` names the invoice.
    static let reference: [Param] = [
        .integer("id", range: 1...Int64.max, "Invoice id"),
        .string("number", maxLength: 64, "Invoice number, e.g. INV-2026-000001"),
        storeID,
    ]

    /// What a merchant may set on a pending invoice.
    static let details: [Param] = [
        .array(
            "products", maxCount: InvoiceInput.maxLines,
            "Lines: {code, title, description, have_tax, quantity, amount, discount_amount, discount_type, coupon_code}"),
        .object("customer_information", "Sell.app customer fields: id, email, country, location, ip, proxied, browser_agent, vat; and name, address, tax_id for the PDF's bill-to block"),
        .string("email", maxLength: 254),
        .string("expires_at", maxLength: 40, "Unix seconds or ISO 8601"),
        .integer("coupon_id", range: 1...Int64.max, "A coupon of the store (coupon/list), for every line naming none"),
        .string("coupon_code", maxLength: 64, "A coupon of the store by code, for every line naming none; empty removes it"),
        .integer("subscription_id", range: 1...Int64.max),
        .string("feedback", maxLength: 2_000),
        .array("webhooks", maxCount: 10, "URLs to notify"),
        .string("checkout_url", maxLength: 2_048),
        .ids("attachments", "Ids of the store's attachments (attachment/upload) the customer gets with the invoice; on update, replaces the list"),
        .boolean(
            "send_attachments_after_payment",
            "true: the customer sees the attachments only once the invoice is paid (PayPing's sendAttachmentsAfterSuccessPayment)"),
    ]

    static let create: [Param] =
        [
            .string("kind", allowed: InvoiceKind.allCases.map(\.rawValue), "order (default) or recharge"),
            .integer("user_id", range: 1...Int64.max, "The customer's account in this store"),
            .string("currency", maxLength: 3, "ISO 4217; default the store's"),
            .string("request_id", maxLength: 128, "Idempotency key"),
            storeID,
        ] + details.map { $0.name == "products" ? .array("products", required: true, maxCount: InvoiceInput.maxLines, $0.summary) : $0 }

    /// A coupon's fields (`coupon/create`, `coupon/update`).
    static func coupon(required: Bool) -> [Param] {
        [
            .string("code", required: true, maxLength: 64, "Letters, digits, - _ . (unique per store, never changes)"),
            .string("type", required: required, allowed: Coupon.Kind.allCases.map(\.rawValue), "percent or fixed"),
            .decimal("value", required: required, "A percent (0-100, two decimals) or an amount in the currency"),
            .string("currency", maxLength: 3, "A fixed amount's currency; default the store's"),
            .string("starts_at", maxLength: 40, "Unix seconds or ISO 8601; usable from then (empty: at once)"),
            .string("ends_at", maxLength: 40, "Unix seconds or ISO 8601; usable until then (empty: no end)"),
            .integer("usage_limit", range: required ? 1...Int64.max : 0...Int64.max, "Invoices that may use it (none: no limit\(required ? "" : "; 0 clears it"))"),
            storeID,
        ] + (required ? [] : [.boolean("disabled", "true stops its use, false allows it again")])
    }

    static let list: [Param] = [
        .integer("page", range: 1...1_000_000),
        .integer("page_size", allowed: ["10", "20", "50", "100"]),
        .string("status", allowed: InvoiceStatus.allCases.map(\.rawValue)),
        .string("kind", allowed: InvoiceKind.allCases.map(\.rawValue)),
        .integer("user_id", range: 1...Int64.max),
        storeID,
    ]

    static let payment: [Param] = [
        .string("gateway", required: true, maxLength: 32, "stripe, paypal, balance, ..."),
        .string("transaction_id", required: true, maxLength: 255),
        .decimal("amount", required: true, "Must equal the invoice total"),
        .string("currency", maxLength: 3),
        .string("paid_at", maxLength: 40, "Unix seconds or ISO 8601; default now"),
    ]

    static let failure: [Param] = [
        .string("gateway", required: true, maxLength: 32, "stripe, paypal, ..."),
        .string("reason", required: true, maxLength: 500, "The gateway's reason, kept in the status history"),
        .string("transaction_id", maxLength: 255),
    ]

    static let settings: [Param] = [
        storeID,
        .string("currency", maxLength: 3),
        .integer("tax_rate_bp", range: 0...100_000, "Tax rate in basis points (1300 = 13%)"),
        .boolean("tax_inclusive"),
        .string("number_pattern", maxLength: 64, "e.g. INV-{YYYY}-{SEQ:6}"),
        .boolean("yearly_reset"),
        .string("stripe_webhook_secret", maxLength: 255),
        .string("paypal_webhook_secret", maxLength: 255),
        .string("webhook_signing_secret", maxLength: 255, "Signs webhooks sent to invoices' webhooks URLs (X-Signature); made on first need when unset"),
        .string("store_name", maxLength: 200),
        .string("store_address", maxLength: 500),
        .string("store_tax_id", maxLength: 64, "The store's tax or VAT registration number, printed on PDFs"),
        .string("pdf_language", maxLength: 2, "Language of invoice PDFs when a request names none: en, zh, fa or empty"),
        .string("pdf_calendar", maxLength: 9, "Calendar of PDF dates: gregorian, persian or empty (Persian for fa)"),
        Param.array("real_money_gateways", maxCount: 20, "Gateways whose payments may be invoiced (an array, or comma-separated text)")
            .checkedByTheAction(),
        Param.string("store_logo", maxLength: 65_536, "A PNG as base64 text or a multipart file part; empty removes it").checkedByTheAction(),
        .string("time_zone", maxLength: 64, "IANA time zone of the dates people read: UTC, Asia/Shanghai, Europe/Berlin, ..."),
    ]
}
