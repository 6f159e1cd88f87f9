/// Reading: each closure runs in one snapshot on a storage thread and may not write.
/// (GRDB's `DatabaseReader`: code is handed this protocol, never a pool class.)
public protocol DatabaseReader: Sendable {
    /// Runs `body` with a read-only connection in one snapshot and answers its result.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T
}

/// Writing: each closure runs in its own savepoint of a write transaction on the writer thread;
/// the call returns once the transaction holding it has committed durably. A closure that throws
/// is undone alone.
public protocol DatabaseWriter: DatabaseReader {
    /// Runs `body` on the writer and returns once its changes are committed; when `body` throws,
    /// its changes are undone and the error is rethrown.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T
}
