import PluginSDK
import Storage
import Synchronization

/// Who is behind each token or API key presented lately, so a request needs no storage trip to
/// know its caller. Coherent through the `kernel.accounts` generation of `SharedCaches`: any
/// revocation, disabled account or changed permission bumps it in its own write, which empties
/// this cache in this process before the write is answered and in other processes within a
/// second. Expiry is checked on every hit.
final class CallerCache: Sendable {
    /// A caller as looked up, with the token's expiry (nil for API keys and unknown secrets).
    struct Found: Sendable {
        let caller: Caller
        let expiresAt: Int64?
    }

    private struct Entry {
        let found: Found
        let generation: Int64
    }

    static let cacheName = "kernel.accounts"
    /// Most secrets remembered; past it the cache starts over.
    private let limit = 100_000
    private let entries = Mutex<[String: Entry]>([:])
    private let caches: SharedCaches

    init(caches: SharedCaches) {
        self.caches = caches
    }

    /// The cached caller, or nil when it must be looked up.
    func caller(for secret: String, now: Int64) -> Caller? {
        let generation = caches.generation(Self.cacheName)
        return entries.withLock { entries -> Caller? in
            guard let entry = entries[secret] else { return nil }
            guard entry.generation == generation else {
                entries[secret] = nil
                return nil
            }
            if let expires = entry.found.expiresAt, expires <= now { return .anonymous }
            return entry.found.caller
        }
    }

    /// Remembers a lookup made in a snapshot that saw `generation`.
    func store(_ secret: String, _ found: Found, generation: Int64) {
        guard generation >= caches.generation(Self.cacheName) else { return }
        entries.withLock { entries in
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[secret] = Entry(found: found, generation: generation)
        }
    }

    /// The generation stored in the database, read in the caller's snapshot.
    func storedGeneration(in db: Database) throws -> Int64 {
        try SharedCaches.storedGeneration(Self.cacheName, in: db)
    }

    /// Bumps the generation in the write `db` belongs to.
    func invalidate(in db: Database) throws {
        try caches.invalidate(Self.cacheName, in: db)
    }
}
