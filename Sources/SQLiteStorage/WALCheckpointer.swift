import CSQLite
import Foundation

/// Copies the write-ahead log back into the database file on a thread of its own, so that no
/// write waits for it.
///
/// SQLite's own automatic checkpoint runs inside the commit that pushes the log past 1,000
/// pages: that write (and every write queued behind it) waits while about 4 MB are copied into
/// the database file and synced. Here the writer's commit only reports the log's length (a WAL
/// hook); past `pages`, this thread runs a PASSIVE checkpoint on its own connection, which never
/// blocks the writer or readers. Should the log still reach `hardLimit` pages (the thread cannot
/// keep up, or a long read pins the log), the committing writer checkpoints itself, as SQLite
/// would, so the log cannot grow without bound.
final class WALCheckpointer: @unchecked Sendable {
    /// Log length (pages) that wakes the checkpoint thread; SQLite's own default threshold.
    let pages: Int32
    /// Log length (pages) past which the writer checkpoints inline.
    let hardLimit: Int32
    private let connection: SQLiteConnection
    private let condition = NSCondition()
    private var wanted = false
    private var closed = false
    private var thread: StorageThread?

    init(path: String, synchronous: SQLiteConfiguration.Synchronous, busyTimeoutMilliseconds: Int, pages: Int32 = 1_000) throws {
        self.pages = pages
        self.hardLimit = pages * 16
        connection = try SQLiteConnection(path: path, statementCacheSize: 8)
        // The checkpoint syncs the log and the database file as this connection's `synchronous`
        // says, so it matches the writer's.
        try connection.executeScript(
            """
            PRAGMA busy_timeout = \(busyTimeoutMilliseconds);
            PRAGMA synchronous = \(synchronous.rawValue);
            """)
        thread = StorageThread(name: "storage-checkpointer") { [self] in run() }
    }

    /// Hands the writer's WAL hook to this checkpointer (SQLite's own automatic checkpoint is
    /// replaced by it).
    func attach(to writer: SQLiteConnection) {
        sqlite3_wal_hook(writer.handle, walHook, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Wakes the thread; requests made while it checkpoints merge into one more pass.
    func request() {
        condition.lock()
        wanted = true
        condition.signal()
        condition.unlock()
    }

    /// Stops the thread after one last checkpoint and waits for it.
    func close() {
        condition.lock()
        closed = true
        condition.signal()
        condition.unlock()
        thread?.join()
    }

    private func run() {
        while true {
            condition.lock()
            while !wanted && !closed { condition.wait() }
            let last = closed
            wanted = false
            condition.unlock()
            checkpoint(connection.handle)
            if last { return }
        }
    }

    fileprivate func checkpoint(_ handle: OpaquePointer) {
        var logPages: Int32 = 0
        var copied: Int32 = 0
        _ = sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, &logPages, &copied)
    }
}

/// The writer's WAL hook: runs after each commit with the log's length in pages.
private func walHook(
    _ context: UnsafeMutableRawPointer?, _ handle: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ logPages: Int32
) -> Int32 {
    guard let context, let handle else { return SQLITE_OK }
    let checkpointer = Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue()
    if logPages >= checkpointer.hardLimit {
        checkpointer.checkpoint(handle)
    } else if logPages >= checkpointer.pages {
        checkpointer.request()
    }
    return SQLITE_OK
}
