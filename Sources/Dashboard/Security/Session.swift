import Kernel
import PluginSDK

/// Who the browser is logged in as: the kind of account and its login token, kept in the
/// HttpOnly session cookie (`u:<token>` or `a:<token>`). The token is the API's own, so logging
/// out, "log out everywhere", disabling and password changes end dashboard sessions too.
struct Session: Sendable, Equatable {
    enum Kind: String, Sendable {
        case user = "u"
        case admin = "a"
    }

    let kind: Kind
    let token: String

    /// The session named by a cookie value, if well formed (the kernel decides whether it is live).
    init?(cookie: String) {
        let parts = cookie.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let kind = Kind(rawValue: String(parts[0])), parts[1].utf8.count == 64 else { return nil }
        self.kind = kind
        self.token = String(parts[1])
    }

    init(kind: Kind, token: String) {
        self.kind = kind
        self.token = token
    }

    /// The cookie value.
    var cookie: String { "\(kind.rawValue):\(token)" }
}

/// The logged-in account as `system/user/info` or `system/admin/info` describes it.
struct Identity: Sendable {
    let session: Session
    let name: String
    /// The user's store; for admins the store they chose to act for.
    let storeID: Int64
}
