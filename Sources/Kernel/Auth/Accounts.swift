import Foundation
import Storage

/// Stores, users, admins, API keys and login tokens, kept in the kernel's tables.
public struct Accounts: Sendable {
    /// What a login token belongs to.
    public enum SubjectKind: String, Sendable { case user, admin }

    /// Prefix that tells an API key from a login token at a glance.
    public static let apiKeyPrefix = "isk_"

    let pool: DatabasePool
    let hasher: PasswordHasher
    let tokenLifetimeSeconds: Int64
    let clock: KernelClock

    init(pool: DatabasePool, hasher: PasswordHasher, tokenLifetimeSeconds: Int64, clock: KernelClock) {
        self.pool = pool
        self.hasher = hasher
        self.tokenLifetimeSeconds = tokenLifetimeSeconds
        self.clock = clock
    }

    // MARK: - Stores

    /// The id of the store named by `reference` (an id, or a name; an unknown name creates the store).
    public func store(_ reference: String) async throws -> Int64 {
        let now = clock.unixSeconds()
        return try await pool.write { database in
            if let id = Int64(reference) {
                guard try database.queryOne("SELECT id FROM stores WHERE id = ?", id) != nil else {
                    throw KernelError.invalid(LocalizedText(verbatim: "store \(id) does not exist"))
                }
                return id
            }
            if let row = try database.queryOne("SELECT id FROM stores WHERE name = ?", reference) {
                return row.int64("id")!
            }
            try database.execute("INSERT INTO stores (name, created_at) VALUES (?, ?)", reference, now)
            return database.lastInsertRowID
        }
    }

    /// Whether a store with this id exists.
    public func storeExists(_ id: Int64) async throws -> Bool {
        try await pool.read { database in try database.queryOne("SELECT 1 FROM stores WHERE id = ?", id) != nil }
    }

    // MARK: - Users and admins

    /// Creates a customer account in a store and returns its id.
    public func createUser(name: String, email: String?, password: String?, storeID: Int64) async throws -> Int64 {
        let passwordHash = try await password.asyncMap { try await hasher.hash($0) }
        let now = clock.unixSeconds()
        return try await pool.write { database in
            try database.execute(
                "INSERT INTO users (store_id, name, email, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                storeID, name, email, passwordHash, now)
            return database.lastInsertRowID
        }
    }

    /// Creates an admin; with no permissions given it is a super-admin.
    public func createAdmin(name: String, password: String?, permissions: [String]? = nil) async throws -> Int64 {
        let passwordHash = try await password.asyncMap { try await hasher.hash($0) }
        let now = clock.unixSeconds()
        return try await pool.write { database in
            try database.execute(
                "INSERT INTO admins (name, password_hash, is_super, permissions, created_at) VALUES (?, ?, ?, ?, ?)",
                name, passwordHash, permissions == nil, (permissions ?? []).joined(separator: ","), now)
            return database.lastInsertRowID
        }
    }

    /// A user by id, or nil when there is none (or it is disabled).
    public func user(id: Int64) async throws -> UserIdentity? {
        let row = try await pool.read { database in
            try database.queryOne("SELECT id, store_id, name FROM users WHERE id = ? AND disabled = 0", id)
        }
        guard let row, let store = row.int64("store_id"), let name = row.string("name") else { return nil }
        return UserIdentity(id: id, storeID: store, name: name)
    }

    /// Checks `accounts` (name or email) and `password`; returns the subject id, or nil.
    public func verifyPassword(kind: SubjectKind, accounts: String, password: String) async throws -> Int64? {
        let row = try await pool.read { database in
            switch kind {
            case .user:
                try database.queryOne(
                    "SELECT id, password_hash FROM users WHERE (name = ? OR email = ?) AND disabled = 0 ORDER BY id LIMIT 1",
                    accounts, accounts)
            case .admin:
                try database.queryOne("SELECT id, password_hash FROM admins WHERE name = ? AND disabled = 0", accounts)
            }
        }
        guard let row, let stored = row.string("password_hash") else {
            _ = await hasher.verify(password, against: Self.decoyHash)
            return nil
        }
        return await hasher.verify(password, against: stored) ? row.int64("id") : nil
    }

    /// A well-formed hash no password matches, so unknown accounts cost as much as known ones.
    static let decoyHash = "pbkdf2-sha256$600000$00000000000000000000000000000000$" + String(repeating: "0", count: 64)

    // MARK: - Tokens

    /// Issues a new login token for a user or admin; only its hash is stored.
    public func issueToken(kind: SubjectKind, subjectID: Int64) async throws -> String {
        let token = SecureToken.generate()
        let hash = SecureToken.hash(token)
        let now = clock.unixSeconds()
        let expires = now + tokenLifetimeSeconds
        try await pool.write { database in
            try database.execute(
                "INSERT INTO tokens (token_hash, subject_kind, subject_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                hash, kind.rawValue, subjectID, now, expires)
        }
        return token
    }

    /// Revokes a login token; true when it was live.
    @discardableResult
    public func revokeToken(_ token: String) async throws -> Bool {
        let hash = SecureToken.hash(token)
        let now = clock.unixSeconds()
        return try await pool.write { database in
            try database.execute("UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL", now, hash)
            return database.changes > 0
        }
    }

    /// Creates an API key for a store with the given scopes; returns its id and the key (shown once).
    /// The key's first characters are kept as its prefix so lists can tell keys apart.
    public func createAPIKey(storeID: Int64, scopes: [String], name: String = "") async throws -> (id: Int64, key: String) {
        let key = SecureToken.generate(prefix: Self.apiKeyPrefix)
        let hash = SecureToken.hash(key)
        let prefix = String(key.prefix(Self.apiKeyPrefix.count + 8))
        let now = clock.unixSeconds()
        let id = try await pool.write { database in
            try database.execute(
                "INSERT INTO api_keys (store_id, key_hash, scopes, created_at, prefix, name) VALUES (?, ?, ?, ?, ?, ?)",
                storeID, hash, scopes.joined(separator: ","), now, prefix, name)
            return database.lastInsertRowID
        }
        return (id, key)
    }

    /// Who presents this secret (login token or API key); `.anonymous` when it is unknown,
    /// expired, revoked or malformed.
    public func caller(presenting secret: String) async throws -> Caller {
        if secret.hasPrefix(Self.apiKeyPrefix) {
            guard Self.isWellFormed(secret.dropFirst(Self.apiKeyPrefix.count)) else { return .anonymous }
            let hash = SecureToken.hash(secret)
            let row = try await pool.read { database in
                try database.queryOne("SELECT id, store_id, scopes FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL", hash)
            }
            guard let row, let id = row.int64("id"), let store = row.int64("store_id") else { return .anonymous }
            let scopes = (row.string("scopes") ?? "").split(separator: ",").map(String.init)
            return .apiKey(APIKeyIdentity(id: id, storeID: store, scopes: scopes))
        }
        guard Self.isWellFormed(secret[...]) else { return .anonymous }
        let hash = SecureToken.hash(secret)
        let now = clock.unixSeconds()
        let row = try await pool.read { database in
            try database.queryOne(
                """
                SELECT t.subject_kind, t.subject_id, u.store_id, u.name AS user_name,
                       a.name AS admin_name, a.is_super, a.permissions
                FROM tokens t
                LEFT JOIN users u ON t.subject_kind = 'user' AND u.id = t.subject_id AND u.disabled = 0
                LEFT JOIN admins a ON t.subject_kind = 'admin' AND a.id = t.subject_id AND a.disabled = 0
                WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ?
                """, hash, now)
        }
        guard let row, let id = row.int64("subject_id") else { return .anonymous }
        switch row.string("subject_kind") {
        case "user":
            guard let store = row.int64("store_id"), let name = row.string("user_name") else { return .anonymous }
            return .user(UserIdentity(id: id, storeID: store, name: name))
        case "admin":
            guard let name = row.string("admin_name") else { return .anonymous }
            let permissions = (row.string("permissions") ?? "").split(separator: ",").map(String.init)
            return .admin(AdminIdentity(id: id, name: name, isSuper: row.bool("is_super"), permissions: permissions))
        default:
            return .anonymous
        }
    }

    /// A secret is 64 hex digits; anything else is refused without touching storage.
    private static func isWellFormed(_ secret: Substring) -> Bool {
        secret.utf8.count == 64 && secret.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

extension Optional {
    func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
