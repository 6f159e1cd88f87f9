import CSQLite
import Storage

private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One SQLite connection: prepared statements cached per access scope, the authorizer that
/// enforces that scope, and the row reading. It lives on one storage thread; `Database` is its
/// face to the code running there.
final class SQLiteConnection: SQLConnection {
    private struct Prepared {
        let statement: OpaquePointer
        var columns: Row.Columns?
    }

    let handle: OpaquePointer
    let dialect = SQLDialect.sqlite
    private let accessGuard = SQLiteAuthorizer.AccessGuard()
    private var scopeKey = ""
    /// Statements by scope, then SQL: a statement prepared (and authorized) for one plugin is
    /// never reused for another.
    private var statements: [String: [String: Prepared]] = [:]
    private var statementOrder: [(scope: String, sql: String)] = []
    private let statementCacheSize: Int

    init(path: String, statementCacheSize: Int) throws {
        var connection: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let error = SQLiteConnection.error(code, connection, "open")
            sqlite3_close_v2(connection)
            throw error
        }
        sqlite3_extended_result_codes(connection, 1)
        self.handle = connection
        self.statementCacheSize = statementCacheSize
        sqlite3_set_authorizer(connection, SQLiteAuthorizer.callback, Unmanaged.passUnretained(accessGuard).toOpaque())
    }

    deinit {
        for scope in statements.values {
            for prepared in scope.values { sqlite3_finalize(prepared.statement) }
        }
        sqlite3_close_v2(handle)
    }

    // MARK: - SQLConnection

    func setAccessScope(_ scope: AccessScope) {
        scopeKey = scope.owner ?? ""
        accessGuard.prefix = scope.tablePrefix.map { Array($0.utf8CString.dropLast()) }
    }

    var changes: Int { Int(sqlite3_changes(handle)) }

    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    func executeScript(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if let errorMessage { sqlite3_free(errorMessage) }
        guard code == SQLITE_OK else { throw Self.error(code, handle, "exec") }
    }

    func query(_ sql: String, arguments: [any SQLBindable], firstOnly: Bool) throws -> [Row] {
        let (statement, cachedColumns) = try prepared(sql)
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
        var rows: [Row] = []
        var columns = cachedColumns
        while try step(statement) {
            let count = Int(sqlite3_column_count(statement))
            if columns == nil || columns?.names.count != count {
                let made = Row.Columns(columnNames(statement))
                columns = made
                remember(columns: made, for: sql)
            }
            rows.append(Row(columns: columns!, values: readValues(statement, count: count)))
            if firstOnly { break }
        }
        return rows
    }

    // MARK: - Statements

    private func prepared(_ sql: String) throws -> (OpaquePointer, Row.Columns?) {
        if let cached = statements[scopeKey]?[sql] { return (cached.statement, cached.columns) }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw Self.error(code, handle, "prepare")
        }
        if statementOrder.count >= statementCacheSize {
            let oldest = statementOrder.removeFirst()
            if let evicted = statements[oldest.scope]?.removeValue(forKey: oldest.sql) { sqlite3_finalize(evicted.statement) }
        }
        statements[scopeKey, default: [:]][sql] = Prepared(statement: statement, columns: nil)
        statementOrder.append((scopeKey, sql))
        return (statement, nil)
    }

    private func remember(columns: Row.Columns, for sql: String) {
        statements[scopeKey]?[sql]?.columns = columns
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
        guard code == SQLITE_OK else { throw Self.error(code, handle, "bind") }
    }

    private func step(_ statement: OpaquePointer) throws -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw Self.error(code, handle, "step")
        }
    }

    private func columnNames(_ statement: OpaquePointer) -> [String] {
        (0..<sqlite3_column_count(statement)).map { String(cString: sqlite3_column_name(statement, $0)) }
    }

    private func readValues(_ statement: OpaquePointer, count: Int) -> [SQLValue] {
        var values: [SQLValue] = []
        values.reserveCapacity(count)
        for index in 0..<Int32(count) {
            switch sqlite3_column_type(statement, index) {
            case SQLITE_INTEGER:
                values.append(.integer(sqlite3_column_int64(statement, index)))
            case SQLITE_FLOAT:
                values.append(.real(sqlite3_column_double(statement, index)))
            case SQLITE_TEXT:
                let length = Int(sqlite3_column_bytes(statement, index))
                if length > 0, let pointer = sqlite3_column_text(statement, index) {
                    values.append(.text(String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)))
                } else {
                    values.append(.text(""))
                }
            case SQLITE_BLOB:
                let length = Int(sqlite3_column_bytes(statement, index))
                if length > 0, let pointer = sqlite3_column_blob(statement, index) {
                    values.append(.blob(Array(UnsafeRawBufferPointer(start: pointer, count: length))))
                } else {
                    values.append(.blob([]))
                }
            default:
                values.append(.null)
            }
        }
        return values
    }

    // MARK: - Errors

    /// SQLite's result code as a `StorageError` of the right kind.
    static func error(_ resultCode: Int32, _ connection: OpaquePointer?, _ context: String) -> StorageError {
        let detail = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "unknown"
        let kind: StorageError.Kind
        switch resultCode & 0xff {
        case SQLITE_CONSTRAINT: kind = .constraint
        case SQLITE_BUSY, SQLITE_LOCKED: kind = .busy
        case SQLITE_IOERR, SQLITE_FULL, SQLITE_CORRUPT, SQLITE_CANTOPEN, SQLITE_NOTADB, SQLITE_READONLY: kind = .io
        case SQLITE_AUTH: kind = .denied
        case SQLITE_MISUSE: kind = .misuse
        default: kind = .other
        }
        return StorageError(kind: kind, resultCode: resultCode, message: "\(context): \(detail) (\(resultCode))")
    }
}
