import PluginSDK

/// Every action of the invoice plugin and who may call it.
enum InvoiceRoutes {
    static let merchantScope = "invoices"

    static var all: [Route] {
        merchant + coupons + attachments + DeliveryLog.routes(scope: merchantScope) + gateways + settings + ShopXORoutes.user + ShopXORoutes.orders
            + ShopXORoutes.admin
    }

    /// Sell.app-style invoice API for a store's systems (API key scope `invoices`) or admins.
    static let merchant: [Route] = [
        Route(
            "merchant", "create", access: .apiKey(scope: merchantScope), params: MerchantParams.create,
            summary: "Create a pending invoice (idempotent by request_id or Idempotency-Key)", handler: CreateInvoice.handle
        ).markedTransactionSafe()
        .described(zh: "创建待支付发票（按 request_id 或 Idempotency-Key 幂等）", fa: "ایجاد فاکتور در انتظار پرداخت (یکتا با request_id یا Idempotency-Key)")
        .example(
            [
                "request_id": "order-1001", "user_id": "{{user_id}}", "expires_at": "2031-01-31T00:00:00Z",
                "customer_information": ["email": "bob@example.com", "name": "Bob"],
                "products": [["code": "PLAN-Y", "title": "Annual plan", "quantity": 1, "amount": "159.00", "have_tax": true]],
            ],
            saves: [("invoice_id", "id"), ("invoice_number", "number")]),
        Route(
            "merchant", "view", access: .apiKey(scope: merchantScope), params: MerchantParams.reference,
            summary: "One invoice by id or number", handler: ViewInvoice.handle
        ).markedTransactionSafe()
        .described(zh: "按 id 或编号查看一张发票", fa: "یک فاکتور با شناسه یا شماره")
        .example(["number": "{{invoice_number}}"]),
        Route(
            "merchant", "update", access: .apiKey(scope: merchantScope), params: MerchantParams.reference + MerchantParams.details,
            summary: "Change a pending invoice", handler: UpdateInvoice.handle
        ).markedTransactionSafe().example(["number": "{{invoice_number}}", "feedback": "Thanks for the order"]),
        Route(
            "merchant", "list", access: .apiKey(scope: merchantScope), params: MerchantParams.list,
            summary: "The store's invoices, newest first", handler: ListInvoices.handle
        ).markedTransactionSafe()
        .described(zh: "店铺的发票，最新的在前", fa: "فاکتورهای فروشگاه، جدیدترین اول")
        .example(["page": 1, "page_size": 20]),
        Route(
            "merchant", "fail", access: .apiKey(scope: merchantScope), params: MerchantParams.reference + MerchantParams.failure,
            summary: "Record a failed payment attempt (the invoice becomes failed until a later payment)", handler: FailPayment.handle
        ).markedTransactionSafe().example(["number": "{{invoice_number}}", "gateway": "stripe", "reason": "card_declined"]),
        Route(
            "merchant", "pay", access: .apiKey(scope: merchantScope), params: MerchantParams.reference + MerchantParams.payment,
            summary: "Record a payment", handler: PayInvoice.handle
        ).markedTransactionSafe()
        .described(zh: "记录一笔付款", fa: "ثبت یک پرداخت")
        .example(["number": "{{invoice_number}}", "gateway": "stripe", "transaction_id": "pi_demo_1001", "amount": "159.00"]),
        Route(
            "merchant", "refund", access: .apiKey(scope: merchantScope),
            params: MerchantParams.reference + [.decimal("amount"), .string("note", maxLength: 500)],
            summary: "Refund part or all of a paid invoice", handler: RefundInvoice.handle
        ).markedTransactionSafe().example(["number": "{{invoice_number}}", "amount": "9.00", "note": "Late delivery"]),
        Route(
            "merchant", "cancel", access: .apiKey(scope: merchantScope), params: MerchantParams.reference + [.string("note", maxLength: 500)],
            summary: "Cancel a pending invoice (it keeps its number)", handler: CancelInvoice.handle
        ).markedTransactionSafe().example(["number": "{{invoice_number}}", "note": "Ordered twice"]),
    ]

    /// A store's coupon catalog (API key scope `invoices`, or admins).
    static let coupons: [Route] = [
        Route(
            "coupon", "create", access: .apiKey(scope: merchantScope), params: MerchantParams.coupon(required: true),
            summary: "Create a coupon: a percent or fixed amount off each line naming it, in a validity window, up to a usage limit",
            handler: CouponActions.create
        ).markedTransactionSafe().example(["code": "LOYAL", "type": "percent", "value": "10", "ends_at": "2031-12-31T00:00:00Z", "usage_limit": 100]),
        Route(
            "coupon", "list", access: .apiKey(scope: merchantScope),
            params: MerchantParams.page,
            summary: "The store's coupons with their uses, newest first", handler: CouponActions.list
        ).markedTransactionSafe().example(["page": 1]),
        Route(
            "coupon", "update", access: .apiKey(scope: merchantScope), params: MerchantParams.coupon(required: false),
            summary: "Change a coupon's value, window, usage limit, or enable it again", handler: CouponActions.update
        ).markedTransactionSafe().example(["code": "LOYAL", "usage_limit": 200]),
        Route(
            "coupon", "disable", access: .apiKey(scope: merchantScope), params: [.string("code", required: true, maxLength: 64), MerchantParams.storeID],
            summary: "Stop a coupon from being used (invoices that used it keep it)", handler: CouponActions.disable
        ).markedTransactionSafe().example(["code": "LOYAL"]),
    ]

    /// Files a store hands its customers with invoices (API key scope `invoices`, or admins).
    static let attachments: [Route] = [
        Route(
            "attachment", "upload", access: .apiKey(scope: merchantScope),
            params: [
                .object("file", required: true, "The file: a multipart file part, or {filename, base64} in JSON. A PDF, PNG, JPEG or UTF-8 text "
                    + "(decided from its bytes), at most attachment_max_bytes (512 KiB by default)"),
                .string("name", maxLength: AttachmentUpload.maxNameLength, "The name customers see; default the file's own name"),
                MerchantParams.storeID,
            ],
            summary: "Upload an attachment an invoice or a schedule may list by id (per store at most attachment_store_max_count files "
                + "and attachment_store_max_bytes in all)",
            handler: AttachmentActions.upload
        ).markedTransactionSafe().example(
            ["file": ["filename": "guide.txt", "base64": "V2VsY29tZSEgUmVhZCBtZSBmaXJzdC4K"], "name": "Welcome guide.txt"],
            saves: [("attachment_id", "id")]),
        Route(
            "attachment", "list", access: .apiKey(scope: merchantScope),
            params: MerchantParams.page,
            summary: "The store's attachments, newest first, and its use of the limits", handler: AttachmentActions.list
        ).markedTransactionSafe().example(["page": 1]),
        Route(
            "attachment", "download", access: .apiKey(scope: merchantScope),
            params: MerchantParams.attachment,
            summary: "An attachment's file, as uploaded", fileType: "*/*", handler: AttachmentActions.download
        ).example(["id": "{{attachment_id}}"]),
        Route(
            "attachment", "delete", access: .apiKey(scope: merchantScope),
            params: MerchantParams.attachment,
            summary: "Delete an attachment no invoice lists (schedules listing it leave it out of their later invoices)",
            handler: AttachmentActions.delete
        ).markedTransactionSafe()
        .example(["id": "{{attachment_id}}"])
        .answers(
            .conflict,
            when: LocalizedText(en: "an invoice lists the attachment", zh: "有发票列出了该附件", fa: "فاکتوری این پیوست را فهرست کرده است")),
    ]

    /// A store's invoicing settings (admins only: they include webhook secrets), and its time zone
    /// (anyone: the dashboard and clients show times in it).
    static let settings: [Route] = [
        Route(
            "settings", "view", access: .admin(), params: [MerchantParams.storeID],
            summary: "A store's invoicing settings", handler: StoreSettingsActions.view
        ).markedTransactionSafe().example(["store_id": 1]),
        Route(
            "settings", "save", access: .admin(), params: MerchantParams.settings,
            summary: "Change a store's currency, tax, numbering, gateways, secrets, PDF details and logo (store_logo: a PNG "
                + "of at most 48 KiB and 2000 pixels a side, as base64 text or a multipart file part; an empty string removes it)",
            handler: StoreSettingsActions.save
        ).markedTransactionSafe().example(["store_id": 1, "store_name": "Example Shop", "store_address": "1 Market Street, Shanghai", "store_tax_id": "91310000MA1K4A"]),
        Route(
            "settings", "timezone", access: .public, allowsGET: true, params: [MerchantParams.storeID],
            summary: "A store's time zone (the caller's store, else store_id) and its offset from UTC now",
            handler: StoreSettingsActions.timeZone
        ).markedTransactionSafe().example(["store_id": 1]),
    ]

    /// Signed payment events from gateways; the signature is the authentication.
    static let gateways: [Route] = [
        Route(
            "gateway", "stripe", access: .public, params: [MerchantParams.storeID],
            summary: "Stripe webhook events, verified by Stripe-Signature", handler: StripeIntake.handle),
        Route(
            "gateway", "paypal", access: .public, params: [MerchantParams.storeID],
            summary: "PayPal webhook events, verified by X-Signature with the shared secret", handler: PayPalIntake.handle),
    ]
}
