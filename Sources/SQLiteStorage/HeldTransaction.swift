import Foundation
import Storage
import Synchronization

/// A `SharedTransaction` on the writer thread: one task in the write queue that, once the writer
/// reaches it, keeps the writer and serves the shared transaction's own jobs until the body ends.
///
/// It runs inside `GroupCommit` like any write - in the group's transaction and its own savepoint -
/// so committing it is the group's COMMIT and rolling it back undoes every job it served. Each
/// write job gets a savepoint inside it (a job that throws is undone alone, as everywhere) and its
/// waiter resumes at once, but the work it asked to run after commit is held until the group's
/// COMMIT and dropped on rollback. Read jobs run on the writer connection (so they see the
/// writes before them) in a savepoint that is always rolled back.
final class HeldTransaction: StorageTask, @unchecked Sendable {
    /// A job for the held writer.
    enum Job {
        case write(any StorageTask)
        case read(any StorageTask)
        /// The body ended: commit or roll back.
        case end(commit: Bool)
    }

    /// The pool whose writer this transaction holds.
    let pool: ObjectIdentifier
    private let jobs = JobQueue<Job>()
    private let timeLimit: Duration
    /// Touched only by the writer thread while it runs this task.
    private var commitActions: [@Sendable () -> Void] = []
    private let state = Mutex<State>(State())

    private struct State {
        var failure: (any Error)?
        var finished = false
        var waiter: CheckedContinuation<Void, any Error>?
    }

    /// What a job sent after the transaction ended (or ran out of time) fails with.
    static let ended = StorageError(kind: .misuse, message: "the shared transaction has ended")

    init(pool: ObjectIdentifier, timeLimit: Duration) {
        self.pool = pool
        self.timeLimit = timeLimit
    }

    /// Queues a job for the held writer; false once the transaction has ended or timed out.
    func submit(_ job: Job) -> Bool {
        jobs.push(job)
    }

    /// Waits until the writer has committed or rolled back; throws when the commit failed or the
    /// transaction ran out of time.
    func outcome() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let known: Result<Void, any Error>? = state.withLock { state in
                guard state.finished else {
                    state.waiter = continuation
                    return nil
                }
                return state.failure.map { .failure($0) } ?? .success(())
            }
            if let known { continuation.resume(with: known) }
        }
    }

    // MARK: - StorageTask (on the writer thread)

    func run(_ database: Database) -> Bool {
        database.sharesTransaction = true
        defer { database.sharesTransaction = false }
        let deadline = Date(timeIntervalSinceNow: Double(timeLimit.components.seconds) + Double(timeLimit.components.attoseconds) / 1e18)
        while true {
            guard let job = jobs.pop(waitingUntil: deadline) else {
                return stop(StorageError(kind: .busy, message: "shared transaction held the writer past its time limit"))
            }
            switch job {
            case .end(let commit):
                jobs.close()
                return commit
            case .write(let task):
                runWrite(task, on: database)
            case .read(let task):
                runRead(task, on: database)
            }
            if !database.connection.isInTransaction {
                return stop(StorageError(kind: .io, message: "transaction rolled back by SQLite"))
            }
        }
    }

    func keep(commitActions: [@Sendable () -> Void]) {
        self.commitActions += commitActions
    }

    func runCommitActions() {
        for action in commitActions { action() }
        commitActions = []
    }

    func finish(overriding error: (any Error)?) {
        let (waiter, failure) = state.withLock { state in
            if let error { state.failure = error }
            state.finished = true
            defer { state.waiter = nil }
            return (state.waiter, state.failure)
        }
        if let failure { waiter?.resume(throwing: failure) } else { waiter?.resume() }
    }

    // MARK: - Jobs

    /// Ends the transaction early: later jobs and the jobs still queued fail with `error`.
    private func stop(_ error: any Error) -> Bool {
        state.withLock { $0.failure = error }
        jobs.close()
        while let job = jobs.pop(waitingUntil: .distantPast) {
            switch job {
            case .write(let task), .read(let task): task.finish(overriding: error)
            case .end: break
            }
        }
        commitActions = []
        return false
    }

    /// A write job in a savepoint of its own: kept when it succeeds (its after-commit work held
    /// for the shared commit), undone alone when it throws.
    private func runWrite(_ task: any StorageTask, on database: Database) {
        guard let succeeded = runInSavepoint(task, on: database) else { return }
        let actions = database.takeCommitActions()
        if succeeded, (try? database.control("RELEASE shared_job")) != nil {
            commitActions += actions
            task.finish(overriding: nil)
            return
        }
        undo(on: database)
        task.finish(overriding: succeeded ? StorageError(kind: .io, message: "could not release a savepoint") : nil)
    }

    /// A read job in a savepoint that is always rolled back, so it can change nothing.
    private func runRead(_ task: any StorageTask, on database: Database) {
        guard let succeeded = runInSavepoint(task, on: database) else { return }
        let actions = database.takeCommitActions()
        undo(on: database)
        if succeeded { commitActions += actions }
        task.finish(overriding: nil)
    }

    /// Opens the job's savepoint and runs it: whether it succeeded, or nil when the savepoint
    /// could not be opened (the job is then answered with that error).
    private func runInSavepoint(_ task: any StorageTask, on database: Database) -> Bool? {
        do {
            try database.control("SAVEPOINT shared_job")
        } catch {
            task.finish(overriding: error)
            return nil
        }
        return task.run(database)
    }

    private func undo(on database: Database) {
        guard database.connection.isInTransaction else { return }
        try? database.control("ROLLBACK TO shared_job")
        try? database.control("RELEASE shared_job")
    }
}
