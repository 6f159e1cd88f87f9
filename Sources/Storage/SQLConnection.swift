/// What a storage backend's connection does for `Database`. Backends (SQLite today, PostgreSQL
/// later) implement it; plugin code never sees it.
///
/// A connection lives on one storage thread and is never shared: calls are synchronous and may
/// block that thread (a PostgreSQL connection waits for its network answer there, never on an
/// event loop or the Swift concurrency pool).
package protocol SQLConnection: AnyObject {
    /// The SQL this backend speaks where the portable subset ends.
    var dialect: SQLDialect { get }
    /// Runs one statement with bound parameters and answers its rows (none for statements that
    /// return none).
    func query(_ sql: String, arguments: [any SQLBindable], firstOnly: Bool) throws -> [Row]
    /// Runs one or more statements without parameters (DDL, transaction control).
    func executeScript(_ sql: String) throws
    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { get }
    /// True while a transaction is open.
    var isInTransaction: Bool { get }
    /// Restricts the tables the following statements may touch (see `AccessScope`).
    func setAccessScope(_ scope: AccessScope)
}
