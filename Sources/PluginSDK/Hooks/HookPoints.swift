/// A filter hook: handlers receive a `Value` and answer it, changed or not.
public struct FilterPoint<Value: Sendable>: Sendable {
    public let name: String
    public init(_ name: String) { self.name = name }
}

/// A veto hook: handlers receive a `Subject` and refuse the operation by throwing.
public struct VetoPoint<Subject: Sendable>: Sendable {
    public let name: String
    public init(_ name: String) { self.name = name }
}

/// A service one plugin offers the others: typed input and output, run inside the caller's
/// write (so what it writes commits or rolls back with the caller's change) with the provider's
/// tables in reach. Declared in a contracts target that both sides import; neither imports the
/// other.
public struct ServicePoint<Input: Sendable, Output: Sendable>: Sendable {
    public let name: String
    public init(_ name: String) { self.name = name }
}

/// One call of a service: which store it is for, the time, and the provider's config.
public struct ServiceCall: Sendable {
    public let storeID: Int64
    public let now: Int64
    /// The providing plugin's current config.
    public let config: JSON

    package init(storeID: Int64, now: Int64, config: JSON) {
        self.storeID = storeID
        self.now = now
        self.config = config
    }
}

/// A plugin about to be installed, as veto handlers see it.
public struct PluginInstallation: Sendable {
    public let name: String
    public let version: String
    /// `builtin` or `remote`.
    public let source: String

    public init(name: String, version: String, source: String) {
        self.name = name
        self.version = version
        self.source = source
    }
}

extension VetoPoint where Subject == PluginInstallation {
    /// Before a plugin is installed or registered: throw to refuse it.
    public static var pluginInstall: VetoPoint<PluginInstallation> { VetoPoint("plugin.install") }
}
