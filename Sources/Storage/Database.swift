import CSQLite

private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One SQLite connection. Not `Sendable`: it lives on one storage thread and is only lent to
/// closures passed to `DatabasePool.read` / `write`, which must not let it escape.
public final class Database {
    let handle: OpaquePointer
    private var statements: [String: OpaquePointer] = [:]
    private var statementOrder: [String] = []
    private let statementCacheSize: Int

    init(path: String, statementCacheSize: Int) throws {
        var connection: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let error = StorageError(resultCode: code, connection: connection, context: "open")
            sqlite3_close_v2(connection)
            throw error
        }
        sqlite3_extended_result_codes(connection, 1)
        self.handle = connection
        self.statementCacheSize = statementCacheSize
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that take no parameters and return no rows (DDL, PRAGMA).
    public func executeScript(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if let errorMessage { sqlite3_free(errorMessage) }
        guard code == SQLITE_OK else { throw StorageError(resultCode: code, connection: handle, context: "exec") }
    }

    /// Runs a statement with bound parameters, discarding any rows.
    public func execute(_ sql: String, _ arguments: any SQLBindable...) throws {
        try execute(sql, arguments: arguments)
    }

    /// Runs a statement with bound parameters, discarding any rows.
    public func execute(_ sql: String, arguments: [any SQLBindable]) throws {
        try withStatement(sql, arguments: arguments) { statement in
            while try step(statement) {}
        }
    }

    /// Runs a query and returns every row.
    public func query(_ sql: String, _ arguments: any SQLBindable...) throws -> [Row] {
        try query(sql, arguments: arguments)
    }

    /// Runs a query and returns every row.
    public func query(_ sql: String, arguments: [any SQLBindable]) throws -> [Row] {
        try withStatement(sql, arguments: arguments) { statement in
            let columns = Row.Columns(columnNames(statement))
            var rows: [Row] = []
            while try step(statement) {
                rows.append(Row(columns: columns, values: readValues(statement, count: columns.names.count)))
            }
            return rows
        }
    }

    /// Runs a query and returns its first row, if any.
    public func queryOne(_ sql: String, _ arguments: any SQLBindable...) throws -> Row? {
        try queryOne(sql, arguments: arguments)
    }

    /// Runs a query and returns its first row, if any.
    public func queryOne(_ sql: String, arguments: [any SQLBindable]) throws -> Row? {
        try withStatement(sql, arguments: arguments) { statement in
            guard try step(statement) else { return nil }
            let columns = Row.Columns(columnNames(statement))
            return Row(columns: columns, values: readValues(statement, count: columns.names.count))
        }
    }

    /// The first column of the first row, or `.null` when there is no row.
    public func scalar(_ sql: String, _ arguments: any SQLBindable...) throws -> SQLValue {
        try queryOne(sql, arguments: arguments)?.values.first ?? .null
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE on this connection.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// The rowid of the last successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// True when no transaction is open on this connection.
    var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    // MARK: - Statements

    private func withStatement<T>(_ sql: String, arguments: [any SQLBindable], _ body: (OpaquePointer) throws -> T) throws -> T {
        let statement = try prepared(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        let expected = Int(sqlite3_bind_parameter_count(statement))
        guard expected == arguments.count else {
            throw StorageError(kind: .misuse, message: "statement takes \(expected) arguments, got \(arguments.count): \(sql)")
        }
        for (offset, argument) in arguments.enumerated() {
            try bind(argument.sqlValue, at: Int32(offset + 1), in: statement)
        }
        return try body(statement)
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let cached = statements[sql] { return cached }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw StorageError(resultCode: code, connection: handle, context: "prepare")
        }
        if statements.count >= statementCacheSize, let oldest = statementOrder.first {
            statementOrder.removeFirst()
            if let evicted = statements.removeValue(forKey: oldest) { sqlite3_finalize(evicted) }
        }
        statements[sql] = statement
        statementOrder.append(sql)
        return statement
    }

    private func bind(_ value: SQLValue, at index: Int32, in statement: OpaquePointer) throws {
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(statement, index)
        case .integer(let int):
            code = sqlite3_bind_int64(statement, index, int)
        case .real(let double):
            code = sqlite3_bind_double(statement, index, double)
        case .text(var text):
            code = text.withUTF8 { utf8 in
                guard let base = utf8.baseAddress else { return sqlite3_bind_text(statement, index, "", 0, transient) }
                return sqlite3_bind_text(statement, index, base, Int32(utf8.count), transient)
            }
        case .blob(let bytes):
            code = bytes.withUnsafeBytes { buffer in
                sqlite3_bind_blob(statement, index, buffer.baseAddress, Int32(buffer.count), transient)
            }
        }
        guard code == SQLITE_OK else { throw StorageError(resultCode: code, connection: handle, context: "bind") }
    }

    private func step(_ statement: OpaquePointer) throws -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw StorageError(resultCode: code, connection: handle, context: "step")
        }
    }

    private func columnNames(_ statement: OpaquePointer) -> [String] {
        (0..<sqlite3_column_count(statement)).map { String(cString: sqlite3_column_name(statement, $0)) }
    }

    private func readValues(_ statement: OpaquePointer, count: Int) -> [SQLValue] {
        (0..<Int32(count)).map { index in
            switch sqlite3_column_type(statement, index) {
            case SQLITE_INTEGER:
                return .integer(sqlite3_column_int64(statement, index))
            case SQLITE_FLOAT:
                return .real(sqlite3_column_double(statement, index))
            case SQLITE_TEXT:
                let length = Int(sqlite3_column_bytes(statement, index))
                guard length > 0, let pointer = sqlite3_column_text(statement, index) else { return .text("") }
                return .text(String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self))
            case SQLITE_BLOB:
                let length = Int(sqlite3_column_bytes(statement, index))
                guard length > 0, let pointer = sqlite3_column_blob(statement, index) else { return .blob([]) }
                return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: length)))
            default:
                return .null
            }
        }
    }
}
