/// One schema change, named `plugin/NNN-what` (`kernel/001-accounts`, `invoice/002-applications`).
/// A released migration never changes: add a new one instead.
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
}

/// Applies migrations in order, each in its own transaction, recording them in
/// `migrations (id, plugin, applied_at)`. Safe to run again and from two processes at once.
public enum Migrator {
    /// Applies the migrations not yet recorded and returns their ids.
    @discardableResult
    public static func migrate(_ pool: DatabasePool, _ migrations: [Migration]) async throws -> [String] {
        try await pool.write { database in
            try database.executeScript(
                """
                CREATE TABLE IF NOT EXISTS migrations (
                    id TEXT PRIMARY KEY,
                    plugin TEXT NOT NULL,
                    applied_at TEXT NOT NULL
                )
                """
            )
        }
        var applied: [String] = []
        for migration in migrations {
            let ran = try await pool.write { database -> Bool in
                let done = try database.queryOne("SELECT 1 FROM migrations WHERE id = ?", migration.id)
                guard done == nil else { return false }
                try migration.apply(database)
                try database.execute(
                    "INSERT INTO migrations (id, plugin, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                    migration.id, migration.plugin
                )
                return true
            }
            if ran { applied.append(migration.id) }
        }
        return applied
    }

    /// The ids already applied, in the order they were applied.
    public static func appliedMigrations(_ pool: DatabasePool) async throws -> [String] {
        try await pool.read { database in
            let exists = try database.queryOne("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'")
            guard exists != nil else { return [] }
            return try database.query("SELECT id FROM migrations ORDER BY rowid").compactMap { $0.string("id") }
        }
    }
}
