import Foundation

/// Applies migrations in order, each in its own transaction, recording them in
/// `migrations (id, plugin, applied_at)`. Safe to run again and from two processes at once.
///
/// Two guards (as GRDB's `DatabaseMigrator`): a list with a duplicate id is refused before
/// anything runs, and `checkNotSuperseded` refuses a database holding migrations of a known owner
/// that this build does not know - one written by a newer version of the server.
public enum Migrator {
    /// Applies the migrations not yet recorded and answers the ids applied now.
    @discardableResult
    public static func migrate(_ writer: any DatabaseWriter, _ migrations: [Migration], now: Int64) async throws -> [String] {
        try checkUnique(migrations)
        try await createTable(writer)
        let appliedAt = Date(timeIntervalSince1970: TimeInterval(now)).formatted(.iso8601)
        var applied: [String] = []
        for migration in migrations {
            let ran = try await writer.write { database -> Bool in
                let done = try database.asHost { try database.queryOne("SELECT 1 FROM migrations WHERE id = ?", migration.id) }
                guard done == nil else { return false }
                try database.withScope(migration.scope) { try migration.apply(database) }
                try database.asHost {
                    try database.execute(
                        "INSERT INTO migrations (id, plugin, applied_at) VALUES (?, ?, ?)", migration.id, migration.plugin, appliedAt)
                }
                return true
            }
            if ran { applied.append(migration.id) }
        }
        return applied
    }

    /// Throws `.schema` naming the first id that appears twice.
    public static func checkUnique(_ migrations: [Migration]) throws {
        var seen: Set<String> = []
        for migration in migrations where !seen.insert(migration.id).inserted {
            throw StorageError(kind: .schema, message: "migration '\(migration.id)' is registered twice")
        }
    }

    /// Throws `.schema` when the database holds migrations of `owners` that `known` lacks: it was
    /// written by a newer version of the server, whose schema this one cannot be trusted with.
    public static func checkNotSuperseded(_ reader: any DatabaseReader, known: [Migration], owners: Set<String>) async throws {
        let knownIDs = Set(known.map(\.id))
        let foreign = try await appliedMigrations(reader).filter { id in
            let owner = id.split(separator: "/", maxSplits: 1).first.map(String.init) ?? id
            return owners.contains(owner) && !knownIDs.contains(id)
        }
        guard foreign.isEmpty else {
            throw StorageError(
                kind: .schema,
                message: "the database was written by a newer version of invoice-server (unknown migrations: "
                    + foreign.joined(separator: ", ") + "); run that version or restore a backup")
        }
    }

    /// The ids already applied, in the order they were applied.
    public static func appliedMigrations(_ reader: any DatabaseReader) async throws -> [String] {
        try await reader.read { database in
            try database.asHost {
                guard try database.tableNames(withPrefix: "migrations").contains("migrations") else { return [] }
                return try database.query("SELECT id FROM migrations ORDER BY applied_at, id").compactMap { $0.string("id") }
            }
        }
    }

    private static func createTable(_ writer: any DatabaseWriter) async throws {
        try await writer.write { database in
            try database.asHost {
                try database.executeScript(
                    """
                    CREATE TABLE IF NOT EXISTS migrations (
                        id TEXT PRIMARY KEY,
                        plugin TEXT NOT NULL,
                        applied_at TEXT NOT NULL
                    )
                    """)
            }
        }
    }
}
