import Foundation

/// What the browser learns about builds: the number of the last good build and the errors of the
/// last build, if it failed (then the site served is still the one of that last good build).
public struct BuildStatus: Sendable, Equatable, Codable {
    public var build: Int
    public var errors: [String]

    public init(build: Int, errors: [String]) {
        self.build = build
        self.errors = errors
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{\"build\":0,\"errors\":[]}" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Fans Server-Sent Events out to every open browser tab.
final class LiveReloadHub: @unchecked Sendable {
    private let lock = NSLock()
    private var subscribers: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextID = 0
    private var closed = false

    var subscriberCount: Int { lock.withLock { subscribers.count } }

    /// A stream of SSE frames for one client, starting with `hello` (the current status). The client is
    /// registered before the status is read, so a build that ends meanwhile is never missed.
    func subscribe(hello status: () -> BuildStatus) -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(32))
        let id: Int? = lock.withLock {
            if closed { return nil }
            nextID += 1
            subscribers[nextID] = continuation
            return nextID
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            self?.lock.withLock { _ = self?.subscribers.removeValue(forKey: id) }
        }
        continuation.yield("retry: 1000\n\n")
        continuation.yield(Self.frame(event: "hello", data: status().json))
        return stream
    }

    func broadcastReload(_ status: BuildStatus) {
        broadcast(Self.frame(event: "reload", data: status.json))
    }

    func broadcastErrors(_ status: BuildStatus) {
        broadcast(Self.frame(event: "error", data: status.json))
    }

    func keepAlive() {
        broadcast(": keep-alive\n\n")
    }

    /// Ends every stream (on shutdown) and refuses new ones.
    func closeAll() {
        let all = lock.withLock {
            closed = true
            defer { subscribers.removeAll() }
            return Array(subscribers.values)
        }
        for continuation in all { continuation.finish() }
    }

    private func broadcast(_ frame: String) {
        let all = lock.withLock { Array(subscribers.values) }
        for continuation in all { continuation.yield(frame) }
    }

    static func frame(event: String, data: String) -> String {
        var frame = "event: \(event)\n"
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) { frame += "data: \(line)\n" }
        return frame + "\n"
    }
}

/// The script served pages get, and how it is put into them.
enum LiveReloadScript {
    static let scriptPath = "/__sitegen/live.js"
    static let eventsPath = "/__sitegen/events"
    static let statusPath = "/__sitegen/status"

    /// Inserts the script tag before the last `</body>` (or at the end when there is none).
    /// The current status rides along in attributes, escaped, so the overlay shows at once.
    static func inject(into html: String, status: BuildStatus) -> String {
        let tag = "<script src=\"\(scriptPath)\" data-sitegen-build=\"\(status.build)\" data-sitegen-errors=\"\(escapeAttribute(status.errors.isEmpty ? "[]" : errorsJSON(status.errors)))\"></script>\n"
        if let range = html.range(of: "</body>", options: [.caseInsensitive, .backwards]) {
            var result = html
            result.insert(contentsOf: tag, at: range.lowerBound)
            return result
        }
        return html + "\n" + tag
    }

    static func errorsJSON(_ errors: [String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: errors, options: [.withoutEscapingSlashes])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func escapeAttribute(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    static func escapeHTML(_ text: String) -> String { escapeAttribute(text) }

    /// A page of its own for when there is no site to show yet (the first build failed).
    static func placeholderPage(title: String, message: String, errors: [String]) -> String {
        let list = errors.map { "<li>\(escapeHTML($0))</li>" }.joined(separator: "\n")
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escapeHTML(title))</title></head>
        <body>
        <main style="font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem">
        <h1>\(escapeHTML(title))</h1>
        <p>\(escapeHTML(message))</p>
        <ul style="font-family: ui-monospace, monospace; white-space: pre-wrap">
        \(list)
        </ul>
        </main>
        </body>
        </html>
        """
    }

    /// Opens an EventSource; reloads on `reload`; shows or clears the error overlay on `error`
    /// (text only, through textContent); on connect, a `hello` with the current build number
    /// reloads a page older than the last good build.
    static let source = #"""
    (function () {
      "use strict";
      var script = document.currentScript;
      var pageBuild = script ? script.getAttribute("data-sitegen-build") : null;
      var initial = [];
      try { initial = JSON.parse((script && script.getAttribute("data-sitegen-errors")) || "[]"); } catch (e) { initial = []; }

      function onReady(fn) {
        if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", fn); } else { fn(); }
      }

      function show(errors) {
        var overlay = document.getElementById("sitegen-error-overlay");
        if (!errors || errors.length === 0) {
          if (overlay) { overlay.parentNode.removeChild(overlay); }
          return;
        }
        if (!overlay) {
          overlay = document.createElement("div");
          overlay.id = "sitegen-error-overlay";
          overlay.setAttribute("role", "alert");
          (document.body || document.documentElement).appendChild(overlay);
        }
        // `all: initial` / `all: unset` so the site's own styles cannot restyle or hide the overlay.
        overlay.style.cssText = "all: initial; display: block; position: fixed; left: 0; right: 0; bottom: 0; max-height: 60vh; " +
          "overflow: auto; z-index: 2147483647; margin: 0; padding: 1rem 1.25rem; box-sizing: border-box; " +
          "background: #2b0b0e; color: #ffe9ea; border-top: 4px solid #ff4d5e; text-align: left; " +
          "font: 14px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; box-shadow: 0 -4px 24px rgba(0,0,0,.35);";
        while (overlay.firstChild) { overlay.removeChild(overlay.firstChild); }
        var close = document.createElement("button");
        close.type = "button"; close.textContent = "\u00d7"; close.setAttribute("aria-label", "Hide");
        close.style.cssText = "all: unset; float: right; cursor: pointer; font-size: 20px; line-height: 1; padding: 0 .25rem;";
        close.addEventListener("click", function () { overlay.style.display = "none"; });
        var heading = document.createElement("div");
        heading.style.cssText = "all: unset; display: block; font-weight: bold; margin-bottom: .5rem;";
        heading.textContent = "sitegen: the build failed (" + errors.length + (errors.length === 1 ? " error" : " errors") +
          "). Showing the last good build; fix and save to continue.";
        var list = document.createElement("pre");
        list.style.cssText = "all: unset; display: block; white-space: pre-wrap; overflow-wrap: anywhere;";
        list.textContent = errors.join("\n");
        overlay.appendChild(close);
        overlay.appendChild(heading);
        overlay.appendChild(list);
      }

      onReady(function () { show(initial); });
      if (!window.EventSource) { return; }

      // Only visible tabs hold a connection (browsers allow ~6 per host over HTTP/1.1); a tab that
      // comes back into view reconnects, and its `hello` reloads it if a build happened meanwhile.
      var source = null;
      function parse(event) { try { return JSON.parse(event.data); } catch (e) { return null; } }
      function reload() { disconnect(); location.reload(); }
      function connect() {
        if (source) { return; }
        source = new EventSource("/__sitegen/events");
        source.addEventListener("hello", function (event) {
          var status = parse(event);
          if (!status) { return; }
          window.__sitegenLive = "connected";
          if (pageBuild !== null && String(status.build) !== pageBuild) { reload(); return; }
          onReady(function () { show(status.errors); });
        });
        source.addEventListener("reload", reload);
        source.addEventListener("error", function (event) {
          if (!event || typeof event.data !== "string") { return; }  // a connection error, not ours
          var status = parse(event);
          if (status) { onReady(function () { show(status.errors); }); }
        });
      }
      function disconnect() {
        if (source) { source.close(); source = null; }
        window.__sitegenLive = "disconnected";
      }
      document.addEventListener("visibilitychange", function () { if (document.hidden) { disconnect(); } else { connect(); } });
      window.addEventListener("pagehide", disconnect);
      window.addEventListener("pageshow", function () { if (!document.hidden) { connect(); } });
      if (!document.hidden) { connect(); }
    })();
    """#
}
