import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request head over `max_header_bytes` with HTTP 431 and an envelope. The HTTP
/// decoder stops reading such a head at the limit (`NIOHTTPDecoderLimitConfiguration`) and
/// reports `headerOverflow`; this handler, next after the decoder, turns that error into the
/// answer, half-closes the connection and drops whatever else the client sends until it hangs
/// up (closing at once with unread bytes would reset the connection and lose the answer).
final class HeaderLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    /// The envelope sent, in the server's default language (the head was not read, so no `lang`).
    private let envelope: [UInt8]
    private var refused = false

    init(envelope: [UInt8]) {
        self.envelope = envelope
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError, case .headerOverflow = parserError else {
            context.fireErrorCaught(error)
            return
        }
        guard !refused else { return }
        refused = true
        let head = HTTPResponse(
            status: .requestHeaderFieldsTooLarge,
            headerFields: [.contentType: "application/json; charset=utf-8", .contentLength: "\(envelope.count)", .connection: "close"])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: envelope))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.close(mode: .output, promise: nil)
        let channel = context.channel
        context.eventLoop.scheduleTask(in: .seconds(2)) { channel.close(promise: nil) }
    }
}
