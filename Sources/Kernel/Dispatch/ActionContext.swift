import Storage

/// Everything an action handler gets: the request, who is calling, in which language to answer,
/// its plugin's config, and the kernel's services.
public struct ActionContext: Sendable {
    public let request: KernelRequest
    public let caller: Caller
    /// The login token or API key the caller presented, if any.
    public let credential: String?
    public let language: Language
    public let plugin: String
    public let control: String
    public let action: String
    /// The plugin's current config (from the `plugins` table).
    public let config: JSON
    public let services: KernelServices

    /// The merged request parameters.
    public var params: Params { request.params }
    /// The database, through the Storage API.
    public var storage: DatabasePool { services.storage }
    public var requestID: String { request.requestID }

    /// The calling user; throws -400 when the caller is not a logged-in user.
    public func requireUser() throws -> UserIdentity {
        guard let user = caller.user else {
            throw KernelError(
                code: .loginRequired, message: KernelMessages.loginRequired,
                data: .string(services.configuration.loginURL))
        }
        return user
    }

    /// The store the caller acts for: the user's or API key's store, or `store_id` for admins
    /// and public callers (default store 1), which must exist.
    public func storeID() async throws -> Int64 {
        switch caller {
        case .user(let user): return user.storeID
        case .apiKey(let key): return key.storeID
        case .admin, .anonymous:
            let id = try params.int("store_id") ?? 1
            guard try await services.accounts.storeExists(id) else { throw KernelError.badParameter("store_id", .malformed) }
            return id
        }
    }
}
