import PluginSDK
import Storage

/// A customer account as account management lists it (never its password hash).
public struct UserRecord: Sendable, Equatable {
    public let id: Int64
    public let storeID: Int64
    public let name: String
    public let email: String?
    public let disabled: Bool
    public let createdAt: Int64
    /// Login tokens that are neither revoked nor expired.
    public let liveTokens: Int64

    /// The record as answered by `system/users/*`.
    public var json: JSON {
        [
            "id": .int(id), "store_id": .int(storeID), "name": .string(name), "email": JSON(email),
            "disabled": .bool(disabled), "created_at": .int(createdAt), "live_tokens": .int(liveTokens),
        ]
    }
}

/// An admin as account management lists it.
public struct AdminRecord: Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let isSuper: Bool
    public let permissions: [String]
    public let disabled: Bool
    public let createdAt: Int64

    /// The record as answered by `system/admins/*`.
    public var json: JSON {
        [
            "id": .int(id), "name": .string(name), "super": .bool(isSuper),
            "permissions": .array(permissions.map { .string($0) }), "disabled": .bool(disabled), "created_at": .int(createdAt),
        ]
    }
}

/// A store.
public struct StoreRecord: Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let createdAt: Int64

    /// The record as answered by `system/stores/*`.
    public var json: JSON { ["id": .int(id), "name": .string(name), "created_at": .int(createdAt)] }
}

/// An API key as listed: its non-secret prefix, never the key or its hash.
public struct APIKeyRecord: Sendable, Equatable {
    public let id: Int64
    public let storeID: Int64
    /// `isk_` and the key's first 8 hex digits; empty for keys made before prefixes were kept.
    public let prefix: String
    public let name: String
    public let scopes: [String]
    public let createdAt: Int64
    public let revokedAt: Int64?

    /// The record as answered by `system/apikeys/*`.
    public var json: JSON {
        [
            "id": .int(id), "store_id": .int(storeID), "prefix": .string(prefix), "name": .string(name),
            "scopes": .array(scopes.map { .string($0) }), "created_at": .int(createdAt),
            "revoked_at": revokedAt.map { .int($0) } ?? .null, "revoked": .bool(revokedAt != nil),
        ]
    }
}

/// One page of a listing and how many rows match in all.
public struct Listing<Record: Sendable>: Sendable {
    public let total: Int64
    public let records: [Record]
}

extension UserRecord {
    static let columns = """
        u.id, u.store_id, u.name, u.email, u.disabled, u.created_at,
        (SELECT COUNT(*) FROM tokens t WHERE t.subject_kind = 'user' AND t.subject_id = u.id
            AND t.revoked_at IS NULL AND t.expires_at > ?) AS live_tokens
        """

    init(row: Row) {
        self.init(
            id: row.int64("id") ?? 0, storeID: row.int64("store_id") ?? 0, name: row.string("name") ?? "",
            email: row.string("email"), disabled: row.bool("disabled"), createdAt: row.int64("created_at") ?? 0,
            liveTokens: row.int64("live_tokens") ?? 0)
    }
}

extension AdminRecord {
    static let columns = "id, name, is_super, permissions, disabled, created_at"

    init(row: Row) {
        self.init(
            id: row.int64("id") ?? 0, name: row.string("name") ?? "", isSuper: row.bool("is_super"),
            permissions: Accounts.list(row.string("permissions")), disabled: row.bool("disabled"),
            createdAt: row.int64("created_at") ?? 0)
    }
}

extension StoreRecord {
    init(row: Row) {
        self.init(id: row.int64("id") ?? 0, name: row.string("name") ?? "", createdAt: row.int64("created_at") ?? 0)
    }
}

extension APIKeyRecord {
    static let columns = "id, store_id, prefix, name, scopes, created_at, revoked_at"

    init(row: Row) {
        self.init(
            id: row.int64("id") ?? 0, storeID: row.int64("store_id") ?? 0, prefix: row.string("prefix") ?? "",
            name: row.string("name") ?? "", scopes: Accounts.list(row.string("scopes")), createdAt: row.int64("created_at") ?? 0,
            revokedAt: row.int64("revoked_at"))
    }
}
