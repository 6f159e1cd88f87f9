import Storage

/// A plugin's way into the database: the host's reader and writer, limited to the plugin's own
/// tables (`AccessScope`). Events published inside a write reach in-memory listeners once the
/// write has committed, before `write` returns; durable listeners ran inside the write itself.
public struct PluginStorage: DatabaseWriter {
    private let base: any DatabaseWriter
    private let scope: AccessScope

    package init(base: any DatabaseWriter, plugin: String) {
        self.base = base
        self.scope = .plugin(plugin)
    }

    /// Runs `body` in one snapshot with the plugin's tables readable.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let scope = self.scope
        return try await base.read { db in try db.withScope(scope) { try body(db) } }
    }

    /// Runs `body` in its own savepoint of a write and returns once it committed; then hands the
    /// events it published to in-memory listeners.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let scope = self.scope
        let deliveries = CommittedDeliveries()
        let result = try await base.write { db in
            try db.withJob(deliveries) { try db.withScope(scope) { try body(db) } }
        }
        await deliveries.runOnceCommitted()
        return result
    }
}
