import PluginSDK

/// One key a configuration file may hold: its name, what its value may be, and where the value
/// goes. A configuration lists its keys once, in a table (`ServerConfiguration.keys`); adding a
/// setting is its property plus one line there. `ConfigReader` refuses keys the table lacks and
/// values that do not fit.
public struct ConfigKey<Root>: Sendable {
    /// The key as written in the file.
    public let name: String
    /// What the value may be, as a person reads it ("an integer from 1 to 65535").
    public let expected: String
    let read: @Sendable (inout Root, JSON, _ path: String) throws(ConfigProblem) -> Void

    /// A key read by `read`, which stores the value or throws a `ConfigProblem`.
    public init(_ name: String, expected: String, read: @escaping @Sendable (inout Root, JSON, _ path: String) throws(ConfigProblem) -> Void) {
        self.name = name
        self.expected = expected
        self.read = read
    }

    /// Text; with `allowed`, one of those values (compared without regard to case, stored as listed).
    public static func string(_ name: String, _ path: any WritableKeyPath<Root, String> & Sendable, allowed: [String]? = nil) -> ConfigKey {
        let expected = allowed.map { "one of " + $0.joined(separator: ", ") } ?? "a string"
        return ConfigKey(name, expected: expected) { root, value, key throws(ConfigProblem) in
            guard case .string(let text) = value else { throw .badValue(key, expected: expected, got: value) }
            guard let allowed else {
                root[keyPath: path] = text
                return
            }
            guard let match = allowed.first(where: { $0.lowercased() == text.lowercased() }) else {
                throw .badValue(key, expected: expected, got: value)
            }
            root[keyPath: path] = match
        }
    }

    /// An IANA time zone name ("UTC", "Asia/Shanghai"), spelled exactly.
    public static func timeZone(_ name: String, _ path: any WritableKeyPath<Root, String> & Sendable) -> ConfigKey {
        let expected = "an IANA time zone name (UTC, Asia/Shanghai, Europe/Berlin, ...)"
        return ConfigKey(name, expected: expected) { root, value, key throws(ConfigProblem) in
            guard case .string(let text) = value, TimeZoneRules.named(text) != nil else { throw .badValue(key, expected: expected, got: value) }
            root[keyPath: path] = text
        }
    }

    /// Text that may be left out (the property stays nil then).
    public static func optionalString(_ name: String, _ path: any WritableKeyPath<Root, String?> & Sendable) -> ConfigKey {
        ConfigKey(name, expected: "a string") { root, value, key throws(ConfigProblem) in
            guard case .string(let text) = value else { throw .badValue(key, expected: "a string", got: value) }
            root[keyPath: path] = text
        }
    }

    /// One of an enumeration's cases by name (compared without regard to case); the property
    /// stays nil when the key is left out.
    public static func choice<Value: RawRepresentable<String> & CaseIterable & Sendable>(
        _ name: String, _ path: any WritableKeyPath<Root, Value?> & Sendable
    ) -> ConfigKey {
        let expected = "one of " + Value.allCases.map(\.rawValue).joined(separator: ", ")
        return ConfigKey(name, expected: expected) { root, value, key throws(ConfigProblem) in
            guard case .string(let text) = value, let match = Value.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() })
            else { throw .badValue(key, expected: expected, got: value) }
            root[keyPath: path] = match
        }
    }

    /// A whole number within `range`.
    public static func integer<Value: FixedWidthInteger & Sendable>(
        _ name: String, _ path: any WritableKeyPath<Root, Value> & Sendable, range: ClosedRange<Value>
    ) -> ConfigKey {
        let expected =
            range.upperBound == Value.max ? "an integer of at least \(range.lowerBound)" : "an integer from \(range.lowerBound) to \(range.upperBound)"
        return ConfigKey(name, expected: expected) { root, value, key throws(ConfigProblem) in
            guard case .int(let number) = value, let exact = Value(exactly: number), range.contains(exact) else {
                throw .badValue(key, expected: expected, got: value)
            }
            root[keyPath: path] = exact
        }
    }

    /// true or false.
    public static func boolean(_ name: String, _ path: any WritableKeyPath<Root, Bool> & Sendable) -> ConfigKey {
        ConfigKey(name, expected: "true or false") { root, value, key throws(ConfigProblem) in
            guard case .bool(let flag) = value else { throw .badValue(key, expected: "true or false", got: value) }
            root[keyPath: path] = flag
        }
    }

    /// An array of strings.
    public static func strings(_ name: String, _ path: any WritableKeyPath<Root, [String]> & Sendable) -> ConfigKey {
        let expected = "an array of strings"
        return ConfigKey(name, expected: expected) { root, value, key throws(ConfigProblem) in
            guard case .array(let elements) = value else { throw .badValue(key, expected: expected, got: value) }
            var texts: [String] = []
            for element in elements {
                guard case .string(let text) = element else { throw .badValue(key, expected: expected, got: value) }
                texts.append(text)
            }
            root[keyPath: path] = texts
        }
    }

    /// An object read with its own key table into a value that starts as `blank`; the keys in
    /// `required` must be present.
    public static func section<Section: Sendable>(
        _ name: String, _ path: any WritableKeyPath<Root, Section?> & Sendable, keys: [ConfigKey<Section>], blank: Section,
        required: [String] = []
    ) -> ConfigKey {
        ConfigKey(name, expected: "an object") { root, value, key throws(ConfigProblem) in
            var section = blank
            try ConfigReader.apply(value, to: &section, keys: keys, prefix: key + ".")
            for needed in required where value[needed] == nil { throw .missing(key + "." + needed) }
            root[keyPath: path] = section
        }
    }
}
