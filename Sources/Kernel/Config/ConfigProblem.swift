import PluginSDK

/// What is wrong with a configuration file's content, naming the key (dotted inside sections).
public struct ConfigProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }

    /// A key the configuration does not have; names the nearest known key when one is close.
    static func unknownKey(_ key: String, known: [String]) -> ConfigProblem {
        let name = key.split(separator: ".").last.map(String.init) ?? key
        if let nearest = NearestName.find(name, among: known) {
            return ConfigProblem("unknown key \"\(key)\"; did you mean \"\(nearest)\"?")
        }
        return ConfigProblem("unknown key \"\(key)\"; known keys: " + known.sorted().joined(separator: ", "))
    }

    /// A value that does not fit its key.
    public static func badValue(_ key: String, expected: String, got value: JSON) -> ConfigProblem {
        ConfigProblem("\"\(key)\" must be \(expected); got \(value.text)")
    }

    /// A key that must be present.
    static func missing(_ key: String) -> ConfigProblem {
        ConfigProblem("\"\(key)\" is required")
    }
}

/// A configuration file that cannot be used: the file and the problem, as one line.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let problem: String

    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { "\(file): \(problem)" }
}
