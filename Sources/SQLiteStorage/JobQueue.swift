import Foundation

/// A blocking FIFO shared by the storage threads: producers never block, consumers wait.
final class JobQueue<Job>: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var head = 0
    private var closed = false

    /// Adds a job; false when the queue is closed.
    func push(_ job: Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    /// Waits for at least one job and takes up to `limit`; nil once closed and drained.
    func popBatch(limit: Int) -> [Job]? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count && !closed { condition.wait() }
        guard head < jobs.count else { return nil }
        let end = min(jobs.count, head + limit)
        let batch = Array(jobs[head..<end])
        head = end
        if head == jobs.count {
            jobs.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024 {
            jobs.removeFirst(head)
            head = 0
        }
        return batch
    }

    /// Waits for one job until `deadline`; nil when the deadline passed first, or once closed
    /// and drained.
    func pop(waitingUntil deadline: Date) -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count && !closed {
            if !condition.wait(until: deadline) { break }
        }
        guard head < jobs.count else { return nil }
        let job = jobs[head]
        head += 1
        if head == jobs.count {
            jobs.removeAll(keepingCapacity: true)
            head = 0
        }
        return job
    }

    /// Jobs waiting to be taken.
    var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return jobs.count - head
    }

    /// Refuses new jobs and wakes every consumer; queued jobs are still handed out.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
