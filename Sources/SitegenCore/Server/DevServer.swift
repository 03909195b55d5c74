import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// What `sitegen serve` is asked to do.
public struct ServeConfiguration: Sendable {
    public var build: BuildOptions
    /// Always loopback: the authoring server is not meant to be reached from other machines.
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    /// Shut down gracefully on SIGINT and SIGTERM (the command line does; tests stop the server themselves).
    public var handlesSignals: Bool
    public var watchMode: WatchMode
    public var debounce: Duration
    public var keepAliveInterval: Duration
    /// Each rebuild's line lists its stages with their times.
    public var verbose = false
    /// Tries the port before building, to fail at once; tests turn it off to reach the listener's own failure.
    var probesPortFirst = true
    /// Timeouts and the cap on open connections; tests shorten them.
    var connectionLimits = ConnectionLimits()

    public init(build: BuildOptions, host: String = "127.0.0.1", port: Int = 8000, handlesSignals: Bool = true,
                watchMode: WatchMode = .automatic, debounce: Duration = .milliseconds(100),
                keepAliveInterval: Duration = .seconds(15)) {
        self.build = build
        self.host = host
        self.port = port
        self.handlesSignals = handlesSignals
        self.watchMode = watchMode
        self.debounce = debounce
        self.keepAliveInterval = keepAliveInterval
    }
}

/// Why the server could not run.
public struct ServeError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case portInUse, invalidPort, serverFailed }
    public var kind: Kind
    public var message: String
    public var description: String { message }
}

/// The authoring server: builds the site, serves the output on 127.0.0.1 under `base_url`'s path,
/// watches content and templates, rebuilds, and reloads open browser tabs (Server-Sent Events).
///
/// ```
/// let server = DevServer(ServeConfiguration(build: options, port: 0))
/// Task { try await server.run() }
/// let url = await server.waitUntilReady()   // http://127.0.0.1:PORT/wps/
/// await server.shutdown()
/// ```
public final class DevServer: Sendable {
    public let configuration: ServeConfiguration
    let site: ServeSite
    let hub: LiveReloadHub
    private let console: ServeConsole
    private let control = Control()

    public init(_ configuration: ServeConfiguration, console: ServeConsole = .standard) {
        self.configuration = configuration
        self.console = console
        self.hub = LiveReloadHub()
        self.site = ServeSite(options: configuration.build, console: console, hub: hub, verbose: configuration.verbose)
    }

    /// The port listened on, once the server runs.
    public var port: Int? { control.port }

    /// The URL of the site, once the server runs: `http://127.0.0.1:PORT/wps/`.
    public var url: String? { control.port.map { "http://\(configuration.host):\($0)\(site.basePath)" } }

    /// Number of the last good build (0 before the first), and the errors of the last build if it failed.
    public var status: BuildStatus { site.status }

    /// Waits until the server listens (returns its URL) or has failed to start (returns nil).
    public func waitUntilReady() async -> String? {
        await control.waitUntilReady()
        return url
    }

    /// Asks the server to stop: open event streams end, the watcher stops, the listener closes.
    public func shutdown() async {
        if let group = control.requestShutdown() { await group.triggerGracefulShutdown() }
    }

    /// Builds, then serves and watches until shut down (Ctrl-C, SIGTERM or `shutdown()`).
    public func run() async throws(ServeError) {
        defer { control.markStopped() }
        let host = configuration.host
        let port = configuration.port
        guard (0...65535).contains(port) else {
            throw ServeError(kind: .invalidPort, message: "--port must be between 0 and 65535, not \(port)")
        }
        if port != 0, configuration.probesPortFirst, let message = PortProbe.unavailable(host: host, port: port) {
            throw ServeError(kind: .portInUse, message: message)
        }

        site.prepare()
        console.info("Building \(site.display(site.contentFolder)) with \(site.display(site.templatesFolder)) into \(site.display(site.outputFolder))…")
        let site = self.site
        await Self.offThread { site.build(changed: []) }

        var logger = Logger(label: "sitegen.serve")
        logger.logLevel = .critical
        let control = self.control
        let console = self.console
        let limits = configuration.connectionLimits
        let application = Application(
            responder: DevResponder(site: site),
            server: HTTPServerBuilder { responder in WatchedHTTP1Channel(responder: responder, limits: limits) },
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let actual = channel.localAddress?.port ?? port
                control.markReady(port: actual)
                console.info("Serving http://\(host):\(actual)\(site.basePath)  (Ctrl-C to stop)")
            },
            logger: logger)
        let live = LiveService(site: site, configuration: configuration, console: console)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: application),
                .init(service: live, successTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: configuration.handlesSignals ? [.sigterm, .sigint] : [],
            logger: logger))
        if control.attach(group) { await group.triggerGracefulShutdown() }
        do {
            try await group.run()
        } catch {
            throw Self.explain(error, host: host, port: port)
        }
        console.info("Stopped.")
    }

    static func explain(_ error: any Error, host: String, port: Int) -> ServeError {
        let text = String(describing: error)
        if let io = error as? IOError, io.errnoCode == EADDRINUSE || text.contains("Address already in use") {
            return ServeError(kind: .portInUse, message: PortProbe.inUseMessage(host: host, port: port))
        }
        if text.contains("Address already in use") || text.contains("errno: \(EADDRINUSE)") {
            return ServeError(kind: .portInUse, message: PortProbe.inUseMessage(host: host, port: port))
        }
        return ServeError(kind: .serverFailed, message: "the server stopped: \(text)")
    }

    static func offThread(_ work: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                work()
                continuation.resume()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Start-up, readiness and shutdown, shared between the running server and its callers.
    final class Control: @unchecked Sendable {
        private let lock = NSLock()
        private var _port: Int?
        private var done = false
        private var waiters: [CheckedContinuation<Void, Never>] = []
        private var group: ServiceGroup?
        private var shutdownRequested = false

        var port: Int? { lock.withLock { _port } }

        func markReady(port: Int) {
            let waiting = lock.withLock {
                _port = port
                done = true
                defer { waiters = [] }
                return waiters
            }
            for waiter in waiting { waiter.resume() }
        }

        func markStopped() {
            let waiting = lock.withLock {
                done = true
                _port = nil
                defer { waiters = [] }
                return waiters
            }
            for waiter in waiting { waiter.resume() }
        }

        func waitUntilReady() async {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = lock.withLock {
                    if done { return true }
                    waiters.append(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }

        /// Records the running group; true when shutdown was asked for before it existed.
        func attach(_ group: ServiceGroup) -> Bool {
            lock.withLock {
                self.group = group
                return shutdownRequested
            }
        }

        func requestShutdown() -> ServiceGroup? {
            lock.withLock {
                shutdownRequested = true
                return group
            }
        }
    }
}

/// Watching, rebuilding and keep-alives, as a service beside the HTTP server; on graceful shutdown it
/// stops the watcher, lets a build under way finish, and ends every event stream so the server can close.
struct LiveService: Service {
    let site: ServeSite
    let configuration: ServeConfiguration
    let console: ServeConsole

    func run() async throws {
        let site = self.site
        let scheduler = RebuildScheduler(quiet: configuration.debounce) { changed in site.build(changed: changed) }
        let roots = [site.contentFolder, site.templatesFolder]
        let watcher = FileWatcher(roots: roots, excluded: [site.outputFolder]) { change in scheduler.noteChange(change) }
        scheduler.start()
        let mechanism = watcher.start(mode: configuration.watchMode)
        console.info("Watching \(roots.map(site.display).joined(separator: " and ")) (\(mechanism))")

        let interval = configuration.keepAliveInterval
        let hub = site.hub
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                hub.keepAlive()
            }
        }
        hub.closeAll()
        await DevServer.offThread {
            watcher.stop()
            scheduler.stop()
        }
    }
}

extension ServeSite {
    /// Reads the base path before the first build, so even a site whose first build fails answers under it.
    func prepare() {
        if let basePath = Self.readBasePath(options) { setBasePath(basePath) }
    }
}

/// Finds out before building whether the port can be listened on, to fail at once with a clear message.
enum PortProbe {
    static func inUseMessage(host: String, port: Int) -> String {
        "cannot listen on \(host):\(port): the port is already in use (another `sitegen serve`?). Stop that server, or choose another port with --port N (--port 0 picks a free one)."
    }

    /// nil when `host:port` can be bound now; otherwise why not.
    static func unavailable(host: String, port: Int) -> String? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return nil }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if result == 0 { return nil }
        if errno == EADDRINUSE { return inUseMessage(host: host, port: port) }
        if errno == EACCES { return "cannot listen on \(host):\(port): permission denied (ports below 1024 need privileges); choose another with --port N" }
        return "cannot listen on \(host):\(port): \(String(cString: strerror(errno)))"
    }
}
