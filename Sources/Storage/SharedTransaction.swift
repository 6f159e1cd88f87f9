import Synchronization

/// One transaction that many storage jobs share: while a task runs inside
/// `TransactionSharing.inOneTransaction`, every read and write it (and its child tasks) sends to
/// that writer runs in the same open transaction - each write in a savepoint of its own, each read
/// seeing the writes before it - and nothing is kept unless the whole body succeeds.
///
/// Atomic batches use it to run several actions' `write { }` closures as one unit.
public final class SharedTransaction: Sendable {
    /// The shared transaction the current task runs in, if any.
    @TaskLocal public static var current: SharedTransaction?

    /// The backend's own state for this transaction (where its jobs queue up).
    package let backend: any AnyObject & Sendable
    private let committedWork = Mutex<[@Sendable () async -> Void]>([])

    package init(backend: any AnyObject & Sendable) {
        self.backend = backend
    }

    /// Queues `work` to run once the shared transaction has committed, in the order queued; it is
    /// dropped when the transaction rolls back. In-memory listeners of events published inside
    /// the transaction go here.
    public func afterCommit(_ work: @escaping @Sendable () async -> Void) {
        committedWork.withLock { $0.append(work) }
    }

    /// Hands over the queued work (once, after the commit).
    package func takeCommittedWork() -> [@Sendable () async -> Void] {
        committedWork.withLock { work in
            defer { work.removeAll() }
            return work
        }
    }
}

/// A writer that can hold one transaction open across many jobs (see `SharedTransaction`).
public protocol TransactionSharing: DatabaseWriter {
    /// Runs `body` with every read and write the task makes through this writer inside one
    /// transaction, committed when `body` returns and rolled back when it throws (the error is
    /// rethrown). The writer serves no one else meanwhile, so the transaction may stay open at
    /// most `timeLimit`: past it, it rolls back and the jobs still to come fail.
    func inOneTransaction<T: Sendable>(timeLimit: Duration, _ body: () async throws -> T) async throws -> T
}
