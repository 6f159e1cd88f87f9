import PluginSDK
import Storage
import Synchronization

/// In-memory values kept coherent with the database they were read from, for the kernel (the
/// caller behind a token, plugin states) and for plugins (`PluginCaches`).
///
/// Each cache has a generation, a counter in `cache_generations`. A write that changes cached
/// data bumps it in the same transaction (`invalidate`), and once that write commits this process
/// knows the new generation before the write's caller resumes - so the next request reads afresh.
/// Other processes' bumps (the CLI, a second server) are read by `refreshGenerations`, which the
/// server runs four times a second. A value is cached with the generation read in the same
/// snapshot it was loaded from, and served only while that generation is the newest known.
public final class SharedCaches: CacheRouter {
    private struct Entry {
        let generation: Int64
        let value: any Sendable
    }

    private struct State {
        var generations: [String: Int64] = [:]
        var entries: [String: [Int64: Entry]] = [:]
    }

    /// Most values kept per cache; past it the cache starts over.
    private let limit: Int
    private let state = Mutex(State())

    init(limit: Int = 50_000) {
        self.limit = limit
    }

    // MARK: - CacheRouter

    package func value(_ name: String, id: Int64, in db: Database, load: (Database) throws -> any Sendable) throws -> any Sendable {
        // Inside an atomic batch the rows read may never commit, and its own changes are not yet
        // visible to the cache: read afresh and keep nothing.
        if db.sharesTransaction { return try load(db) }
        let known = state.withLock { state -> (any Sendable)? in
            guard let entry = state.entries[name]?[id], entry.generation == state.generations[name, default: 0] else { return nil }
            return entry.value
        }
        if let known { return known }
        let generation = try Self.storedGeneration(name, in: db)
        let value = try load(db)
        state.withLock { state in
            let newest = max(state.generations[name, default: 0], generation)
            state.generations[name] = newest
            guard generation == newest else { return }
            if state.entries[name, default: [:]].count >= limit { state.entries[name] = [:] }
            state.entries[name, default: [:]][id] = Entry(generation: generation, value: value)
        }
        return value
    }

    package func invalidate(_ name: String, in db: Database) throws {
        let generation = try db.asHost {
            try db.queryOne(
                """
                INSERT INTO cache_generations (name, generation) VALUES (?, 1)
                ON CONFLICT (name) DO UPDATE SET generation = generation + 1 RETURNING generation
                """, name)?.int64("generation") ?? 0
        }
        db.afterCommit { [self] in advance(name, to: generation) }
    }

    // MARK: - Generations

    /// Reads every generation (another process may have bumped some) and drops what they outdate.
    public func refreshGenerations(_ reader: any DatabaseReader) async throws {
        let stored = try await reader.read { db in
            try db.asHost { try db.query("SELECT name, generation FROM cache_generations") }
                .compactMap { row -> (String, Int64)? in
                    guard let name = row.string("name"), let generation = row.int64("generation") else { return nil }
                    return (name, generation)
                }
        }
        for (name, generation) in stored { advance(name, to: generation) }
    }

    /// The newest generation this process knows for `name`.
    func generation(_ name: String) -> Int64 {
        state.withLock { $0.generations[name, default: 0] }
    }

    /// Moves `name` to `generation` (never back) and drops entries of older ones.
    func advance(_ name: String, to generation: Int64) {
        state.withLock { state in
            guard generation > state.generations[name, default: 0] else { return }
            state.generations[name] = generation
            state.entries[name] = nil
        }
    }

    /// Drops one cached value (a token revoked in this process).
    func remove(_ name: String, id: Int64) {
        state.withLock { _ = $0.entries[name]?.removeValue(forKey: id) }
    }

    static func storedGeneration(_ name: String, in db: Database) throws -> Int64 {
        try db.asHost { try db.queryOne("SELECT generation FROM cache_generations WHERE name = ?", name)?.int64("generation") ?? 0 }
    }
}
