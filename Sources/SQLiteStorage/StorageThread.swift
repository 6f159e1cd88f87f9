import Foundation

/// A thread that owns one connection and runs jobs from a queue until the queue closes.
/// SQLite work happens only here, never on an event loop or the Swift concurrency pool.
final class StorageThread: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)

    init(name: String, run: @escaping @Sendable () -> Void) {
        let done = finished
        let thread = Thread {
            run()
            done.signal()
        }
        thread.name = name
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Blocks until the thread's loop has returned.
    func join() { finished.wait() }
}
