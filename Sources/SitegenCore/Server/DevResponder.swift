import Foundation
import Hummingbird
import NIOCore

/// Answers every request of `sitegen serve`: the files of the output folder under the base path,
/// the live-reload script and its event stream, and the site's own 404 page for anything else.
struct DevResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let site: ServeSite

    func respond(to request: Request, context: Context) async throws -> Response {
        let isHead = request.method == .head
        guard request.method == .get || isHead else {
            var response = Self.text("Method not allowed\n", status: .methodNotAllowed)
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        if let authority = request.head.authority, !Self.isLoopback(authority: authority) {
            return Self.text("sitegen serve answers only at 127.0.0.1 and localhost\n", status: .misdirectedRequest)
        }
        let rawPath = request.uri.path
        switch rawPath {
        case LiveReloadScript.eventsPath:
            return events()
        case LiveReloadScript.scriptPath:
            return Self.bytes(Array(LiveReloadScript.source.utf8), contentType: ContentTypes.forPath("live.js"), head: isHead)
        case LiveReloadScript.statusPath:
            return Self.bytes(Array(site.status.json.utf8), contentType: ContentTypes.forPath("status.json"), head: isHead)
        default:
            break
        }

        let basePath = site.basePath
        if rawPath == "/" && basePath != "/" {
            return Self.redirect(basePath, status: .found)
        }
        guard site.hasOutput else {
            return page(status: .serviceUnavailable, html: LiveReloadScript.placeholderPage(
                title: "sitegen: no site yet", message: "The build failed before it ever wrote the site. Fix the errors below and save; this page reloads by itself.",
                errors: site.status.errors), head: isHead)
        }
        // A file the build under way changes, not rendered yet: the output folder still holds its old bytes.
        if site.unwritten.hasPending,
           case .rendered = ServedPath.resolve(rawPath: rawPath, basePath: basePath, root: site.outputFolder, isRendered: site.unwritten.isPending) {
            await site.unwritten.waitForPending()
        }
        var rendered: [UInt8]?
        let served = ServedPath.resolve(rawPath: rawPath, query: request.uri.query, basePath: basePath, root: site.outputFolder) { path in
            rendered = site.unwritten.file(path)
            return rendered != nil
        }
        switch served {
        case .rendered(let path):
            let contentType = ContentTypes.forPath(path)
            if ContentTypes.isHTML(contentType) {
                return page(status: .ok, html: String(decoding: rendered!, as: UTF8.self), head: isHead)
            }
            return Self.bytes(rendered!, contentType: contentType, head: isHead)
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else { return notFound(head: isHead) }
            let contentType = ContentTypes.forPath(path)
            if ContentTypes.isHTML(contentType) {
                return page(status: .ok, html: String(decoding: data, as: UTF8.self), head: isHead)
            }
            return Self.bytes(Array(data), contentType: contentType, head: isHead)
        case .redirect(let location):
            return Self.redirect(location, status: .movedPermanently)
        case .badRequest:
            return Self.text("Bad request\n", status: .badRequest)
        case .notFound:
            return notFound(head: isHead)
        }
    }

    /// The server listens on loopback only; a request naming another host reached it through a
    /// name that resolves to 127.0.0.1 (DNS rebinding) and is refused.
    static func isLoopback(authority: String) -> Bool {
        var host = Substring(authority.lowercased())
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            host = host[host.index(after: host.startIndex)..<close]
        } else if let colon = host.lastIndex(of: ":") {
            host = host[..<colon]
        }
        return host == "127.0.0.1" || host == "localhost" || host == "::1"
    }

    /// The site's own `404.html`, with status 404; a plain page when the site has none.
    private func notFound(head: Bool) -> Response {
        if let rendered = site.unwritten.file("404.html") {
            return page(status: .notFound, html: String(decoding: rendered, as: UTF8.self), head: head)
        }
        let path = site.outputFolder + "/404.html"
        if let root = ServedPath.realPath(site.outputFolder), let real = ServedPath.realPath(path), real.hasPrefix(root + "/"),
           let data = FileManager.default.contents(atPath: real) {
            return page(status: .notFound, html: String(decoding: data, as: UTF8.self), head: head)
        }
        return page(status: .notFound, html: LiveReloadScript.placeholderPage(
            title: "Not found", message: "Nothing is published at this address.", errors: []), head: head)
    }

    /// An HTML page with the live-reload script (and the current errors) put in; the file on disk is not touched.
    private func page(status: HTTPResponse.Status, html: String, head: Bool) -> Response {
        let injected = LiveReloadScript.inject(into: html, status: site.status)
        return Self.bytes(Array(injected.utf8), contentType: ContentTypes.forPath("page.html"), status: status, head: head)
    }

    /// The Server-Sent Events stream: `hello` first, then `reload` or `error` after each build, and
    /// a keep-alive comment every 15 seconds.
    private func events() -> Response {
        let site = self.site
        let stream = site.hub.subscribe(hello: { site.status })
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.init("X-Accel-Buffering")!] = "no"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            for await frame in stream {
                try await writer.write(ByteBuffer(string: frame))
            }
            try await writer.finish(nil)
        })
    }

    static func bytes(_ bytes: [UInt8], contentType: String, status: HTTPResponse.Status = .ok, head: Bool) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-store"
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        if head {
            headers[.contentLength] = String(bytes.count)
            return Response(status: status, headers: headers, body: ResponseBody())
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        bytes(Array(text.utf8), contentType: ContentTypes.forPath("x.txt"), status: status, head: false)
    }

    static func redirect(_ location: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody())
    }
}
