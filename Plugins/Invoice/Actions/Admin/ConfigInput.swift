import PluginSDK

/// Reads the ShopXO config keys an admin sends to `admin/save`; keys not sent keep their value.
/// Flags are "0"/"1", minutes "" or a whole number, `can_invoice_type` one or more of "0".."3",
/// the text lists at most 50 non-empty entries of at most 200 characters (an array, or lines of
/// text from a form).
enum ConfigInput {
    static let maxEntries = 50
    static let maxEntryLength = 200
    static let maxMinutes: Int64 = 100_000_000

    /// The values sent, normalized as ShopXO answers them.
    static func read(_ params: Params) throws -> JSONObject {
        var values = JSONObject()
        for key in ShopXOConfig.flagKeys {
            guard let value = params[key] else { continue }
            values[key] = .string(try flag(value, key: key))
        }
        for key in ShopXOConfig.minuteKeys {
            guard let value = params[key] else { continue }
            values[key] = .string(try minutes(value, key: key))
        }
        if let value = params["can_invoice_type"] {
            values["can_invoice_type"] = .array(try invoiceTypes(value).map { .string(String($0.rawValue)) })
        }
        for key in ["invoice_content_type", "invoice_desc"] {
            guard let value = params[key] else { continue }
            values[key] = .array(try lines(value, key: key).map { .string($0) })
        }
        return values
    }

    private static func flag(_ value: JSON, key: String) throws -> String {
        switch value {
        case .bool(let on): return on ? "1" : "0"
        case .int(0), .string("0"): return "0"
        case .int(1), .string("1"): return "1"
        default: throw ApplicationMessages.configInvalid(key, ApplicationMessages.acceptsFlag)
        }
    }

    private static func minutes(_ value: JSON, key: String) throws -> String {
        if value.isNull || value == .string("") { return "" }
        let text = value.stringValue?.trimmingCharacters() ?? ""
        guard text.utf8.allSatisfy({ (48...57).contains($0) }), let number = Int64(text), number <= maxMinutes else {
            throw ApplicationMessages.configInvalid(key, ApplicationMessages.acceptsMinutes)
        }
        return String(number)
    }

    private static func invoiceTypes(_ value: JSON) throws -> [TaxInvoiceType] {
        let parts: [JSON] = value.arrayValue ?? (value.stringValue ?? "").split(separator: ",").map { .string(String($0)) }
        var types = Set<TaxInvoiceType>()
        for part in parts {
            guard let text = part.stringValue?.trimmingCharacters(), text.utf8.count == 1, let number = Int64(text),
                let type = TaxInvoiceType(rawValue: number)
            else { throw ApplicationMessages.configInvalid("can_invoice_type", ApplicationMessages.acceptsInvoiceTypes) }
            types.insert(type)
        }
        guard !types.isEmpty else { throw ApplicationMessages.configInvalid("can_invoice_type", ApplicationMessages.acceptsInvoiceTypes) }
        return types.sorted { $0.rawValue < $1.rawValue }
    }

    private static func lines(_ value: JSON, key: String) throws -> [String] {
        let entries: [String]
        if let array = value.arrayValue {
            entries = try array.map { item in
                guard let text = item.stringValue?.trimmingCharacters(), !text.isEmpty else {
                    throw ApplicationMessages.configInvalid(key, ApplicationMessages.acceptsLines)
                }
                return text
            }
        } else if let text = value.stringValue {
            entries = text.split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters() }.filter { !$0.isEmpty }
        } else if value.isNull {
            entries = []
        } else {
            throw ApplicationMessages.configInvalid(key, ApplicationMessages.acceptsLines)
        }
        guard entries.count <= maxEntries, entries.allSatisfy({ $0.count <= maxEntryLength }) else {
            throw ApplicationMessages.configInvalid(key, ApplicationMessages.acceptsLines)
        }
        return entries
    }
}
