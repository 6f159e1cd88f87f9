/// A request's parameters: the query string and the body merged (the body wins), as ShopXO
/// clients send them - numbers often as strings ("12"), lists as "1,2,3" or arrays.
public struct Params: Sendable, Equatable {
    /// Every parameter by name.
    public private(set) var values: JSONObject
    /// Notes every name read through `self[name]` and the typed getters, when attached: the
    /// kernel's check that actions read only the parameters their routes declare.
    public var readLog: ParamReadLog?

    public init(_ values: JSONObject = JSONObject()) {
        self.values = values
    }

    /// The raw value of a parameter.
    public subscript(name: String) -> JSON? {
        get {
            readLog?.note(name)
            return values[name]
        }
        set { values[name] = newValue }
    }

    /// Equal when they hold the same parameters (the read log is not compared).
    public static func == (lhs: Params, rhs: Params) -> Bool {
        lhs.values == rhs.values
    }

    /// Number of top-level parameters.
    public var count: Int { values.count }

    /// Adds every parameter of `other`, replacing ones of the same name.
    public mutating func merge(_ other: Params) {
        for (key, value) in other.values { values[key] = value }
    }

    /// A string parameter; numbers are rendered. Nil when absent or null.
    public func string(_ name: String) -> String? {
        guard let value = self[name], !value.isNull else { return nil }
        return value.stringValue
    }

    /// A string parameter that must be present and non-empty.
    public func requiredString(_ name: String) throws(KernelError) -> String {
        guard let value = string(name), !value.isEmpty else { throw .badParameter(name, .missing) }
        return value
    }

    /// An integer parameter ("12" and 12 alike). Nil when absent or empty; throws when malformed.
    public func int(_ name: String) throws(KernelError) -> Int64? {
        guard let value = self[name], !value.isNull, value != .string("") else { return nil }
        guard let int = value.intValue else { throw .badParameter(name, .malformed) }
        return int
    }

    /// An integer parameter that must be present.
    public func requiredInt(_ name: String) throws(KernelError) -> Int64 {
        guard let value = try int(name) else { throw .badParameter(name, .missing) }
        return value
    }

    /// A boolean parameter (true/false, 1/0, "1"/"0"). Nil when absent.
    public func bool(_ name: String) throws(KernelError) -> Bool? {
        guard let value = self[name], !value.isNull else { return nil }
        guard let bool = value.boolValue else { throw .badParameter(name, .malformed) }
        return bool
    }

    /// A list of ids sent as an array, as "1,2,3", or as one number. Empty when absent.
    public func ids(_ name: String) throws(KernelError) -> [Int64] {
        guard let value = self[name], !value.isNull else { return [] }
        let parts: [JSON]
        switch value {
        case .array(let elements): parts = elements
        case .string(let text):
            parts = text.split(separator: ",").map { .string(String($0)) }
        default: parts = [value]
        }
        var ids: [Int64] = []
        for part in parts {
            guard let id = part.intValue, id > 0 else { throw .badParameter(name, .malformed) }
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }
}
