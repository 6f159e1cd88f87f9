import Storage
import Synchronization

/// In-memory listener calls waiting for a write to commit. A write run through `PluginStorage`
/// carries one; events published in it add their calls once the write commits (through
/// `Database.afterCommit`, so a rolled-back savepoint adds nothing), and the writer runs them
/// when the commit is answered.
package final class CommittedDeliveries: Sendable {
    private let calls = Mutex<[@Sendable () async -> Void]>([])

    package init() {}

    /// Queues `call` for after commit.
    package func add(_ call: @escaping @Sendable () async -> Void) {
        calls.withLock { $0.append(call) }
    }

    /// Runs the queued calls in order.
    package func run() async {
        let queued = calls.withLock { calls -> [@Sendable () async -> Void] in
            defer { calls.removeAll() }
            return calls
        }
        for call in queued { await call() }
    }

    /// Runs the queued calls now that the write committed - or, when the write belongs to a
    /// `SharedTransaction` (an atomic batch), once that whole transaction commits.
    package func runOnceCommitted() async {
        if let shared = SharedTransaction.current {
            shared.afterCommit { await self.run() }
        } else {
            await run()
        }
    }
}

extension Database {
    /// Runs `body` with `deliveries` as the place where committed events go.
    package func withJob<T>(_ deliveries: CommittedDeliveries, _ body: () throws -> T) rethrows -> T {
        let previous = jobContext
        jobContext = deliveries
        defer { jobContext = previous }
        return try body()
    }

    /// Where events published now go after commit; nil outside `PluginStorage.write`.
    package var committedDeliveries: CommittedDeliveries? { jobContext as? CommittedDeliveries }
}
