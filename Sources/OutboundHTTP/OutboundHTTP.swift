import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The kernel's one way to call out over HTTP(S): webhooks, SMS gateways, remote plugins.
/// Backed by one process-wide AsyncHTTPClient (connection pooling, TLS, no lifecycle to manage)
/// configured like the library's shared one except that a refused connection fails at once:
/// the shared client retries connecting until the request's timeout, so a remote plugin or
/// webhook host that is down would hold every call for the whole timeout. The outbox retries
/// deliveries itself; a slow host still gets the full timeout.
public struct OutboundHTTP: Sendable {
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// What came back: the status and at most `maxBody` bytes of the body.
    public struct Answer: Sendable {
        public let status: Int
        public let headers: [(String, String)]
        public let body: [UInt8]
    }

    /// Failures before any answer: bad URL, refused connection, timeout.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Bodies longer than this are cut off (an answer is read into memory).
    public let maxBody: Int

    public init(maxBody: Int = 1 << 20) {
        self.maxBody = maxBody
    }

    /// POSTs `body` to `url` with `headers`, giving up after `timeout`.
    public func post(
        url: String, headers: [(String, String)], body: [UInt8], timeout: Duration = .seconds(5)
    ) async throws(Failure) -> Answer {
        try await send(method: .POST, url: url, headers: headers, body: body, timeout: timeout)
    }

    /// Sends one request and reads its answer.
    public func send(
        method: HTTPMethod, url: String, headers: [(String, String)], body: [UInt8]?, timeout: Duration
    ) async throws(Failure) -> Answer {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            scheme == "http" || scheme == "https", parsed.host != nil
        else { throw Failure(description: "not an http(s) URL: \(url)") }
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let seconds = timeout.components.seconds
        let millis = seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        do {
            let response = try await Self.client.execute(request, timeout: .milliseconds(millis))
            var buffer = try await response.body.collect(upTo: maxBody)
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            return Answer(
                status: Int(response.status.code),
                headers: response.headers.map { ($0.name, $0.value) },
                body: bytes)
        } catch {
            throw Failure(description: "\(error)")
        }
    }
}
