import PluginSDK

/// Checks a request's parameters against what its route declares, before the handler runs.
enum ParamValidator {
    static func check(_ params: Params, against declared: [Param]) throws(KernelError) {
        for spec in declared where !spec.checkedByAction {
            guard let value = params[spec.name], !value.isNull, value != .string("") else {
                if spec.required { throw .badParameter(spec.name, .missing) }
                continue
            }
            try check(value, spec)
        }
    }

    private static func check(_ value: JSON, _ spec: Param) throws(KernelError) {
        let name = spec.name
        switch spec.kind {
        case .string:
            guard let text = value.stringValue else { throw .badParameter(name, .malformed) }
            if let max = spec.maxLength, text.count > max { throw .badParameter(name, .tooLong(maxBytes: max)) }
            if let allowed = spec.allowed, !allowed.contains(text) { throw .badParameter(name, .notOneOf(allowed)) }
        case .integer:
            guard let number = value.intValue else { throw .badParameter(name, .malformed) }
            if let range = spec.range, !range.contains(number) { throw .badParameter(name, .outOfRange(range)) }
            if let allowed = spec.allowed, !allowed.contains(String(number)) { throw .badParameter(name, .notOneOf(allowed)) }
        case .decimal:
            guard let text = value.stringValue, isDecimal(text) else { throw .badParameter(name, .malformed) }
        case .boolean:
            guard value.boolValue != nil else { throw .badParameter(name, .malformed) }
        case .ids:
            let ids = try Params([name: value]).ids(name)
            if let max = spec.maxLength, ids.count > max { throw .badParameter(name, .outOfRange(1...Int64(max))) }
        case .array:
            guard let elements = structured(value)?.arrayValue else { throw .badParameter(name, .malformed) }
            if let max = spec.maxLength, elements.count > max { throw .badParameter(name, .outOfRange(0...Int64(max))) }
        case .object:
            guard structured(value)?.objectValue != nil else { throw .badParameter(name, .malformed) }
        }
    }

    /// An array or object, or JSON text holding one (form clients send JSON as text).
    private static func structured(_ value: JSON) -> JSON? {
        switch value {
        case .array, .object: return value
        case .string(let text): return try? JSON.parse(Array(text.utf8))
        default: return nil
        }
    }

    /// Digits with at most one point and four decimals: "12", "12.5", "0.0001".
    private static func isDecimal(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, (1...13).contains(whole.count),
            whole.utf8.allSatisfy({ (48...57).contains($0) })
        else { return false }
        guard parts.count == 2 else { return true }
        return (1...4).contains(parts[1].count) && parts[1].utf8.allSatisfy { (48...57).contains($0) }
    }
}
