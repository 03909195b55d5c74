import NIOCore

/// How long the development server waits on a connection and how many it keeps open: without
/// them, 2,000 connections each sending half a request line stayed open for as long as their
/// clients liked, and so did 500 that sent nothing.
struct ConnectionLimits: Sendable {
    /// From the first byte of a request to the end of its head (and the whole of a request that
    /// arrives while no response is under way): a slow sender is cut off after it.
    var headerTimeout: TimeAmount = .seconds(10)
    /// A connection that sends nothing, before its first request or after a response, is closed
    /// after this long; browsers open a new one when they need it.
    var idleTimeout: TimeAmount = .seconds(30)
    /// Open connections at most. One more closes the one waiting longest for a request, or, if
    /// every one is answering, the one answering longest (an event stream, which the browser
    /// opens again): the newest connection, a browser's, always gets its answer.
    var maximumConnections = 256
}
