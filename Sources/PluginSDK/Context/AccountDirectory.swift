import Storage

/// Users and stores as plugins may see them: read only, one at a time, inside the caller's read
/// or write. Creating accounts, tokens, API keys or admins belongs to the `system` plugin alone.
public protocol AccountDirectory: Sendable {
    /// The user with this id (of any store), or nil when there is none or it is disabled.
    func user(id: Int64, in db: Database) throws -> UserIdentity?
    /// Whether a store with this id exists.
    func storeExists(_ id: Int64, in db: Database) throws -> Bool
}
