/// The name of an event: `^[a-z0-9_.]{1,60}$`, by convention `<plugin>.<what happened>`
/// (`invoice.paid`). The plugins that publish events declare their names in a contracts target
/// (the invoice plugin's are in `Contracts`); the kernel itself names none.
public struct EventName: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Whether `name` may name an event.
    public static func isValid(_ name: String) -> Bool {
        let bytes = name.utf8
        return (1...60).contains(bytes.count)
            && bytes.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 95 || $0 == 46 }
    }
}

/// Something that happened, told to the listeners of its name: a JSON payload (what remote
/// plugins and webhooks receive as is) and the store it happened in.
public struct HookEvent: Sendable {
    public let name: String
    public let storeID: Int64?
    public let payload: JSON

    public init(_ name: EventName, storeID: Int64? = nil, payload: JSON) {
        self.name = name.rawValue
        self.storeID = storeID
        self.payload = payload
    }
}
