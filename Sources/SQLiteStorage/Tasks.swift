import Storage

/// A unit of work a storage thread runs with its connection, then reports to its waiter.
protocol StorageTask: Sendable {
    /// Runs the body; returns false when it threw (the error is kept for `finish`).
    func run(_ database: Database) -> Bool
    /// The work the body asked to run after commit; kept until the commit is known.
    func keep(commitActions: [@Sendable () -> Void])
    /// Runs the kept after-commit work (the commit holding the task succeeded).
    func runCommitActions()
    /// Resumes the waiter with the kept result, or with `error` when the work was undone later.
    func finish(overriding error: (any Error)?)
}

/// A typed task bridging a storage thread back to the awaiting caller.
final class ContinuationTask<T: Sendable>: StorageTask, @unchecked Sendable {
    private let body: (Database) throws -> T
    private let continuation: CheckedContinuation<T, any Error>
    private var result: Result<T, any Error>?
    private var commitActions: [@Sendable () -> Void] = []

    init(body: @escaping (Database) throws -> T, continuation: CheckedContinuation<T, any Error>) {
        self.body = body
        self.continuation = continuation
    }

    func run(_ database: Database) -> Bool {
        do {
            result = .success(try body(database))
            return true
        } catch {
            result = .failure(error)
            return false
        }
    }

    func keep(commitActions: [@Sendable () -> Void]) {
        self.commitActions = commitActions
    }

    func runCommitActions() {
        for action in commitActions { action() }
        commitActions = []
    }

    func finish(overriding error: (any Error)?) {
        if let error {
            continuation.resume(throwing: error)
        } else {
            continuation.resume(with: result ?? .failure(StorageError.closed))
        }
    }
}
