import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1.1 child channel with every connection under a `ConnectionWatch`: its
/// idle and header timeouts, and the registry that caps how many are open.
struct WatchedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let responder: HTTPChannelHandler.Responder
    let limits: ConnectionLimits
    let registry: ConnectionRegistry

    init(responder: @escaping HTTPChannelHandler.Responder, limits: ConnectionLimits) {
        self.responder = responder
        self.limits = limits
        self.registry = ConnectionRegistry(maximum: limits.maximumConnections)
    }

    /// Runs on the connection's event loop, as Hummingbird's own setup does.
    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let watch = NIOLoopBound(ConnectionWatch(channel: channel, limits: limits, registry: registry), eventLoop: channel.eventLoop)
        do {
            try channel.pipeline.syncOperations.addHandler(RawTrafficWatcher(watch.value), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        let configuration = HTTP1Channel.Configuration(additionalChannelHandlers: [HTTPPartWatcher(watch.value)])
        return HTTP1Channel(responder: responder, configuration: configuration).setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await HTTP1Channel(responder: responder).handle(value: value, logger: logger)
    }
}
