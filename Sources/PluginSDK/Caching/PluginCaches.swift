import Storage

/// Names a kind of cached value: `CacheKey<StoreSettings>("settings")`. Keys are per plugin.
public struct CacheKey<Value: Sendable>: Sendable {
    public let name: String
    public init(_ name: String) { self.name = name }
}

/// Values a plugin keeps in memory between requests (a store's settings), kept coherent with
/// writes: `invalidate` in the write that changes the value drops it for every later request of
/// this process once the write commits, and for other processes on the same database (the CLI, a
/// second server) within a second.
public struct PluginCaches: Sendable {
    private let plugin: String
    private let router: any CacheRouter

    package init(plugin: String, router: any CacheRouter) {
        self.plugin = plugin
        self.router = router
    }

    /// The cached value of `key` for `id`, or what `load` reads (and is then cached) - inside the
    /// caller's read or write, so a miss costs no extra trip to storage.
    public func value<Value: Sendable>(_ key: CacheKey<Value>, id: Int64, in db: Database, load: (Database) throws -> Value) throws -> Value {
        let found = try router.value("\(plugin).\(key.name)", id: id, in: db) { db in try load(db) }
        guard let value = found as? Value else { return try load(db) }
        return value
    }

    /// Drops every cached value of `key` once the write `db` belongs to commits.
    public func invalidate<Value: Sendable>(_ key: CacheKey<Value>, in db: Database) throws {
        try router.invalidate("\(plugin).\(key.name)", in: db)
    }
}

/// The kernel's shared caches as `PluginCaches` reaches them.
package protocol CacheRouter: Sendable {
    func value(_ name: String, id: Int64, in db: Database, load: (Database) throws -> any Sendable) throws -> any Sendable
    func invalidate(_ name: String, in db: Database) throws
}
