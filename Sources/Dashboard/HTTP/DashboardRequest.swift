import Kernel
import PluginSDK

/// A browser's request as the HTTP adapter hands it to the dashboard: already parsed, not yet trusted.
public struct DashboardRequest: Sendable {
    /// GET or POST (anything else is answered 405 by the adapter).
    public var isPost: Bool
    /// The path, without the query string.
    public var path: String
    /// The query string's parameters.
    public var query: Params
    /// A POST's form fields.
    public var form: Params
    /// Request headers by lower-cased name.
    public var headers: [String: String]
    /// The cookies sent.
    public var cookies: [String: String]
    /// Whether the browser reached us over TLS (directly, or through a trusted proxy).
    public var isSecure: Bool
    public var requestID: String
    public var remoteAddress: String?

    public init(
        isPost: Bool, path: String, query: Params, form: Params, headers: [String: String], isSecure: Bool, requestID: String,
        remoteAddress: String?
    ) {
        self.isPost = isPost
        self.path = path
        self.query = query
        self.form = form
        self.headers = headers
        self.cookies = Cookies.parse(headers["cookie"] ?? "")
        self.isSecure = isSecure
        self.requestID = requestID
        self.remoteAddress = remoteAddress
    }

    /// A parameter from the form, else the query.
    func value(_ name: String) -> String? {
        form.string(name) ?? query.string(name)
    }
}
