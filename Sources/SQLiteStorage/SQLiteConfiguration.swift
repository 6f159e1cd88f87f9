/// How a `SQLitePool` opens its file: a plain value handed over at open time.
public struct SQLiteConfiguration: Sendable {
    /// SQLite's `synchronous` setting: how hard a commit waits for the disk.
    public enum Synchronous: String, Sendable, CaseIterable {
        case off = "OFF", normal = "NORMAL", full = "FULL", extra = "EXTRA"
    }

    /// Path of the database file (created when missing).
    public var path: String
    /// Reader connections, each on its own thread.
    public var readerCount: Int
    /// Durability of commits; FULL makes every acknowledged write survive power loss.
    public var synchronous: Synchronous
    /// How long a connection waits on a lock held by another process before failing, in milliseconds.
    public var busyTimeoutMilliseconds: Int
    /// Prepared statements kept per connection.
    public var statementCacheSize: Int
    /// Most writes that share one commit (group commit).
    public var maxWritesPerCommit: Int

    public init(
        path: String,
        readerCount: Int = 4,
        synchronous: Synchronous = .full,
        busyTimeoutMilliseconds: Int = 5_000,
        statementCacheSize: Int = 256,
        maxWritesPerCommit: Int = 512
    ) {
        self.path = path
        self.readerCount = max(1, readerCount)
        self.synchronous = synchronous
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        self.statementCacheSize = max(8, statementCacheSize)
        self.maxWritesPerCommit = max(1, maxWritesPerCommit)
    }
}
