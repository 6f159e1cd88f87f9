/// Who may call a route.
public enum Access: Sendable, Equatable {
    /// Anyone, logged in or not.
    case `public`
    /// A logged-in user; the handler scopes every query to that user.
    case user
    /// An admin holding the permission; nil means the route's own name, `plugin.control.action`.
    case admin(permission: String? = nil)
    /// A store's API key holding `scope`, or an admin holding the route's permission.
    case apiKey(scope: String)

    /// Any logged-in admin, whatever its permissions (e.g. to ask who it is).
    public static let anyAdmin = Access.admin(permission: "")

    /// A short name used in docs, logs and the OpenAPI document.
    public var name: String {
        switch self {
        case .public: "public"
        case .user: "user"
        case .admin: "admin"
        case .apiKey: "apikey"
        }
    }
}
