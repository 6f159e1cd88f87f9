import Foundation
import PluginSDK
import Storage

/// Account management: listing, disabling and re-enabling users, revoking their tokens, setting
/// passwords, admins' permissions, stores and API keys. The `system/users|admins|stores|apikeys`
/// actions and the CLI's `user|admin|store|apikey` commands both run these. Every change that
/// can alter who a secret names (a revoked token or key, a disabled user, new permissions) marks
/// the cached callers stale in the same write.
extension Accounts {
    /// Users, newest first; `search` matches a part of the name or email, `storeID` limits to one store.
    public func users(storeID: Int64?, search: String?, page: Int64, size: Int64) async throws -> Listing<UserRecord> {
        let now = clock.unixSeconds()
        var conditions: [String] = []
        var arguments: [any SQLBindable] = []
        if let storeID {
            conditions.append("u.store_id = ?")
            arguments.append(storeID)
        }
        if let search, !search.isEmpty {
            conditions.append("(u.name LIKE ? ESCAPE '\\' OR u.email LIKE ? ESCAPE '\\')")
            let pattern = "%" + Self.likeEscaped(search) + "%"
            arguments += [pattern, pattern]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let bound = arguments
        let listed: [any SQLBindable] = [now] + arguments + [size, (page - 1) * size]
        return try await writer.read { db in
            try db.asHost {
                let total = try db.queryOne("SELECT COUNT(*) AS n FROM users u \(filter)", arguments: bound)?.int64("n") ?? 0
                let rows = try db.query(
                    "SELECT \(UserRecord.columns) FROM users u \(filter) ORDER BY u.id DESC LIMIT ? OFFSET ?", arguments: listed)
                return Listing(total: total, records: rows.map(UserRecord.init(row:)))
            }
        }
    }

    /// One user, disabled or not.
    public func userRecord(id: Int64) async throws -> UserRecord? {
        let now = clock.unixSeconds()
        return try await writer.read { db in try Self.userRecord(id: id, in: db, now: now) }
    }

    /// Disables (revoking every token: re-enabling must not revive them) or re-enables a user.
    public func setUserDisabled(id: Int64, _ disabled: Bool) async throws -> UserRecord? {
        let now = clock.unixSeconds()
        let callers = self.callers
        return try await writer.write { db in
            let found = try db.asHost {
                try db.execute("UPDATE users SET disabled = ? WHERE id = ?", disabled, id)
                guard db.changes > 0 else { return false }
                if disabled { _ = try Self.revokeTokens(db, kind: .user, subjectID: id, except: nil, now: now) }
                return true
            }
            guard found else { return nil }
            try callers.invalidate(in: db)
            return try Self.userRecord(id: id, in: db, now: now)
        }
    }

    /// Revokes every live token of a user or admin, except `keeping` (the caller's own, when it
    /// changes its password); answers how many were revoked.
    @discardableResult
    public func revokeTokens(kind: SubjectKind, subjectID: Int64, keeping: String? = nil) async throws -> Int {
        let now = clock.unixSeconds()
        let kept = keeping.map(SecureToken.hash)
        let callers = self.callers
        return try await writer.write { db in
            let revoked = try db.asHost { try Self.revokeTokens(db, kind: kind, subjectID: subjectID, except: kept, now: now) }
            if revoked > 0 { try callers.invalidate(in: db) }
            return revoked
        }
    }

    /// Sets a user's or admin's password and revokes its tokens but `keeping`; false when there is
    /// no such account. Throws when the password is shorter than 8 characters.
    public func setPassword(kind: SubjectKind, subjectID: Int64, password: String, keeping: String? = nil) async throws -> Bool {
        try Passwords.check(password)
        let hash = try await hasher.hash(password)
        let now = clock.unixSeconds()
        let kept = keeping.map(SecureToken.hash)
        let callers = self.callers
        return try await writer.write { db in
            let found = try db.asHost {
                try db.execute("UPDATE \(kind.table) SET password_hash = ? WHERE id = ?", hash, subjectID)
                guard db.changes > 0 else { return false }
                _ = try Self.revokeTokens(db, kind: kind, subjectID: subjectID, except: kept, now: now)
                return true
            }
            if found { try callers.invalidate(in: db) }
            return found
        }
    }

    /// Whether `password` is the account's current one.
    public func checkPassword(kind: SubjectKind, subjectID: Int64, password: String) async throws -> Bool {
        let stored = try await writer.read { db in
            try db.asHost { try db.queryOne("SELECT password_hash FROM \(kind.table) WHERE id = ?", subjectID)?.string("password_hash") }
        }
        guard let stored else {
            _ = try await hasher.verify(password, against: hasher.decoyHash)
            return false
        }
        return try await hasher.verify(password, against: stored)
    }

    // MARK: - Admins

    /// Every admin, by id.
    public func admins() async throws -> [AdminRecord] {
        try await writer.read { db in
            try db.asHost { try db.query("SELECT \(AdminRecord.columns) FROM admins ORDER BY id").map(AdminRecord.init(row:)) }
        }
    }

    /// One admin.
    public func adminRecord(id: Int64) async throws -> AdminRecord? {
        try await writer.read { db in try Self.adminRecord(id: id, in: db) }
    }

    /// Makes an admin a super-admin (`permissions` nil) or limits it to `permissions`. Refuses to
    /// take the last enabled super-admin's powers, which would leave nobody able to grant them back.
    public func setAdminPermissions(id: Int64, permissions: [String]?) async throws -> AdminRecord? {
        let callers = self.callers
        return try await writer.write { db in
            let found = try db.asHost {
                guard let row = try db.queryOne("SELECT is_super FROM admins WHERE id = ?", id) else { return false }
                if permissions != nil, row.bool("is_super") {
                    let others = try db.queryOne(
                        "SELECT COUNT(*) AS n FROM admins WHERE is_super = 1 AND disabled = 0 AND id != ?", id)?.int64("n") ?? 0
                    guard others > 0 else { throw KernelError.invalid(AccountMessages.lastSuperAdmin) }
                }
                try db.execute(
                    "UPDATE admins SET is_super = ?, permissions = ? WHERE id = ?",
                    permissions == nil, (permissions ?? []).joined(separator: ","), id)
                return true
            }
            guard found else { return nil }
            try callers.invalidate(in: db)
            return try Self.adminRecord(id: id, in: db)
        }
    }

    // MARK: - Stores

    /// Every store, by id.
    public func stores() async throws -> [StoreRecord] {
        try await writer.read { db in
            try db.asHost { try db.query("SELECT id, name, created_at FROM stores ORDER BY id").map(StoreRecord.init(row:)) }
        }
    }

    /// Creates a store; a name already taken answers the conflict error.
    public func createStore(name: String) async throws -> StoreRecord {
        let name = try Self.storeName(name)
        let now = clock.unixSeconds()
        return try await writer.write { db in
            try db.asHost {
                let id = try db.insert("INSERT INTO stores (name, created_at) VALUES (?, ?) RETURNING id", name, now)
                return StoreRecord(id: id, name: name, createdAt: now)
            }
        }
    }

    /// Renames a store; nil when there is no such store.
    public func renameStore(id: Int64, name: String) async throws -> StoreRecord? {
        let name = try Self.storeName(name)
        return try await writer.write { db in
            try db.asHost {
                try db.execute("UPDATE stores SET name = ? WHERE id = ?", name, id)
                guard db.changes > 0 else { return nil }
                return try db.queryOne("SELECT id, name, created_at FROM stores WHERE id = ?", id).map(StoreRecord.init(row:))
            }
        }
    }

    // MARK: - API keys

    /// API keys, newest first, revoked ones included; `storeID` limits to one store.
    public func apiKeys(storeID: Int64?) async throws -> [APIKeyRecord] {
        try await writer.read { db in
            try db.asHost {
                let rows =
                    if let storeID {
                        try db.query("SELECT \(APIKeyRecord.columns) FROM api_keys WHERE store_id = ? ORDER BY id DESC", storeID)
                    } else {
                        try db.query("SELECT \(APIKeyRecord.columns) FROM api_keys ORDER BY id DESC")
                    }
                return rows.map(APIKeyRecord.init(row:))
            }
        }
    }

    /// Revokes an API key (of `storeID` when given); nil when there is no such key. Revoking a
    /// revoked key changes nothing.
    public func revokeAPIKey(id: Int64, storeID: Int64?) async throws -> APIKeyRecord? {
        let now = clock.unixSeconds()
        let callers = self.callers
        return try await writer.write { db in
            let (record, revoked) = try db.asHost { () -> (APIKeyRecord?, Bool) in
                guard let row = try db.queryOne("SELECT \(APIKeyRecord.columns) FROM api_keys WHERE id = ?", id),
                    storeID == nil || row.int64("store_id") == storeID
                else { return (nil, false) }
                try db.execute("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, id)
                let revoked = db.changes > 0
                return (try db.queryOne("SELECT \(APIKeyRecord.columns) FROM api_keys WHERE id = ?", id).map(APIKeyRecord.init(row:)), revoked)
            }
            if revoked { try callers.invalidate(in: db) }
            return record
        }
    }

    // MARK: - Rules

    /// Refuses a new password shorter than 8 characters.
    public static func checkNewPassword(_ password: String) throws {
        try Passwords.check(password)
    }

    /// A store name, trimmed; empty or all digits (which would read as an id) is refused.
    static func storeName(_ text: String) throws -> String {
        let name = text.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, Int64(name) == nil else { throw KernelError.badParameter("name", .malformed) }
        return name
    }

    /// Permissions from comma-separated text: each `plugin.control.action`, `plugin.control.*`,
    /// `plugin.*` or `*`, in lower-case letters, digits and `_`.
    public static func permissions(from text: String) throws -> [String] {
        let permissions = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for permission in permissions where !isPermission(permission) { throw KernelError.badParameter("permissions", .malformed) }
        return permissions
    }

    private static func isPermission(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return false }
        for (index, part) in parts.enumerated() {
            if part == "*" { return index == parts.count - 1 }
            guard !part.isEmpty, part.utf8.allSatisfy({ (97...122).contains($0) || (48...57).contains($0) || $0 == 95 }) else { return false }
        }
        return parts.count == 3
    }

    // MARK: - Helpers

    static func userRecord(id: Int64, in db: Database, now: Int64) throws -> UserRecord? {
        try db.asHost { try db.queryOne("SELECT \(UserRecord.columns) FROM users u WHERE u.id = ?", now, id).map(UserRecord.init(row:)) }
    }

    static func adminRecord(id: Int64, in db: Database) throws -> AdminRecord? {
        try db.asHost { try db.queryOne("SELECT \(AdminRecord.columns) FROM admins WHERE id = ?", id).map(AdminRecord.init(row:)) }
    }

    static func revokeTokens(_ db: Database, kind: SubjectKind, subjectID: Int64, except kept: [UInt8]?, now: Int64) throws -> Int {
        try db.execute(
            """
            UPDATE tokens SET revoked_at = ? WHERE subject_kind = ? AND subject_id = ? AND revoked_at IS NULL
                AND expires_at > ? AND token_hash IS NOT ?
            """, now, kind.rawValue, subjectID, now, kept)
        return db.changes
    }

    /// A comma-separated list as stored.
    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map(String.init)
    }

    /// `text` with LIKE's wildcards taken literally.
    static func likeEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}

extension Accounts.SubjectKind {
    /// The table the accounts of this kind live in.
    var table: String {
        switch self {
        case .user: "users"
        case .admin: "admins"
        }
    }
}
