import Foundation
import PluginSDK
import Storage

/// Stores, users, admins, API keys and login tokens, kept in the kernel's tables. Only the host
/// reaches this type (the `system` plugin, the command line, tests); plugins get the read-only
/// `AccountDirectory` it implements.
public struct Accounts: AccountDirectory {
    /// What a login token belongs to.
    public enum SubjectKind: String, Sendable { case user, admin }

    /// Prefix that tells an API key from a login token at a glance.
    public static let apiKeyPrefix = "isk_"

    let writer: any DatabaseWriter
    let hasher: PasswordHasher
    let tokenLifetimeSeconds: Int64
    let clock: KernelClock
    let callers: CallerCache

    init(writer: any DatabaseWriter, hasher: PasswordHasher, tokenLifetimeSeconds: Int64, clock: KernelClock, caches: SharedCaches) {
        self.writer = writer
        self.hasher = hasher
        self.tokenLifetimeSeconds = tokenLifetimeSeconds
        self.clock = clock
        self.callers = CallerCache(caches: caches)
    }

    // MARK: - AccountDirectory

    public func user(id: Int64, in db: Database) throws -> UserIdentity? {
        let row = try db.asHost { try db.queryOne("SELECT id, store_id, name FROM users WHERE id = ? AND disabled = 0", id) }
        guard let row else { return nil }
        return UserIdentity(id: id, storeID: try row.require("store_id"), name: try row.require("name"))
    }

    public func storeExists(_ id: Int64, in db: Database) throws -> Bool {
        try db.asHost { try db.queryOne("SELECT 1 FROM stores WHERE id = ?", id) != nil }
    }

    // MARK: - Stores

    /// The id of the store named by `reference` (an id, or a name; an unknown name creates the store).
    public func store(_ reference: String) async throws -> Int64 {
        let now = clock.unixSeconds()
        return try await writer.write { db in
            try db.asHost {
                if let id = Int64(reference) {
                    guard try db.queryOne("SELECT id FROM stores WHERE id = ?", id) != nil else {
                        throw KernelError.invalid(LocalizedText(verbatim: "store \(id) does not exist"))
                    }
                    return id
                }
                if let row = try db.queryOne("SELECT id FROM stores WHERE name = ?", reference) {
                    return try row.require("id")
                }
                return try db.insert("INSERT INTO stores (name, created_at) VALUES (?, ?) RETURNING id", reference, now)
            }
        }
    }

    /// The id of the existing store named by `reference` (an id or a name); refuses one that
    /// does not exist (stores are made only by `createStore`).
    public func existingStore(_ reference: String) async throws -> Int64 {
        let found = try await writer.read { db in
            try db.asHost {
                if let id = Int64(reference) { return try db.queryOne("SELECT id FROM stores WHERE id = ?", id)?.int64("id") }
                return try db.queryOne("SELECT id FROM stores WHERE name = ?", reference)?.int64("id")
            }
        }
        guard let found else { throw KernelError.invalid(LocalizedText(verbatim: "no store '\(reference)' (see `store list`; `store create` makes one)")) }
        return found
    }

    /// Whether a store with this id exists.
    public func storeExists(_ id: Int64) async throws -> Bool {
        try await writer.read { db in try storeExists(id, in: db) }
    }

    // MARK: - Users and admins

    /// Creates a customer account in a store and returns its id.
    public func createUser(name: String, email: String?, password: String?, storeID: Int64) async throws -> Int64 {
        let passwordHash = try await password.asyncMap { try await hasher.hash($0) }
        let now = clock.unixSeconds()
        return try await writer.write { db in
            try db.asHost {
                try db.insert(
                    "INSERT INTO users (store_id, name, email, password_hash, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                    storeID, name, email, passwordHash, now)
            }
        }
    }

    /// Creates an admin; with no permissions given it is a super-admin.
    public func createAdmin(name: String, password: String?, permissions: [String]? = nil) async throws -> Int64 {
        let passwordHash = try await password.asyncMap { try await hasher.hash($0) }
        let now = clock.unixSeconds()
        return try await writer.write { db in
            try db.asHost {
                try db.insert(
                    "INSERT INTO admins (name, password_hash, is_super, permissions, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                    name, passwordHash, permissions == nil, (permissions ?? []).joined(separator: ","), now)
            }
        }
    }

    /// A user by id, or nil when there is none (or it is disabled).
    public func user(id: Int64) async throws -> UserIdentity? {
        try await writer.read { db in try user(id: id, in: db) }
    }

    /// Checks `accounts` (name or email) and `password`; returns the subject id, or nil.
    public func verifyPassword(kind: SubjectKind, accounts: String, password: String) async throws -> Int64? {
        let row = try await writer.read { db in
            try db.asHost {
                switch kind {
                case .user:
                    try db.queryOne(
                        "SELECT id, password_hash FROM users WHERE (name = ? OR email = ?) AND disabled = 0 ORDER BY id LIMIT 1",
                        accounts, accounts)
                case .admin:
                    try db.queryOne("SELECT id, password_hash FROM admins WHERE name = ? AND disabled = 0", accounts)
                }
            }
        }
        guard let row, let stored = row.string("password_hash") else {
            _ = try await hasher.verify(password, against: hasher.decoyHash)
            return nil
        }
        return try await hasher.verify(password, against: stored) ? row.int64("id") : nil
    }

    // MARK: - Tokens and keys

    /// Issues a new login token for a user or admin; only its hash is stored. The caller it
    /// names is cached at once, so the token's first use needs no lookup.
    public func issueToken(kind: SubjectKind, subjectID: Int64) async throws -> String {
        let token = SecureToken.generate()
        let hash = SecureToken.hash(token)
        let now = clock.unixSeconds()
        let expires = now + tokenLifetimeSeconds
        let callers = self.callers
        try await writer.write { db in
            try db.asHost {
                try db.execute(
                    "INSERT INTO tokens (token_hash, subject_kind, subject_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                    hash, kind.rawValue, subjectID, now, expires)
                if let found = try Self.lookUp(token, in: db, now: now) {
                    let generation = try callers.storedGeneration(in: db)
                    db.afterCommit { callers.store(token, found, generation: generation) }
                }
            }
        }
        return token
    }

    /// Revokes a login token; true when it was live. Once this returns, the token works nowhere
    /// in this process; other processes on the database drop it within a second.
    @discardableResult
    public func revokeToken(_ token: String) async throws -> Bool {
        let hash = SecureToken.hash(token)
        let now = clock.unixSeconds()
        let callers = self.callers
        return try await writer.write { db in
            let revoked = try db.asHost {
                try db.execute("UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL", now, hash)
                return db.changes > 0
            }
            if revoked { try callers.invalidate(in: db) }
            return revoked
        }
    }

    /// Creates an API key for a store with the given scopes; returns its id and the key (shown once).
    /// The key's first characters are kept as its prefix so lists can tell keys apart.
    public func createAPIKey(storeID: Int64, scopes: [String], name: String = "") async throws -> (id: Int64, key: String) {
        let key = SecureToken.generate(prefix: Self.apiKeyPrefix)
        let hash = SecureToken.hash(key)
        let prefix = String(key.prefix(Self.apiKeyPrefix.count + 8))
        let now = clock.unixSeconds()
        let id = try await writer.write { db in
            try db.asHost {
                try db.insert(
                    "INSERT INTO api_keys (store_id, key_hash, scopes, created_at, prefix, name) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                    storeID, hash, scopes.joined(separator: ","), now, prefix, name)
            }
        }
        return (id, key)
    }

    /// Who presents this secret (login token or API key); `.anonymous` when it is unknown,
    /// expired, revoked or malformed. Answered from the cache when it can be; a miss costs one read.
    public func caller(presenting secret: String) async throws -> Caller {
        guard Self.isWellFormed(secret) else { return .anonymous }
        let now = clock.unixSeconds()
        if let cached = callers.caller(for: secret, now: now) { return cached }
        let callers = self.callers
        let (found, generation) = try await writer.read { db in
            (try Self.lookUp(secret, in: db, now: now), try callers.storedGeneration(in: db))
        }
        callers.store(secret, found ?? CallerCache.Found(caller: .anonymous, expiresAt: nil), generation: generation)
        return found?.caller ?? .anonymous
    }

    /// Marks every cached caller stale once the write `db` belongs to commits (a revocation, a
    /// disabled account, changed permissions).
    func invalidateCallers(in db: Database) throws {
        try callers.invalidate(in: db)
    }

    /// The caller behind a secret as stored now, with its expiry; nil when there is none.
    static func lookUp(_ secret: String, in db: Database, now: Int64) throws -> CallerCache.Found? {
        let hash = SecureToken.hash(secret)
        return try db.asHost {
            if secret.hasPrefix(apiKeyPrefix) {
                guard let row = try db.queryOne("SELECT id, store_id, scopes FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL", hash)
                else { return nil }
                let scopes = (row.string("scopes") ?? "").split(separator: ",").map(String.init)
                let key = APIKeyIdentity(id: try row.require("id"), storeID: try row.require("store_id"), scopes: scopes)
                return CallerCache.Found(caller: .apiKey(key), expiresAt: nil)
            }
            let row = try db.queryOne(
                """
                SELECT t.subject_kind, t.subject_id, t.expires_at, u.store_id, u.name AS user_name,
                       a.name AS admin_name, a.is_super, a.permissions
                FROM tokens t
                LEFT JOIN users u ON t.subject_kind = 'user' AND u.id = t.subject_id AND u.disabled = 0
                LEFT JOIN admins a ON t.subject_kind = 'admin' AND a.id = t.subject_id AND a.disabled = 0
                WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ?
                """, hash, now)
            guard let row else { return nil }
            let id: Int64 = try row.require("subject_id")
            let expiresAt: Int64 = try row.require("expires_at")
            switch try row.decode("subject_kind", as: SubjectKind.self) {
            case .user:
                guard let store = row.int64("store_id"), let name = row.string("user_name") else { return nil }
                return CallerCache.Found(caller: .user(UserIdentity(id: id, storeID: store, name: name)), expiresAt: expiresAt)
            case .admin:
                guard let name = row.string("admin_name") else { return nil }
                let permissions = (row.string("permissions") ?? "").split(separator: ",").map(String.init)
                let admin = AdminIdentity(id: id, name: name, isSuper: row.bool("is_super"), permissions: permissions)
                return CallerCache.Found(caller: .admin(admin), expiresAt: expiresAt)
            }
        }
    }

    /// A token is 64 hex digits, an API key `isk_` and 64 hex digits; anything else is refused
    /// without touching storage.
    static func isWellFormed(_ secret: String) -> Bool {
        let digits = secret.hasPrefix(apiKeyPrefix) ? secret.utf8.dropFirst(apiKeyPrefix.utf8.count) : secret.utf8[...]
        return digits.count == 64 && digits.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

extension Optional {
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
