/// One call as the HTTP adapter hands it to the kernel: already parsed, not yet trusted.
public struct KernelRequest: Sendable {
    /// Which entry the call came through: the user-facing API or the admin side.
    public enum Surface: String, Sendable { case api, admin }
    /// The HTTP method; GET reaches only actions that allow it.
    public enum Method: String, Sendable { case get = "GET", post = "POST" }

    public var surface: Surface
    public var method: Method
    /// Query and body parameters merged, the body winning.
    public var params: Params
    /// Request headers by lower-cased name (last one wins).
    public var headers: [String: String]
    /// The body exactly as received (for signature checks).
    public var rawBody: [UInt8]
    /// The id logged with this request and sent back in `X-Request-Id`.
    public var requestID: String
    /// The client's address, when known.
    public var remoteAddress: String?

    public init(
        surface: Surface = .api,
        method: Method = .post,
        params: Params,
        headers: [String: String] = [:],
        rawBody: [UInt8] = [],
        requestID: String,
        remoteAddress: String? = nil
    ) {
        self.surface = surface
        self.method = method
        self.params = params
        self.headers = headers
        self.rawBody = rawBody
        self.requestID = requestID
        self.remoteAddress = remoteAddress
    }
}
