/// One schema change, named `owner/NNN-what` (`kernel/001-accounts`, `invoice/002-applications`).
/// A released migration never changes: add a new one instead. A plugin's migration runs in that
/// plugin's `AccessScope`: it can create and change only tables named `<plugin>_...`.
public struct Migration: Sendable {
    /// Unique, stable name; its prefix before `/` names its owner: "kernel" or a plugin.
    public let id: String
    /// The kernel or plugin that owns the tables this migration touches.
    public let plugin: String
    let apply: @Sendable (Database) throws -> Void

    /// A migration made of plain SQL statements.
    public init(_ id: String, sql: String) {
        self.init(id) { database in try database.executeScript(sql) }
    }

    /// A migration that runs code (for data changes that SQL alone cannot express).
    public init(_ id: String, apply: @escaping @Sendable (Database) throws -> Void) {
        self.id = id
        self.plugin = id.split(separator: "/", maxSplits: 1).first.map(String.init) ?? id
        self.apply = apply
    }

    /// The owner of the kernel's own migrations.
    public static let kernelOwner = "kernel"

    var scope: AccessScope { plugin == Self.kernelOwner ? .host : .plugin(plugin) }
}
