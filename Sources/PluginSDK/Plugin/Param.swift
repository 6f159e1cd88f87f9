/// A parameter an action declares: its name, type and limits. The kernel checks declared
/// parameters before the handler runs (a problem answers -5000 naming the parameter), and the
/// OpenAPI document at `/api/openapi.json` is built from them. Undeclared parameters still reach
/// the handler (ShopXO's common parameters, for instance).
public struct Param: Sendable, Equatable {
    /// The JSON shapes a parameter may take.
    public enum Kind: String, Sendable, Equatable {
        /// Text (a number is accepted and read as text, as ShopXO clients send ids).
        case string
        /// A whole number, or text holding one.
        case integer
        /// A money amount as a decimal string ("12.50") or number.
        case decimal
        /// true/false, 1/0, "1"/"0".
        case boolean
        /// A list of ids: an array, "1,2,3", or one number.
        case ids
        /// A JSON array (or its JSON text, from form clients).
        case array
        /// A JSON object (or its JSON text).
        case object
    }

    public let name: String
    public let kind: Kind
    public let required: Bool
    /// Longest text in characters, or most elements of an array.
    public let maxLength: Int?
    /// Smallest and largest integer.
    public let range: ClosedRange<Int64>?
    /// The only values accepted, when the set is closed.
    public let allowed: [String]?
    public let summary: String
    /// Declared (documented, and allowed to be read) but checked by the action itself, not by
    /// the kernel: ShopXO's actions answer bad input with ShopXO's own messages.
    public private(set) var checkedByAction = false

    public init(
        _ name: String, _ kind: Kind, required: Bool = false, maxLength: Int? = nil, range: ClosedRange<Int64>? = nil,
        allowed: [String]? = nil, summary: String = ""
    ) {
        self.name = name
        self.kind = kind
        self.required = required
        self.maxLength = maxLength ?? (kind == .string ? 255 : nil)
        self.range = range
        self.allowed = allowed
        self.summary = summary
    }

    /// This parameter, left for the action to check (see `checkedByAction`).
    public func checkedByTheAction() -> Param {
        var param = self
        param.checkedByAction = true
        return param
    }

    /// Text of at most `maxLength` characters.
    public static func string(_ name: String, required: Bool = false, maxLength: Int = 255, allowed: [String]? = nil, _ summary: String = "") -> Param {
        Param(name, .string, required: required, maxLength: maxLength, allowed: allowed, summary: summary)
    }

    /// A whole number within `range`.
    public static func integer(_ name: String, required: Bool = false, range: ClosedRange<Int64>? = nil, allowed: [String]? = nil, _ summary: String = "") -> Param {
        Param(name, .integer, required: required, range: range, allowed: allowed, summary: summary)
    }

    /// A money amount ("12.50").
    public static func decimal(_ name: String, required: Bool = false, _ summary: String = "") -> Param {
        Param(name, .decimal, required: required, summary: summary)
    }

    /// A flag.
    public static func boolean(_ name: String, required: Bool = false, _ summary: String = "") -> Param {
        Param(name, .boolean, required: required, summary: summary)
    }

    /// A list of ids.
    public static func ids(_ name: String, required: Bool = false, _ summary: String = "") -> Param {
        Param(name, .ids, required: required, maxLength: 500, summary: summary)
    }

    /// A JSON array of at most `maxCount` elements.
    public static func array(_ name: String, required: Bool = false, maxCount: Int = 500, _ summary: String = "") -> Param {
        Param(name, .array, required: required, maxLength: maxCount, summary: summary)
    }

    /// A JSON object.
    public static func object(_ name: String, required: Bool = false, _ summary: String = "") -> Param {
        Param(name, .object, required: required, summary: summary)
    }
}
