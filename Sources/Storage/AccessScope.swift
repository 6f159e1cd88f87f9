/// Which tables the statements of a closure may touch. The host (kernel) may touch every table;
/// a plugin only its own, named `<plugin>_...`. Backends enforce it on every statement they
/// prepare - SQLite with its authorizer - so a plugin's SQL that names another plugin's tables or
/// the kernel's (`users`, `tokens`, `plugins`, ...) fails with `StorageError.Kind.denied` instead
/// of running. Plugins may also not end, open or roll back the transaction they run in, attach
/// files or change pragmas.
public struct AccessScope: Sendable, Hashable, CustomStringConvertible {
    /// The plugin whose tables are allowed; nil for the host.
    public let owner: String?

    /// Every table: the kernel's own code.
    package static let host = AccessScope(owner: nil)

    /// The tables of `plugin`.
    package static func plugin(_ plugin: String) -> AccessScope {
        AccessScope(owner: plugin)
    }

    private init(owner: String?) {
        self.owner = owner
    }

    /// The prefix the owner's tables carry: `invoice_`.
    public var tablePrefix: String? { owner.map { $0 + "_" } }

    /// Whether `table` may be touched.
    public func allows(table: String) -> Bool {
        guard let prefix = tablePrefix else { return true }
        return table.hasPrefix(prefix)
    }

    public var description: String { owner ?? "host" }
}
