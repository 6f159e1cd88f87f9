/// A JSON value as the kernel passes it around: request parameters in, envelope data out.
/// Objects keep their key order so answers read the same every time.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)

    /// An empty object, `{}`.
    public static var emptyObject: JSON { .object(JSONObject()) }

    /// The member of an object, or nil.
    public subscript(key: String) -> JSON? {
        guard case .object(let object) = self else { return nil }
        return object[key]
    }

    /// A string or number rendered as text; nil for null, bools, arrays and objects.
    public var stringValue: String? {
        switch self {
        case .string(let value): value
        case .int(let value): String(value)
        case .double(let value): value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        default: nil
        }
    }

    /// An integer, or a string or whole double holding one ("12" -> 12, as ShopXO clients send).
    public var intValue: Int64? {
        switch self {
        case .int(let value): value
        case .double(let value): Int64(exactly: value)
        case .string(let value): Int64(value.trimmingSpaces)
        case .bool(let value): value ? 1 : 0
        default: nil
        }
    }

    /// A bool, or 1/0, "1"/"0", "true"/"false".
    public var boolValue: Bool? {
        switch self {
        case .bool(let value): value
        case .int(let value): value != 0
        case .string(let value):
            switch value.lowercased() {
            case "1", "true", "yes", "on": true
            case "0", "false", "no", "off", "": false
            default: nil
            }
        default: nil
        }
    }

    /// The elements of an array.
    public var arrayValue: [JSON]? {
        guard case .array(let values) = self else { return nil }
        return values
    }

    /// The members of an object.
    public var objectValue: JSONObject? {
        guard case .object(let object) = self else { return nil }
        return object
    }

    /// True for `null`.
    public var isNull: Bool { self == .null }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, JSON)...) { self = .object(JSONObject(elements)) }
}

extension JSON {
    /// An integer value.
    public init(_ value: Int) { self = .int(Int64(value)) }
    /// A string, or null when nil.
    public init(_ value: String?) { self = value.map { .string($0) } ?? .null }
}

/// The members of a JSON object, in insertion order. Kept as a list of pairs: objects here are
/// small (a request's parameters are capped at 256), and a list builds far faster than a hash
/// table while a lookup among a few dozen keys stays cheap.
public struct JSONObject: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    private var pairs: [(key: String, value: JSON)] = []

    public init() {}

    /// An object of these members; a repeated key keeps its first place and its last value.
    public init(_ pairs: [(String, JSON)]) {
        self.pairs.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    public init(dictionaryLiteral elements: (String, JSON)...) {
        pairs = elements.map { (key: $0.0, value: $0.1) }
    }

    /// Members already known to have distinct keys (a decoder's output), taken as they are.
    init(uniqueKeysWithValues pairs: [(String, JSON)]) {
        self.pairs = pairs.map { (key: $0.0, value: $0.1) }
    }

    /// A member's value; setting a new key appends it, setting nil removes it.
    public subscript(key: String) -> JSON? {
        get { pairs.first { $0.key == key }?.value }
        set {
            if let index = pairs.firstIndex(where: { $0.key == key }) {
                if let newValue { pairs[index].value = newValue } else { pairs.remove(at: index) }
            } else if let newValue {
                pairs.append((key: key, value: newValue))
            }
        }
    }

    /// Number of members.
    public var count: Int { pairs.count }
    public var isEmpty: Bool { pairs.isEmpty }
    /// The keys in order.
    public var orderedKeys: [String] { pairs.map(\.key) }

    public func makeIterator() -> IndexingIterator<[(key: String, value: JSON)]> {
        pairs.makeIterator()
    }

    /// Equal when they have the same members, whatever their order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.pairs.allSatisfy { pair in rhs[pair.key] == pair.value }
    }
}

extension String {
    var trimmingSpaces: Substring {
        var slice = self[...]
        while let first = slice.first, first == " " { slice = slice.dropFirst() }
        while let last = slice.last, last == " " { slice = slice.dropLast() }
        return slice
    }
}
