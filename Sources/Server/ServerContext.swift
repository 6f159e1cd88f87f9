import Hummingbird
import NIOCore

/// Per-request state the HTTP adapter carries: the request id and what the kernel routed to,
/// for the access log and metrics.
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The id answered in `X-Request-Id` and logged with the request.
    public var requestID = ""
    /// Filled in by the endpoint, read by the access log once the response is ready.
    var outcome = RequestOutcome()
    private let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// The client's address (looked up only when asked for).
    public var remoteAddress: String? { channel.remoteAddress?.ipAddress }
    /// The connection's event loop, for timers tied to this request.
    var eventLoop: any EventLoop { channel.eventLoop }

    /// `response` sent, then the connection closed at once: for a refusal that leaves the
    /// request's body unread (too large, too slow), whose client would otherwise hold the
    /// connection open until the idle timeout.
    func closingAfter(_ response: Response) -> Response {
        var response = response
        let channel = self.channel
        let body = response.body
        response.headers[.connection] = "close"
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            try await body.write(writer)
            channel.close(promise: nil)
        }
        return response
    }
}

/// What the endpoint learned about a request (its route and envelope code), handed back to the
/// access log. One request is handled by one task at a time, so no lock is needed.
final class RequestOutcome: @unchecked Sendable {
    var route: (plugin: String, control: String, action: String)?
    var code: Int?
    var storageJobs: (reads: Int, writes: Int) = (0, 0)
}
