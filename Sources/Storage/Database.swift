/// The handle a read or write closure gets: statements with bound parameters, savepoints, and
/// work to run once the write commits. Not `Sendable`: it belongs to one storage thread and must
/// not escape the closure it was lent to.
///
/// Every statement runs within an `AccessScope`: plugin code touches only its own tables. The
/// backend behind it (`SQLConnection`) is SQLite today; the SQL plugins write is the portable
/// subset described in `SQLDialect`.
public final class Database {
    package let connection: any SQLConnection
    /// Which tables the statements may touch right now.
    public private(set) var scope: AccessScope = .host
    private var commitActions: [@Sendable () -> Void] = []
    private var savepointDepth = 0
    /// What the layer above keeps for the closure running now (where its events go).
    package var jobContext: AnyObject?
    /// True while the connection runs the jobs of a `SharedTransaction`: what they write is not
    /// committed until the whole shared transaction is, so nothing read now may be cached.
    package var sharesTransaction = false

    package init(connection: any SQLConnection) {
        self.connection = connection
    }

    /// The SQL the backend speaks where the portable subset ends.
    public var dialect: SQLDialect { connection.dialect }

    // MARK: - Statements

    /// Runs a statement with bound parameters, discarding any rows.
    public func execute(_ sql: String, _ arguments: any SQLBindable...) throws {
        _ = try connection.query(sql, arguments: arguments, firstOnly: false)
    }

    /// Runs a statement with bound parameters, discarding any rows.
    public func execute(_ sql: String, arguments: [any SQLBindable]) throws {
        _ = try connection.query(sql, arguments: arguments, firstOnly: false)
    }

    /// Runs a query and returns every row.
    public func query(_ sql: String, _ arguments: any SQLBindable...) throws -> [Row] {
        try connection.query(sql, arguments: arguments, firstOnly: false)
    }

    /// Runs a query and returns every row.
    public func query(_ sql: String, arguments: [any SQLBindable]) throws -> [Row] {
        try connection.query(sql, arguments: arguments, firstOnly: false)
    }

    /// Runs a query and returns its first row, if any.
    public func queryOne(_ sql: String, _ arguments: any SQLBindable...) throws -> Row? {
        try connection.query(sql, arguments: arguments, firstOnly: true).first
    }

    /// Runs a query and returns its first row, if any.
    public func queryOne(_ sql: String, arguments: [any SQLBindable]) throws -> Row? {
        try connection.query(sql, arguments: arguments, firstOnly: true).first
    }

    /// The first column of the first row, or `.null` when there is no row.
    public func scalar(_ sql: String, _ arguments: any SQLBindable...) throws -> SQLValue {
        try connection.query(sql, arguments: arguments, firstOnly: true).first?.values.first ?? .null
    }

    /// Runs an `INSERT ... RETURNING id` and answers the new row's id (portable: both backends
    /// speak RETURNING).
    public func insert(_ sql: String, _ arguments: any SQLBindable...) throws -> Int64 {
        try insert(sql, arguments: arguments)
    }

    /// Runs an `INSERT ... RETURNING id` and answers the new row's id.
    public func insert(_ sql: String, arguments: [any SQLBindable]) throws -> Int64 {
        guard let row = try connection.query(sql, arguments: arguments, firstOnly: true).first else {
            throw StorageError(kind: .misuse, message: "insert returned no row: \(sql)")
        }
        return try row.require("id")
    }

    /// Runs statements without parameters (migrations' DDL).
    public func executeScript(_ sql: String) throws {
        try connection.executeScript(sql)
    }

    /// Runs one transaction-control statement (BEGIN, COMMIT, SAVEPOINT ...) prepared once and
    /// reused, in the host's scope.
    package func control(_ sql: String) throws {
        try asHost { _ = try connection.query(sql, arguments: [], firstOnly: false) }
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { connection.changes }

    // MARK: - Transactions

    /// Runs `action` once the write this closure belongs to has committed (on the storage
    /// thread, before the write's caller resumes); never when it is undone. Keep it short: a
    /// cache update, handing an event to in-memory listeners.
    public func afterCommit(_ action: @escaping @Sendable () -> Void) {
        commitActions.append(action)
    }

    /// Runs `body` in a savepoint of its own: when it throws, only its changes are undone (and
    /// the work it asked to run after commit is dropped), and the error is rethrown.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepointDepth += 1
        let name = "nested_\(savepointDepth)"
        let actionsBefore = commitActions.count
        defer { savepointDepth -= 1 }
        try control("SAVEPOINT \(name)")
        do {
            let result = try body()
            try control("RELEASE \(name)")
            return result
        } catch {
            if connection.isInTransaction {
                try? control("ROLLBACK TO \(name)")
                try? control("RELEASE \(name)")
            }
            commitActions.removeSubrange(actionsBefore...)
            throw error
        }
    }

    // MARK: - Host-only

    /// Runs `body` with statements limited to `scope`, then restores the previous scope.
    package func withScope<T>(_ scope: AccessScope, _ body: () throws -> T) rethrows -> T {
        let previous = self.scope
        self.scope = scope
        connection.setAccessScope(scope)
        defer {
            self.scope = previous
            connection.setAccessScope(previous)
        }
        return try body()
    }

    /// Runs `body` with every table reachable (the kernel's own statements).
    package func asHost<T>(_ body: () throws -> T) rethrows -> T {
        try withScope(.host, body)
    }

    /// Hands over the work queued with `afterCommit` by the closure that just ran.
    package func takeCommitActions() -> [@Sendable () -> Void] {
        defer { commitActions.removeAll(keepingCapacity: true) }
        return commitActions
    }

    /// Names of the tables whose name starts with `prefix` (a plugin's own tables).
    package func tableNames(withPrefix prefix: String) throws -> [String] {
        try asHost { try connection.query(dialect.tablesQuery(prefix: prefix), arguments: [], firstOnly: false) }
            .compactMap { $0.string("name") }
            .filter { $0.hasPrefix(prefix) }
    }

    /// Drops a table by name (quoted as an identifier, never interpolated raw).
    package func dropTable(_ name: String) throws {
        let quoted = "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        try asHost { try connection.executeScript("DROP TABLE IF EXISTS \(quoted)") }
    }
}
