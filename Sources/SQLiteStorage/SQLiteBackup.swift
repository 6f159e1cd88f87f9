import CSQLite
import Foundation
import Storage

/// Online copies of a database file with SQLite's backup API, safe while a server writes to it.
///
/// One read transaction on the source holds a single snapshot for the whole copy (in WAL mode
/// writers go on meanwhile), so the copy is consistent and a busy server never makes it start
/// over; the pages move a batch at a time so a large file can report its progress. The copy is
/// written beside its destination, switched to a rollback journal (one self-contained file),
/// checked with `PRAGMA integrity_check`, and only then renamed into place: a failed or
/// interrupted copy never leaves a file that looks like a backup.
public enum SQLiteBackup {
    /// How far a copy has come, in database pages.
    public struct Progress: Sendable {
        public let copiedPages: Int
        public let totalPages: Int
    }

    /// What a finished copy holds.
    public struct Summary: Sendable {
        public let pages: Int
        public let bytes: Int64
    }

    /// Copies the database at `source` to `destination` (replaced if it exists), calling
    /// `progress` after each batch of `pagesPerStep` pages. Throws `.io` when the source cannot
    /// be read or the copy fails its integrity check.
    @discardableResult
    public static func copy(
        from source: String, to destination: String, pagesPerStep: Int32 = 1_024, busyTimeoutMilliseconds: Int32 = 5_000,
        progress: (Progress) -> Void = { _ in }
    ) throws -> Summary {
        let partial = destination + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        do {
            let pages = try copyPages(
                from: source, to: partial, pagesPerStep: pagesPerStep, busyTimeoutMilliseconds: busyTimeoutMilliseconds, progress: progress)
            let problems = try integrityProblems(of: partial)
            guard problems.isEmpty else {
                throw StorageError(kind: .io, message: "the copy failed its integrity check: " + problems.prefix(5).joined(separator: "; "))
            }
            guard rename(partial, destination) == 0 else {
                throw StorageError(kind: .io, message: "cannot move the copy to \(destination) (errno \(errno))")
            }
            let attributes = try? FileManager.default.attributesOfItem(atPath: destination)
            let bytes = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
            return Summary(pages: pages, bytes: bytes)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    /// What `PRAGMA integrity_check` finds wrong with the database at `path`; empty when it is
    /// sound. Throws `.io` when the file is not a database.
    public static func integrityProblems(of path: String) throws -> [String] {
        let handle = try RawConnection(path: path, flags: SQLITE_OPEN_READONLY)
        let rows = try handle.texts("PRAGMA integrity_check")
        return rows == ["ok"] ? [] : rows
    }

    private static func copyPages(
        from source: String, to destination: String, pagesPerStep: Int32, busyTimeoutMilliseconds: Int32, progress: (Progress) -> Void
    ) throws -> Int {
        guard FileManager.default.fileExists(atPath: source) else { throw StorageError(kind: .io, message: "no database at \(source)") }
        let from = try RawConnection(path: source, flags: SQLITE_OPEN_READWRITE)
        sqlite3_busy_timeout(from.handle, busyTimeoutMilliseconds)
        let to = try RawConnection(path: destination, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        // The snapshot: a read transaction that stays open until every page is copied.
        try from.execute("BEGIN")
        _ = try from.texts("SELECT count(*) FROM sqlite_master")
        defer { try? from.execute("COMMIT") }
        guard let backup = sqlite3_backup_init(to.handle, "main", from.handle, "main") else {
            throw SQLiteConnection.error(sqlite3_errcode(to.handle), to.handle, "backup")
        }
        var code = SQLITE_OK
        while code == SQLITE_OK || code == SQLITE_BUSY || code == SQLITE_LOCKED {
            code = sqlite3_backup_step(backup, pagesPerStep)
            let total = Int(sqlite3_backup_pagecount(backup))
            progress(Progress(copiedPages: total - Int(sqlite3_backup_remaining(backup)), totalPages: total))
            if code == SQLITE_BUSY || code == SQLITE_LOCKED { usleep(10_000) }
        }
        let total = Int(sqlite3_backup_pagecount(backup))
        let finished = sqlite3_backup_finish(backup)
        guard code == SQLITE_DONE, finished == SQLITE_OK else {
            throw SQLiteConnection.error(code == SQLITE_DONE ? finished : code, to.handle, "backup")
        }
        try to.execute("PRAGMA journal_mode = DELETE")
        return total
    }
}

/// A bare connection for whole-file work (backups, checks), outside the pool and its threads.
private final class RawConnection {
    let handle: OpaquePointer

    init(path: String, flags: Int32) throws {
        var connection: OpaquePointer?
        let code = sqlite3_open_v2(path, &connection, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let connection else {
            let error = SQLiteConnection.error(code, connection, "open \(path)")
            sqlite3_close_v2(connection)
            throw error
        }
        handle = connection
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    func execute(_ sql: String) throws {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw SQLiteConnection.error(code, handle, sql) }
    }

    /// The first column of every row `sql` answers, as text.
    func texts(_ sql: String) throws -> [String] {
        var statement: OpaquePointer?
        var code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else { throw SQLiteConnection.error(code, handle, sql) }
        defer { sqlite3_finalize(statement) }
        var rows: [String] = []
        while true {
            code = sqlite3_step(statement)
            guard code == SQLITE_ROW else { break }
            rows.append(sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "")
        }
        guard code == SQLITE_DONE else { throw SQLiteConnection.error(code, handle, sql) }
        return rows
    }
}
