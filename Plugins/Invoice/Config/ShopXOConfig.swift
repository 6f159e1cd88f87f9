import PluginSDK

/// The plugin config's ShopXO keys as ShopXO answers them: flags and minutes as strings, lists as
/// arrays of strings, each falling back to the shipped default.
struct ShopXOConfig: Sendable {
    static let flagKeys = [
        "is_invoice_order", "is_invoice_recharge", "is_order_submit_invoice", "is_user_quick_select",
        "is_app_invoice_default_last_info", "is_web_invoice_default_last_info",
    ]
    static let minuteKeys = ["order_success_start_time", "order_add_max_time", "recharge_add_max_time"]
    static let listKeys = ["can_invoice_type", "invoice_content_type", "invoice_desc"]
    /// Every ShopXO key, in the order ShopXO answers them.
    static let keys = [
        "is_invoice_order", "is_invoice_recharge", "is_order_submit_invoice", "order_success_start_time",
        "order_add_max_time", "recharge_add_max_time", "can_invoice_type", "invoice_content_type", "invoice_desc",
        "is_user_quick_select", "is_app_invoice_default_last_info", "is_web_invoice_default_last_info",
    ]

    /// The ShopXO keys with their normalized values.
    let values: JSONObject

    init(_ config: JSON) {
        var values = JSONObject()
        for key in Self.keys {
            let value = config[key] ?? InvoiceConfig.defaults[key] ?? .null
            values[key] = Self.listKeys.contains(key) ? .array(Self.strings(value).map { .string($0) }) : .string(Self.text(value))
        }
        self.values = values
    }

    var json: JSON { .object(values) }

    /// Whether a "0"/"1" flag is on.
    func flag(_ key: String) -> Bool { values[key]?.stringValue == "1" }

    /// A minutes setting; nil when empty.
    func minutes(_ key: String) -> Int64? { values[key]?.stringValue.flatMap { Int64($0) } }

    /// A list setting's entries.
    func list(_ key: String) -> [String] { values[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }

    /// The invoice types users may pick.
    var invoiceTypes: [TaxInvoiceType] {
        list("can_invoice_type").compactMap { Int64($0).flatMap(TaxInvoiceType.init(rawValue:)) }
    }

    /// Whether users may apply for invoices over this kind of business.
    func offers(_ kind: InvoiceKind) -> Bool {
        flag(kind == .order ? "is_invoice_order" : "is_invoice_recharge")
    }

    /// A flag or minutes value as a string ("1" for true, "" for null).
    private static func text(_ value: JSON) -> String {
        if case .bool(let bool) = value { return bool ? "1" : "0" }
        return value.stringValue ?? ""
    }

    /// A list value: an array, or lines of text.
    private static func strings(_ value: JSON) -> [String] {
        if let array = value.arrayValue { return array.compactMap(\.stringValue) }
        return (value.stringValue ?? "").split(whereSeparator: \.isNewline).map(String.init)
    }
}
