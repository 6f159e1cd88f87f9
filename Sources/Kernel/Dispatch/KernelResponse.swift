/// `plugin/control/action` of a call.
public struct RouteName: Sendable, Equatable {
    public let plugin: String
    public let control: String
    public let action: String
}

/// What the kernel answers; the HTTP adapter writes it out as is.
public struct KernelResponse: Sendable {
    /// HTTP status: 200 for every envelope but transport failures (405, 413, 404).
    public var status: Int
    public var contentType: String
    /// Extra headers (e.g. Content-Disposition for files).
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// The envelope code, for logs and metrics (0 for files).
    public var code: ResultCode
    /// The route the call named, once its names were valid (for logs and metrics).
    public var route: RouteName?

    public init(status: Int = 200, contentType: String, headers: [(String, String)] = [], body: [UInt8], code: ResultCode) {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
        self.code = code
    }

    /// The JSON content type every envelope is sent with.
    public static let jsonContentType = "application/json; charset=utf-8"

    /// An envelope answer.
    public static func envelope(_ envelope: Envelope, status: Int = 200) -> KernelResponse {
        KernelResponse(status: status, contentType: jsonContentType, body: envelope.serialized(), code: envelope.code)
    }
}
