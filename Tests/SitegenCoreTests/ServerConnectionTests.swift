import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import Testing
@testable import SitegenCore

/// Slow, idle and surplus connections to `sitegen serve` are closed on time, and the server
/// keeps answering while they come. Timeouts are shortened to about a second here.
@Suite(.serialized) struct ServerConnectionTests {
    static let limits = ConnectionLimits(headerTimeout: .milliseconds(800), idleTimeout: .milliseconds(1500), maximumConnections: 64)

    @Test func halfSentRequestsAreClosedAfterTheHeaderTimeoutWhileOthersAreAnswered() async throws {
        try await ServedSite.with(limits: Self.limits) { _, server in
            let port = server.port!
            let slow = try RawConnections(port: port, count: 40)
            defer { slow.closeAll() }
            slow.send("GET /wps/ HTTP/1.1\r\nHost: 127.")
            let page = try await ServeHTTPProbe.get(port, "/wps/")
            #expect(page.status == 200)
            let closed = await slow.waitUntilClosedByServer(within: 10)
            #expect(closed.count == 40, "still open: \(40 - closed.count)")
            #expect(closed.allSatisfy { $0 > 0.6 && $0 < 8 }, "closed after \(closed.sorted())")
        }
    }

    @Test func aRequestSentByteByByteIsCutOffAtTheHeaderTimeout() async throws {
        try await ServedSite.with(limits: Self.limits) { _, server in
            let slow = try RawConnections(port: server.port!, count: 1)
            defer { slow.closeAll() }
            let start = Date()
            var stillOpen = true
            for byte in "GET /wps/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8 where stillOpen {
                slow.send(String(decoding: [byte], as: UTF8.self))
                try await Task.sleep(for: .milliseconds(100))
                stillOpen = await slow.waitUntilClosedByServer(within: 0).isEmpty
            }
            #expect(!stillOpen, "a trickled request stayed open")
            #expect(Date().timeIntervalSince(start) < 8)
        }
    }

    @Test func idleConnectionsAreClosedAfterTheIdleTimeout() async throws {
        try await ServedSite.with(limits: Self.limits) { _, server in
            let idle = try RawConnections(port: server.port!, count: 40)
            defer { idle.closeAll() }
            let closed = await idle.waitUntilClosedByServer(within: 12)
            #expect(closed.count == 40, "still open: \(40 - closed.count)")
            #expect(closed.allSatisfy { $0 > 1.2 && $0 < 10 }, "closed after \(closed.sorted())")
        }
    }

    @Test func aKeptAliveConnectionServesAgainThenIdlesOut() async throws {
        try await ServedSite.with(limits: Self.limits) { _, server in
            let connection = try RawConnections(port: server.port!, count: 1)
            defer { connection.closeAll() }
            for _ in 0..<2 {
                connection.send("GET /wps/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                #expect(await connection.readResponseHead(within: 10)?.hasPrefix("HTTP/1.1 200") == true)
                try await Task.sleep(for: .milliseconds(500))
            }
            let closed = await connection.waitUntilClosedByServer(within: 10)
            #expect(closed.count == 1)
        }
    }

    @Test func connectionsBeyondTheCapCloseTheLongestWaitingAndANewRequestIsAnswered() async throws {
        let limits = ConnectionLimits(headerTimeout: .seconds(30), idleTimeout: .seconds(30), maximumConnections: 16)
        try await ServedSite.with(limits: limits) { _, server in
            let port = server.port!
            let first = try RawConnections(port: port, count: 16)
            defer { first.closeAll() }
            try await Task.sleep(for: .milliseconds(200))
            let more = try RawConnections(port: port, count: 24)
            defer { more.closeAll() }
            // The 16 oldest and 8 of the next made room; 16 stay open, the newest.
            #expect(await first.waitUntilClosedByServer(within: 10).count == 16)
            try await Task.sleep(for: .milliseconds(300))
            #expect(await more.waitUntilClosedByServer(within: 0).count == 8)
            let page = try await ServeHTTPProbe.get(port, "/wps/")
            #expect(page.status == 200)
        }
    }

    @Test func anEventStreamOutlivesTheTimeouts() async throws {
        try await ServedSite.with(limits: Self.limits) { _, server in
            let stream = try await ServeEventStream.open(server.port!)
            defer { stream.close() }
            #expect(try await stream.next(timeout: 5).event == "hello")
            #expect(!stream.waitForEnd(timeout: 3), "the event stream was closed")
        }
    }
}

/// Raw TCP connections to the server that send what they are told, nothing more.
final class RawConnections: @unchecked Sendable {
    let descriptors: [Int32]
    let opened = Date()

    init(port: Int, count: Int) throws {
        var descriptors: [Int32] = []
        for _ in 0..<count { descriptors.append(try connectLoopback(port)) }
        self.descriptors = descriptors
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        for descriptor in descriptors {
            _ = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
    }

    /// The status line and headers of one response on the first connection. Async, sleeping
    /// between looks: a test blocking its thread would starve the server's own tasks.
    func readResponseHead(within seconds: Double) async -> String? {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while Date() < deadline {
            var poller = pollfd(fd: descriptors[0], events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 0) > 0 else {
                try? await Task.sleep(for: .milliseconds(20))
                continue
            }
            let count = recv(descriptors[0], &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            received += buffer[0..<count]
            let text = String(decoding: received, as: UTF8.self)
            if let end = text.range(of: "\r\n\r\n") {
                // The body is short: take it too, so it is not read as the next response.
                try? await Task.sleep(for: .milliseconds(100))
                while recv(descriptors[0], &buffer, buffer.count, Int32(MSG_DONTWAIT)) > 0 {}
                return String(text[..<end.lowerBound])
            }
        }
        return nil
    }

    /// Seconds after opening at which each connection the server closed was seen closed,
    /// waiting at most `seconds` for all of them (0: look once).
    func waitUntilClosedByServer(within seconds: Double) async -> [Double] {
        var closedAt: [Int32: Double] = [:]
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        repeat {
            for descriptor in descriptors where closedAt[descriptor] == nil {
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 0) > 0 else { continue }
                let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                if count == 0 || (count < 0 && errno != EAGAIN) { closedAt[descriptor] = Date().timeIntervalSince(opened) }
            }
            if closedAt.count == descriptors.count { break }
            if seconds > 0 { try? await Task.sleep(for: .milliseconds(20)) }
        } while Date() < deadline
        return Array(closedAt.values)
    }

    func closeAll() {
        for descriptor in descriptors { close(descriptor) }
    }
}
