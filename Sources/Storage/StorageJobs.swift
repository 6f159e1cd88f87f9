import Synchronization

/// Counts the storage jobs (read or write closures) submitted from a task and its children, so a
/// caller can tell how many trips to storage a piece of work made (the dispatcher counts each
/// request's; tests assert on them).
public final class StorageJobCounter: Sendable {
    private let reads = Atomic<Int>(0)
    private let writes = Atomic<Int>(0)

    public init() {}

    /// Read jobs so far.
    public var readJobs: Int { reads.load(ordering: .relaxed) }
    /// Write jobs so far.
    public var writeJobs: Int { writes.load(ordering: .relaxed) }

    package func countRead() { reads.add(1, ordering: .relaxed) }
    package func countWrite() { writes.add(1, ordering: .relaxed) }

    /// The counter of the current task, if one was set with `StorageJobCounter.$current.withValue`.
    @TaskLocal public static var current: StorageJobCounter?
}
