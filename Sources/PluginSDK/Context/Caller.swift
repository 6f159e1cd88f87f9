/// Who is calling, as established from the token or API key of the request.
public enum Caller: Sendable, Equatable {
    case anonymous
    case user(UserIdentity)
    case admin(AdminIdentity)
    case apiKey(APIKeyIdentity)

    /// The logged-in user, if the caller is one.
    public var user: UserIdentity? {
        guard case .user(let user) = self else { return nil }
        return user
    }

    /// The admin, if the caller is one.
    public var admin: AdminIdentity? {
        guard case .admin(let admin) = self else { return nil }
        return admin
    }

    /// The API key, if the caller used one.
    public var apiKey: APIKeyIdentity? {
        guard case .apiKey(let key) = self else { return nil }
        return key
    }
}

/// A customer account of one store.
public struct UserIdentity: Sendable, Equatable {
    public let id: Int64
    public let storeID: Int64
    public let name: String

    package init(id: Int64, storeID: Int64, name: String) {
        self.id = id
        self.storeID = storeID
        self.name = name
    }
}

/// An operator of the server. A super-admin holds every permission.
public struct AdminIdentity: Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let isSuper: Bool
    /// Permissions named `plugin.control.action`; `plugin.*` and `plugin.control.*` cover many.
    public let permissions: [String]

    package init(id: Int64, name: String, isSuper: Bool, permissions: [String]) {
        self.id = id
        self.name = name
        self.isSuper = isSuper
        self.permissions = permissions
    }

    /// Whether this admin may run the action named by `permission`.
    /// An empty permission is held by every admin.
    public func holds(_ permission: String) -> Bool {
        if isSuper || permission.isEmpty { return true }
        return permissions.contains { granted in
            if granted == permission || granted == "*" { return true }
            guard granted.hasSuffix(".*") else { return false }
            return permission.hasPrefix(granted.dropLast())
        }
    }
}

/// A store's API key, limited to its scopes.
public struct APIKeyIdentity: Sendable, Equatable {
    public let id: Int64
    public let storeID: Int64
    public let scopes: [String]

    package init(id: Int64, storeID: Int64, scopes: [String]) {
        self.id = id
        self.storeID = storeID
        self.scopes = scopes
    }
}
