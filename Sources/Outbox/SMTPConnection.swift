import NIOCore
import NIOPosix
import NIOSSL
import PluginSDK

/// One SMTP conversation (RFC 5321) over SwiftNIO, with TLS from the first byte (implicit TLS,
/// RFC 8314) or after `STARTTLS` (RFC 3207) through swift-nio-ssl. Every step - connecting, each
/// reply - has the settings' timeout; a step that overruns closes the connection.
final class SMTPConnection {
    struct Failure: Error {
        let code: Int?
        let detail: String
    }

    private let channel: any Channel
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var reader = SMTPReplyReader()
    private let timeout: Duration
    private let tls: NIOSSLContext?
    private let host: String
    /// Whether the bytes on the wire are encrypted now.
    private(set) var isEncrypted: Bool

    private init(
        channel: any Channel, inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, settings: SMTPChannel.Settings, tls: NIOSSLContext?
    ) {
        self.channel = channel
        self.inbound = inbound
        self.outbound = outbound
        self.timeout = .seconds(settings.timeoutSeconds)
        self.tls = tls
        self.host = settings.host
        self.isEncrypted = settings.tlsMode == .implicit
    }

    /// Connects to the settings' server (TLS first when implicit), runs `conversation`, closes.
    static func withConnection<T: Sendable>(
        _ settings: SMTPChannel.Settings, _ conversation: (SMTPConnection) async throws -> T
    ) async throws(Failure) -> T {
        do {
            let tls = settings.tlsMode == .none ? nil : try NIOSSLContext(configuration: settings.tlsConfiguration)
            let implicit = settings.tlsMode == .implicit
            let host = settings.host
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(Int64(settings.timeoutSeconds)))
                .connect(host: host, port: settings.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if implicit, let tls { try channel.pipeline.syncOperations.addHandler(try Self.tlsHandler(tls, host: host)) }
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
            return try await channel.executeThenClose { inbound, outbound in
                let connection = SMTPConnection(
                    channel: channel.channel, inbound: inbound.makeAsyncIterator(), outbound: outbound, settings: settings, tls: tls)
                return try await conversation(connection)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(code: nil, detail: "\(settings.host):\(settings.port): \(error)")
        }
    }

    /// Reads one (possibly multi-line) reply and checks its code is in `expected`.
    @discardableResult
    func expect(_ expected: ClosedRange<Int>) async throws -> (code: Int, lines: [String]) {
        let reply = try await readReply()
        guard expected.contains(reply.code) else { throw Failure(code: reply.code, detail: reply.lines.joined(separator: " ")) }
        return (reply.code, reply.lines)
    }

    /// Sends one command line (CRLF added) and checks the reply.
    @discardableResult
    func command(_ line: String, expect expected: ClosedRange<Int>) async throws -> (code: Int, lines: [String]) {
        try await write(Array((line + "\r\n").utf8))
        return try await expect(expected)
    }

    /// Sends raw bytes.
    func write(_ bytes: [UInt8]) async throws {
        try await outbound.write(ByteBuffer(bytes: bytes))
    }

    /// Turns the connection into TLS after the server's 220 to `STARTTLS`. Bytes the server sent
    /// after that reply, in the clear, would be taken as its answer to the next command: refused.
    func startTLS() async throws {
        guard let tls else { throw Failure(code: nil, detail: "TLS is not configured") }
        guard !reader.hasPendingBytes else { throw Failure(code: nil, detail: "the server sent data after its STARTTLS reply") }
        let host = self.host
        try await channel.eventLoop.submit { [channel] in
            try channel.pipeline.syncOperations.addHandler(try Self.tlsHandler(tls, host: host), position: .first)
        }.get()
        isEncrypted = true
    }

    private static func tlsHandler(_ context: NIOSSLContext, host: String) throws -> NIOSSLClientHandler {
        // SNI and name checks take a host name; for an address the certificate's IP entries are checked.
        let isAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
        return try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host)
    }

    private func readReply() async throws -> SMTPReplyReader.Reply {
        let channel = self.channel
        let started = ContinuousClock.now
        let deadline = channel.eventLoop.scheduleTask(in: .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000)) {
            channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        while true {
            do {
                if let reply = try reader.next() { return reply }
            } catch {
                throw Failure(code: nil, detail: error.detail)
            }
            let chunk: ByteBuffer?
            do {
                chunk = try await inbound.next()
            } catch {
                throw Failure(code: nil, detail: "\(error)")
            }
            guard let chunk else {
                let timedOut = ContinuousClock.now - started >= timeout
                throw Failure(code: nil, detail: timedOut ? "no reply within \(timeout)" : "connection closed")
            }
            reader.append(chunk.readableBytesView)
        }
    }
}
