import Foundation
import Storage

/// The SQLite backend: one writer thread and a pool of reader threads over one file in WAL mode.
///
/// Writes queue up and are committed in groups: the writer takes every waiting write into one
/// `BEGIN IMMEDIATE ... COMMIT`, each in its own savepoint, and answers a write only after the
/// commit holding it has returned - so an answered write is durable (with `synchronous=FULL`),
/// and a write that throws is undone alone. Reads run in a deferred transaction on a reader
/// connection and see one consistent snapshot. The log is copied back into the database file by
/// a checkpoint thread of its own (`WALCheckpointer`), never inside a write. SQLite runs only on
/// these threads, never on an event loop or the Swift concurrency pool.
public final class SQLitePool: TransactionSharing {
    /// The configuration the pool was opened with.
    public let configuration: SQLiteConfiguration
    private let writes = JobQueue<any StorageTask>()
    private let reads = JobQueue<any StorageTask>()
    private let threads: [StorageThread]
    private let checkpointer: WALCheckpointer

    /// Opens (or creates) the database file and starts the storage threads.
    public init(configuration: SQLiteConfiguration) throws {
        self.configuration = configuration
        let writer = try SQLiteConnection(path: configuration.path, statementCacheSize: configuration.statementCacheSize)
        // temp_store = MEMORY keeps the writer's sub-journal in memory. Every write runs in a
        // savepoint (group commit), and inside one SQLite copies each page a statement changes
        // into that journal; on disk, past 64 KiB, that is a write() per page - 90 MB of them
        // for a scheduler tick of 1,000 invoices (bench/README.md).
        try writer.executeScript(
            """
            PRAGMA busy_timeout = \(configuration.busyTimeoutMilliseconds);
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = \(configuration.synchronous.rawValue);
            PRAGMA foreign_keys = ON;
            PRAGMA temp_store = MEMORY;
            """
        )
        var readers: [SQLiteConnection] = []
        for _ in 0..<configuration.readerCount {
            let reader = try SQLiteConnection(path: configuration.path, statementCacheSize: configuration.statementCacheSize)
            try reader.executeScript(
                """
                PRAGMA busy_timeout = \(configuration.busyTimeoutMilliseconds);
                PRAGMA foreign_keys = ON;
                PRAGMA query_only = 1;
                """
            )
            readers.append(reader)
        }
        checkpointer = try WALCheckpointer(
            path: configuration.path, synchronous: configuration.synchronous, busyTimeoutMilliseconds: configuration.busyTimeoutMilliseconds)
        checkpointer.attach(to: writer)
        var threads: [StorageThread] = []
        let writeQueue = writes
        let batchLimit = configuration.maxWritesPerCommit
        let writerBox = UncheckedBox(Database(connection: writer))
        threads.append(
            StorageThread(name: "storage-writer") {
                while let batch = writeQueue.popBatch(limit: batchLimit) {
                    GroupCommit.run(batch, on: writerBox.value)
                }
            }
        )
        let readQueue = reads
        for (index, reader) in readers.enumerated() {
            let readerBox = UncheckedBox(Database(connection: reader))
            threads.append(
                StorageThread(name: "storage-reader-\(index)") {
                    while let batch = readQueue.popBatch(limit: 1) {
                        for task in batch { Self.runRead(task, on: readerBox.value) }
                    }
                }
            )
        }
        self.threads = threads
    }

    /// Runs `body` with a reader connection in one snapshot and returns its result.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        StorageJobCounter.current?.countRead()
        return try await withCheckedThrowingContinuation { continuation in
            let task = ContinuationTask(body: body, continuation: continuation)
            if let held = heldTransaction {
                if !held.submit(.read(task)) { task.finish(overriding: HeldTransaction.ended) }
            } else if !reads.push(task) {
                task.finish(overriding: StorageError.closed)
            }
        }
    }

    /// Runs `body` on the writer connection and returns once its changes are committed.
    /// When `body` throws, its changes are undone and the error is rethrown.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        StorageJobCounter.current?.countWrite()
        return try await withCheckedThrowingContinuation { continuation in
            let task = ContinuationTask(body: body, continuation: continuation)
            if let held = heldTransaction {
                if !held.submit(.write(task)) { task.finish(overriding: HeldTransaction.ended) }
            } else if !writes.push(task) {
                task.finish(overriding: StorageError.closed)
            }
        }
    }

    /// Runs `body` with the writer held for it: its reads and writes share one transaction,
    /// committed in the group commit that reaches it (see `HeldTransaction`).
    public func inOneTransaction<T: Sendable>(timeLimit: Duration, _ body: () async throws -> T) async throws -> T {
        guard heldTransaction == nil else {
            throw StorageError(kind: .misuse, message: "a shared transaction cannot open another")
        }
        StorageJobCounter.current?.countWrite()
        let held = HeldTransaction(pool: ObjectIdentifier(self), timeLimit: timeLimit)
        guard writes.push(held) else { throw StorageError.closed }
        let shared = SharedTransaction(backend: held)
        let result: Result<T, any Error>
        do {
            result = .success(try await SharedTransaction.$current.withValue(shared) { try await body() })
        } catch {
            result = .failure(error)
        }
        var committed = false
        if case .success = result { committed = true }
        _ = held.submit(.end(commit: committed))
        do {
            try await held.outcome()
        } catch {
            if case .failure(let bodyError) = result { throw bodyError }
            throw error
        }
        let value = try result.get()
        for work in shared.takeCommittedWork() { await work() }
        return value
    }

    /// The shared transaction of the current task on this pool, if any.
    private var heldTransaction: HeldTransaction? {
        guard let held = SharedTransaction.current?.backend as? HeldTransaction, held.pool == ObjectIdentifier(self) else { return nil }
        return held
    }

    /// Writes waiting for the writer thread.
    public var writeQueueDepth: Int { writes.count }

    /// Finishes queued work, stops the threads and closes every connection. Later calls fail.
    public func close() {
        writes.close()
        reads.close()
        for thread in threads { thread.join() }
        checkpointer.close()
    }

    private static func runRead(_ task: any StorageTask, on database: Database) {
        do {
            try database.control(database.dialect.beginRead)
        } catch {
            task.finish(overriding: error)
            return
        }
        let succeeded = task.run(database)
        let actions = database.takeCommitActions()
        if database.connection.isInTransaction { try? database.control("COMMIT") }
        if succeeded { for action in actions { action() } }
        task.finish(overriding: nil)
    }
}

/// Carries a non-`Sendable` connection into the one thread that will own it.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
