import PluginSDK

/// The copy plugin: PayPing's `/v2/invoice/Copy`. Bills an existing invoice or schedule again to
/// other customers, through the kernel's services (`schedule.*`, `invoice.lines`): it owns no
/// tables and imports no other plugin.
public struct CopyPlugin: Plugin {
    public init() {}

    public let manifest = PluginManifest(
        name: "copy", title: "Copy", version: "1.0.0", author: "invoice-server",
        description: "Copy an invoice or a schedule to other customers.", clientTypes: ["pc", "h5", "ios", "android"])

    public var routes: [Route] {
        [
            Route(
                "merchant", "copy", access: .apiKey(scope: "schedules"),
                params: [
                    .string("Code", maxLength: 64, "The invoice number or schedule code to copy"),
                    .string("SendDate", maxLength: 40, "ISO 8601: when the copies are sent"),
                    .array("CustomerCodes", maxCount: 1_000, "Codes of existing customers"),
                    .integer("store_id", range: 1...Int64.max),
                ] + lowerCaseSpellings,
                summary: "One new invoice (or schedule) per customer; all or nothing", handler: CopyAction.handle
            )
            .described(zh: "为每位客户生成一张新发票（或新计划）；全部成功或全部不做", fa: "برای هر مشتری یک فاکتور (یا زمان‌بندی) تازه؛ همه یا هیچ")
            .example(["Code": "SUB-2031-01", "SendDate": "2031-02-01T09:00:00Z", "CustomerCodes": ["cust-1"]])
        ]
    }

    /// The other spellings `merchant/copy` reads (camelCase and snake_case), checked by the action.
    private var lowerCaseSpellings: [Param] {
        [
            Param.string("code", maxLength: 64), .string("sendDate", maxLength: 40), .string("send_date", maxLength: 40),
            .array("customerCodes", maxCount: 1_000), .array("customer_codes", maxCount: 1_000),
        ].map { $0.checkedByTheAction() }
    }
}
