import Foundation

/// The few places where SQL differs between the backends. Everything else plugins write is the
/// portable subset both speak: `?` placeholders, `INSERT ... RETURNING`, `ON CONFLICT (...) DO
/// UPDATE SET x = excluded.x`, `COALESCE`, `EXISTS`, integer and text columns.
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres

    /// The placeholder of the `index`-th parameter (1-based): `?` for SQLite, `$1` for PostgreSQL.
    /// Plugins write `?`; a PostgreSQL connection rewrites them once per statement it prepares.
    public func placeholder(_ index: Int) -> String {
        switch self {
        case .sqlite: "?"
        case .postgres: "$\(index)"
        }
    }

    /// How a write transaction starts: SQLite takes its single writer lock at once (so a
    /// transaction never fails to upgrade from reading to writing halfway); PostgreSQL locks rows
    /// as it goes.
    public var beginWrite: String {
        switch self {
        case .sqlite: "BEGIN IMMEDIATE"
        case .postgres: "BEGIN"
        }
    }

    /// How a read transaction starts (one snapshot for the whole closure).
    public var beginRead: String {
        switch self {
        case .sqlite: "BEGIN DEFERRED"
        case .postgres: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
        }
    }

    /// The names of the tables whose name starts with `prefix` (a plugin's own tables), as a
    /// query without parameters.
    func tablesQuery(prefix: String) -> String {
        let pattern = prefix.replacingOccurrences(of: "'", with: "''")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
        switch self {
        case .sqlite:
            return "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '\(pattern)' ESCAPE '\\' ORDER BY name"
        case .postgres:
            return "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE '\(pattern)' ESCAPE '\\' ORDER BY tablename"
        }
    }
}
