import NIOCore

/// Counts open HTTP connections for `/metrics`: added to each connection's pipeline, removed
/// with it.
final class ConnectionCounter: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = NIOAny

    private let metrics: ServerMetrics

    init(metrics: ServerMetrics) {
        self.metrics = metrics
    }

    func handlerAdded(context: ChannelHandlerContext) { metrics.connectionOpened() }
    func handlerRemoved(context: ChannelHandlerContext) { metrics.connectionClosed() }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(data)
    }
}
