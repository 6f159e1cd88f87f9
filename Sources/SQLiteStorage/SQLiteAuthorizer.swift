import CSQLite

/// SQLite's authorizer, which enforces a connection's `AccessScope` while statements are
/// prepared: with a plugin's scope set, a statement may read and change only tables named
/// `<plugin>_...`, create and drop only those tables and their indexes, and may not control the
/// transaction (BEGIN, COMMIT, ROLLBACK, SAVEPOINT), attach files or run pragmas. Anything else
/// makes `prepare` fail with SQLITE_AUTH, reported as `StorageError.Kind.denied`. The host's
/// scope allows everything. The check costs nothing per execution: prepared statements are cached
/// per scope and authorized once.
enum SQLiteAuthorizer {
    static let callback:
        @convention(c) (
            UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?
        ) -> Int32 = { context, action, first, second, _, _ in
            guard let context else { return SQLITE_OK }
            let prefix = Unmanaged<AccessGuard>.fromOpaque(context).takeUnretainedValue().prefix
            return authorize(action, first, second, prefix: prefix)
        }

    /// What the callback reads: the table prefix of the connection's current scope.
    final class AccessGuard {
        /// The owner's table prefix as bytes (`invoice_`, no terminator), or nil for the host.
        var prefix: [CChar]?
    }

    private static func authorize(_ action: Int32, _ first: UnsafePointer<CChar>?, _ second: UnsafePointer<CChar>?, prefix: [CChar]?) -> Int32 {
        guard let prefix else { return SQLITE_OK }
        switch action {
        case SQLITE_SELECT, SQLITE_FUNCTION, SQLITE_RECURSIVE:
            return SQLITE_OK
        case SQLITE_READ, SQLITE_INSERT, SQLITE_UPDATE, SQLITE_DELETE:
            // The table is the first argument. SQLite's own bookkeeping while the plugin changes
            // its schema (the schema table, AUTOINCREMENT counters) is allowed: it holds no data.
            return owned(first, prefix) || isBookkeeping(first) ? SQLITE_OK : SQLITE_DENY
        case SQLITE_CREATE_TABLE, SQLITE_DROP_TABLE:
            return owned(first, prefix) || isBookkeeping(first) ? SQLITE_OK : SQLITE_DENY
        case SQLITE_CREATE_INDEX, SQLITE_DROP_INDEX:
            // The index (or SQLite's automatic index of a UNIQUE column), then its table.
            return (owned(first, prefix) || has(first, automaticIndex)) && owned(second, prefix) ? SQLITE_OK : SQLITE_DENY
        case SQLITE_REINDEX:
            return owned(first, prefix) || has(first, automaticIndex) ? SQLITE_OK : SQLITE_DENY
        case SQLITE_ALTER_TABLE:
            // The schema name, then the table.
            return owned(second, prefix) ? SQLITE_OK : SQLITE_DENY
        default:
            return SQLITE_DENY
        }
    }

    private static let automaticIndex = Array("sqlite_autoindex_".utf8CString.dropLast())
    private static let bookkeepingTables = ["sqlite_master", "sqlite_schema", "sqlite_sequence"].map { Array($0.utf8CString) }

    /// SQLite's schema table and AUTOINCREMENT counters.
    private static func isBookkeeping(_ name: UnsafePointer<CChar>?) -> Bool {
        guard let name else { return false }
        return bookkeepingTables.contains { table in table.withUnsafeBufferPointer { equal(name, $0) } }
    }

    private static func equal(_ name: UnsafePointer<CChar>, _ table: UnsafeBufferPointer<CChar>) -> Bool {
        for (offset, byte) in table.enumerated() where name[offset] != byte { return false }
        return true
    }

    private static func has(_ name: UnsafePointer<CChar>?, _ prefix: [CChar]) -> Bool {
        owned(name, prefix)
    }

    private static func owned(_ name: UnsafePointer<CChar>?, _ prefix: [CChar]) -> Bool {
        guard let name else { return false }
        for (offset, byte) in prefix.enumerated() where name[offset] != byte {
            return false
        }
        return true
    }
}
