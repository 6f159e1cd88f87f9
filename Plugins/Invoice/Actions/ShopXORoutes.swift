import PluginSDK

/// ShopXO's invoice plugin actions, answered the way its app and admin expect. Every parameter
/// they read is declared (for the OpenAPI document) but checked by the actions themselves, so
/// bad input keeps ShopXO's own answers.
enum ShopXORoutes {
    /// Control `user`: the caller's tax-invoice applications (center, index, detail, saveinfo, save, delete).
    static let user: [Route] = [
        Route("user", "center", access: .user, handler: UserCenter.handle).markedTransactionSafe(),
        Route("user", "index", access: .user, params: shopxo(paging + applicationFilters), handler: UserIndex.handle).markedTransactionSafe(),
        Route("user", "detail", access: .user, params: shopxo([applicationID]), handler: UserDetail.handle).markedTransactionSafe(),
        Route("user", "saveinfo", access: .user, params: shopxo(selection + [editID, application]), handler: SaveInfo.handle).markedTransactionSafe(),
        Route("user", "save", access: .user, params: shopxo(selection + [editID] + form), handler: SaveApplication.handle).markedTransactionSafe(),
        Route("user", "delete", access: .user, params: shopxo(deletion), handler: DeleteApplications.handle).markedTransactionSafe(),
    ]

    /// Controls `order` and `recharge`: the caller's orders and recharges (index, detail).
    static let orders: [Route] = [
        Route("order", "index", access: .user, params: shopxo(paging + businessFilters), handler: BusinessList.orders).markedTransactionSafe(),
        Route("order", "detail", access: .user, params: shopxo([businessID]), handler: BusinessDetail.order).markedTransactionSafe(),
        Route("recharge", "index", access: .user, params: shopxo(paging + businessFilters), handler: BusinessList.recharges).markedTransactionSafe(),
        Route("recharge", "detail", access: .user, params: shopxo([businessID]), handler: BusinessDetail.recharge).markedTransactionSafe(),
    ]

    /// Controls `admin` (config) and `invoice` (review and issue applications).
    static let admin: [Route] = [
        Route("admin", "index", access: .admin(), handler: AdminIndex.handle).markedTransactionSafe(),
        Route("admin", "saveinfo", access: .admin(), handler: AdminSaveInfo.handle).markedTransactionSafe(),
        Route("admin", "save", access: .admin(), params: shopxo(config), handler: AdminSave.handle),
        Route(
            "invoice", "index", access: .admin(),
            params: shopxo(paging + applicationFilters + [.integer("user_id"), MerchantParams.storeID]), handler: AdminIndexApplications.handle).markedTransactionSafe(),
        Route("invoice", "detail", access: .admin(), params: shopxo([applicationID]), handler: AdminDetail.handle).markedTransactionSafe(),
        Route("invoice", "auditinfo", access: .admin(), params: shopxo([applicationID]), handler: AuditInfo.handle).markedTransactionSafe(),
        Route(
            "invoice", "audit", access: .admin(),
            params: shopxo([
                applicationID, .integer("status", allowed: ["1", "2"], "1 approve, 2 refuse"),
                .string("refuse_reason", maxLength: 230, "Why it was refused (needed to refuse)"),
            ]),
            handler: AuditApplication.handle).markedTransactionSafe(),
        Route("invoice", "issueinfo", access: .admin(), params: shopxo([applicationID]), handler: IssueInfo.handle).markedTransactionSafe(),
        Route(
            "invoice", "issue", access: .admin(),
            params: shopxo([
                applicationID, .array("electronic_invoice", "E-invoices: [{title, url}]"), .string("express_name", maxLength: 60),
                .string("express_number", maxLength: 60),
            ]),
            handler: IssueApplication.handle).markedTransactionSafe(),
        Route("invoice", "delete", access: .admin(), params: shopxo(deletion), handler: AdminDelete.handle).markedTransactionSafe(),
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
