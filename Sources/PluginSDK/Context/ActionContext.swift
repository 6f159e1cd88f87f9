import Storage

/// Everything an action handler gets: the request, who is calling, in which language to answer,
/// its plugin's config, and the plugin's services (`PluginServices`) - its own tables, hooks,
/// account lookups, the outbox, caches, logger and clock.
public struct ActionContext: Sendable {
    public let request: KernelRequest
    public let caller: Caller
    /// The login token or API key the caller presented, if any (the host's own actions use it).
    package let credential: String?
    public let language: Language
    public let plugin: String
    public let control: String
    public let action: String
    /// The plugin's config as it was when the request arrived.
    public let config: JSON
    /// What the kernel lends this plugin.
    public let services: PluginServices

    package init(
        request: KernelRequest, caller: Caller, credential: String?, language: Language, plugin: String, control: String,
        action: String, config: JSON, services: PluginServices
    ) {
        self.request = request
        self.caller = caller
        self.credential = credential
        self.language = language
        self.plugin = plugin
        self.control = control
        self.action = action
        self.config = config
        self.services = services
    }

    /// The merged request parameters.
    public var params: Params { request.params }
    /// The plugin's own tables.
    public var storage: PluginStorage { services.storage }
    /// The current time in Unix seconds.
    public var now: Int64 { services.clock.unixSeconds() }
    public var requestID: String { request.requestID }

    /// The calling user; throws -400 when the caller is not a logged-in user.
    public func requireUser() throws -> UserIdentity {
        guard let user = caller.user else {
            throw KernelError(code: .loginRequired, message: KernelMessages.loginRequired, data: .string(services.loginURL))
        }
        return user
    }

    /// The store the caller acts for: the user's or API key's store, or `store_id` for admins
    /// and public callers (default store 1), which must exist - checked inside the caller's read
    /// or write.
    public func storeID(in db: Database) throws -> Int64 {
        switch caller {
        case .user(let user): return user.storeID
        case .apiKey(let key): return key.storeID
        case .admin, .anonymous:
            let id = try requestedStoreID()
            guard try services.accounts.storeExists(id, in: db) else { throw KernelError.badParameter("store_id", .malformed) }
            return id
        }
    }

    /// `storeID(in:)` with a read of its own when the store must be looked up.
    public func storeID() async throws -> Int64 {
        switch caller {
        case .user(let user): return user.storeID
        case .apiKey(let key): return key.storeID
        case .admin, .anonymous:
            let context = self
            return try await storage.read { db in try context.storeID(in: db) }
        }
    }

    private func requestedStoreID() throws -> Int64 {
        try params.int("store_id") ?? 1
    }
}
