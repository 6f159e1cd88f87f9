import CSQLite


/// Copies the write-ahead log back into the database file on a thread of its own, so that no
/// write waits for it.
///
/// SQLite's own automatic checkpoint runs inside the commit that pushes the log past 1,000
/// pages: that write (and every write queued behind it) waits while about 4 MB are copied into
/// the database file and synced. Here the writer's commit only reports the log's length (a WAL
/// hook); each time the log has grown by `pages`, this thread runs a PASSIVE checkpoint on its
/// own connection, which never blocks the writer or readers. Under steady writes such a
/// checkpoint rarely finds the log wholly copied (the writer added to it meanwhile), and SQLite
/// starts the log over only when it is; so at `hardLimit` pages the committing writer
/// checkpoints itself, as SQLite would - by then only the last pages are left to copy - and the
/// log starts over at the next write. The log stays bounded however the thread fares.
final class WALCheckpointer: @unchecked Sendable {
    /// Log growth (pages) that wakes the checkpoint thread; SQLite's own default threshold.
    let pages: Int32
    /// Log length (pages) past which the writer checkpoints inline.
    let hardLimit: Int32
    private let connection: SQLiteConnection
    /// Wake-ups for the thread; those queued while it checkpoints merge into one more pass.
    private let wakeups = JobQueue<Void>()
    private var thread: StorageThread?
    /// The log's length when the thread was last woken; only the writer's hook reads and sets it.
    private var requestedAt: Int32 = 0

    init(path: String, synchronous: SQLiteConfiguration.Synchronous, busyTimeoutMilliseconds: Int, pages: Int32 = 1_000) throws {
        self.pages = pages
        self.hardLimit = pages * 4
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

    /// Wakes the thread.
    private func request() {
        _ = wakeups.push(())
    }

    /// Stops the thread after one last checkpoint and waits for it.
    func close() {
        wakeups.close()
        thread?.join()
    }

    private func run() {
        while wakeups.popBatch(limit: .max) != nil { checkpoint(connection.handle) }
        checkpoint(connection.handle)
    }

    /// After each of the writer's commits: wakes the thread each time the log has grown by
    /// `pages`, and past `hardLimit` checkpoints on the writer itself.
    fileprivate func committed(logPages: Int32, writer: OpaquePointer) {
        if logPages < requestedAt { requestedAt = 0 }
        if logPages >= hardLimit {
            checkpoint(writer)
            requestedAt = 0
        } else if logPages - requestedAt >= pages {
            requestedAt = logPages
            request()
        }
    }

    private func checkpoint(_ handle: OpaquePointer) {
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
    Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().committed(logPages: logPages, writer: handle)
    return SQLITE_OK
}
