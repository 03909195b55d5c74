import NIOCore

/// First in a connection's pipeline: tells its `ConnectionWatch` that it opened, that bytes came
/// in (before the HTTP decoder sees them, so a head they complete counts after them) and that
/// it closed.
final class RawTrafficWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let watch: ConnectionWatch

    init(_ watch: ConnectionWatch) {
        self.watch = watch
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { watch.opened() }
    }

    func channelActive(context: ChannelHandlerContext) {
        watch.opened()
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        watch.bytesArrived()
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        watch.closed()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        watch.closed()
    }
}

@available(*, unavailable)
extension RawTrafficWatcher: Sendable {}
