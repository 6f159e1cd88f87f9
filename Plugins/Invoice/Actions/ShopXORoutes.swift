import PluginSDK

/// ShopXO's invoice plugin actions, answered the way its app and admin expect. Every parameter
/// they read is declared (for the OpenAPI document) but checked by the actions themselves, so
/// bad input keeps ShopXO's own answers.
enum ShopXORoutes {
    /// Control `user`: the caller's tax-invoice applications (center, saveinfo, save, index, detail, delete).
    static let user: [Route] = [
        Route("user", "center", access: .user, summary: "What the app loads first: the config, the status tabs and the kinds of business the user may apply for", handler: UserCenter.handle).markedTransactionSafe(),
        Route(
            "user", "saveinfo", access: .user, params: shopxo(selection + [editID, application]),
            summary: "What an application for these orders would hold (amount, invoice types, contents)", handler: SaveInfo.handle
        ).markedTransactionSafe().example(["ids": "{{invoice_id}}", "type": "0"]),
        Route(
            "user", "save", access: .user, params: shopxo(selection + [editID] + form), summary: "Apply for a tax invoice for paid orders",
            handler: SaveApplication.handle
        ).markedTransactionSafe()
        .described(zh: "为已支付订单申请发票", fa: "درخواست فاکتور مالیاتی برای سفارش‌های پرداخت‌شده")
        .example([
            "ids": "{{invoice_id}}", "type": "0", "invoice_type": 0, "apply_type": 0, "invoice_content": "商品明细", "invoice_title": "Bob",
            "email": "bob@example.com",
        ]),
        Route(
            "user", "index", access: .user, params: shopxo(paging + applicationFilters), summary: "The caller's applications, newest first",
            handler: UserIndex.handle
        ).markedTransactionSafe().example(["page": 1], saves: [("application_id", "data_list.0.id")]),
        Route("user", "detail", access: .user, params: shopxo([applicationID]), summary: "One of the caller's applications", handler: UserDetail.handle).markedTransactionSafe()
            .example(["id": "{{application_id}}"]),
        Route(
            "user", "delete", access: .user, params: shopxo(deletion), summary: "Delete the caller's pending or refused applications, releasing their orders (all or nothing)",
            handler: DeleteApplications.handle
        ).markedTransactionSafe().example(["ids": "999"]),
    ]

    /// Controls `order` and `recharge`: the caller's orders and recharges (index, detail).
    static let orders: [Route] = [
        Route(
            "order", "index", access: .user, params: shopxo(paging + businessFilters), summary: "The caller's paid orders, newest first",
            handler: BusinessList.orders
        ).markedTransactionSafe().example(["page": 1]),
        Route("order", "detail", access: .user, params: shopxo([businessID]), summary: "One of the caller's orders", handler: BusinessDetail.order).markedTransactionSafe()
            .example(["id": "{{invoice_id}}"]),
        Route(
            "recharge", "index", access: .user, params: shopxo(paging + businessFilters), summary: "The caller's paid recharges, newest first",
            handler: BusinessList.recharges
        ).markedTransactionSafe().example(["page": 1]),
        Route("recharge", "detail", access: .user, params: shopxo([businessID]), summary: "One of the caller's recharges", handler: BusinessDetail.recharge).markedTransactionSafe()
            .example(["id": "{{invoice_id}}"]),
    ]

    /// Controls `admin` (config) and `invoice` (review and issue applications).
    static let admin: [Route] = [
        Route("admin", "index", access: .admin(), summary: "The plugin's ShopXO config, as shown", handler: AdminIndex.handle).markedTransactionSafe(),
        Route("admin", "saveinfo", access: .admin(), summary: "The config form: the current values and the choices it offers", handler: AdminSaveInfo.handle).markedTransactionSafe(),
        Route("admin", "save", access: .admin(), params: shopxo(config), summary: "Save the plugin's ShopXO config", handler: AdminSave.handle)
            .example(["is_invoice_order": "1", "can_invoice_type": ["0", "1"]]),
        Route(
            "invoice", "index", access: .admin(),
            params: shopxo(paging + applicationFilters + [.integer("user_id"), MerchantParams.storeID]), summary: "Applications to review, newest first",
            handler: AdminIndexApplications.handle
        ).markedTransactionSafe().example(["page": 1]),
        Route("invoice", "detail", access: .admin(), params: shopxo([applicationID]), summary: "One application", handler: AdminDetail.handle).markedTransactionSafe()
            .example(["id": "{{application_id}}"]),
        Route("invoice", "auditinfo", access: .admin(), params: shopxo([applicationID]), summary: "An application, for its review form", handler: AuditInfo.handle).markedTransactionSafe()
            .example(["id": "{{application_id}}"]),
        Route(
            "invoice", "audit", access: .admin(),
            params: shopxo([
                applicationID, .integer("status", allowed: ["1", "2"], "1 approve, 2 refuse"),
                .string("refuse_reason", maxLength: 230, "Why it was refused (needed to refuse)"),
            ]),
            summary: "Approve or refuse an application", handler: AuditApplication.handle
        ).markedTransactionSafe().example(["id": "{{application_id}}", "status": 1]),
        Route("invoice", "issueinfo", access: .admin(), params: shopxo([applicationID]), summary: "An approved application, for its issue form", handler: IssueInfo.handle).markedTransactionSafe()
            .example(["id": "{{application_id}}"]),
        Route(
            "invoice", "issue", access: .admin(),
            params: shopxo([
                applicationID, .array("electronic_invoice", "E-invoices: [{title, url}]"), .string("express_name", maxLength: 60),
                .string("express_number", maxLength: 60),
            ]),
            summary: "Issue an approved application: e-invoice links, or the parcel's carrier and number", handler: IssueApplication.handle
        ).markedTransactionSafe().example([
            "id": "{{application_id}}",
            "electronic_invoice": [["title": "Invoice {{invoice_number}}", "url": "https://shop.example.com/e-invoices/1001.pdf"]],
        ]),
        Route("invoice", "delete", access: .admin(), params: shopxo(deletion), summary: "Delete applications whatever their status, releasing their orders (all or nothing)", handler: AdminDelete.handle).markedTransactionSafe()
            .example(["ids": "999"]),
    ]

    /// The same parameters, checked by the action (ShopXO's answers) rather than the kernel.
    private static func shopxo(_ params: [Param]) -> [Param] { params.map { $0.checkedByTheAction() } }

    private static let paging: [Param] = [.integer("page", "Page, from 1"), .integer("page_size", allowed: ["10", "20", "50"], "Rows a page (20)")]
    private static let applicationID = Param.integer("id", required: true, "The application's id")
    private static let businessID = Param.integer("id", required: true, "The order's or recharge's id")
    private static let editID = Param.integer("id", "An application to edit (refused ones only)")
    private static let application = Param.string("application", "ShopXO's client: app, or web")
    private static let deletion: [Param] = [.ids("ids", "Applications to delete"), .ids("id", "One application to delete")]
    private static let applicationFilters: [Param] = [
        .integer("status", "-1 all, 0 pending, 1 approved, 2 issued, 3 refused"),
        .string("business_type", "-1 all, 0 orders, 1 recharges"),
    ]
    private static let businessFilters: [Param] = [
        .string("status", allowed: InvoiceStatus.allCases.map(\.rawValue), "Payment status; default paid and partially refunded"),
        .string("start_time", maxLength: 40, "Paid at or after: Unix seconds, ISO 8601 or YYYY-MM-DD"),
        .string("end_time", maxLength: 40, "Paid at or before (a bare date means the whole day)"),
        .string("payment", maxLength: 32, "Gateway: stripe, paypal, balance, ..."),
    ]
    private static let selection: [Param] = [
        .string("type", "0 or order, 1 or recharge"), .ids("ids", "The orders or recharges to invoice"),
    ]
    private static let form: [Param] =
        [
            .integer("invoice_type", "0 e-invoice (normal), 1 paper (normal), 2 e-invoice (special), 3 paper (special)"),
            .integer("apply_type", "0 person, 1 company"),
        ] + ApplicationForm.textFields.map { Param.string($0, maxLength: ApplicationFormInput.maxLengths[$0] ?? 200) }
    private static let config: [Param] =
        ShopXOConfig.flagKeys.map { Param.string($0, allowed: ["0", "1"]) }
        + ShopXOConfig.minuteKeys.map { Param.string($0, "Minutes, or empty") }
        + [
            .array("can_invoice_type", maxCount: 4, "Invoice types offered: \"0\"..\"3\""),
            .array("invoice_content_type", maxCount: ConfigInput.maxEntries), .array("invoice_desc", maxCount: ConfigInput.maxEntries),
        ]
}
