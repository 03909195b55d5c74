import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Testing
@testable import SitegenCore

/// `sitegen serve`, in-process on a free port, over real HTTP/1.1 sockets.
@Suite(.serialized) struct ServerTests {

    // MARK: Serving

    @Test func servesPagesWithTheLiveScriptInjectedButNotWrittenToTheOutput() async throws {
        try await ServedSite.with { site, server in
            let page = try await ServeHTTPProbe.get(server.port!, "/wps/activities/\(ServedSite.activityID)/")
            #expect(page.status == 200)
            #expect(page.header("content-type") == "text/html; charset=utf-8")
            #expect(page.body.contains("First Seminar"))
            #expect(page.body.contains("<script src=\"/__sitegen/live.js\""))
            let injected = try #require(page.body.range(of: "<script src=\"/__sitegen/live.js\""))
            let bodyEnd = try #require(page.body.range(of: "</body>", options: .backwards))
            #expect(injected.lowerBound < bodyEnd.lowerBound)

            let onDisk = try String(contentsOfFile: site.output + "/activities/\(ServedSite.activityID)/index.html", encoding: .utf8)
            #expect(onDisk.contains("First Seminar"))
            #expect(!onDisk.contains("__sitegen"))

            let script = try await ServeHTTPProbe.get(server.port!, "/__sitegen/live.js")
            #expect(script.status == 200)
            #expect(script.header("content-type")?.hasPrefix("text/javascript") == true)
            #expect(script.body.contains("EventSource(\"/__sitegen/events\")"))
            #expect(script.body.contains("sitegen-error-overlay"))
            #expect(script.body.contains("textContent"))
            #expect(!script.body.contains("innerHTML"))

            let css = try await ServeHTTPProbe.get(server.port!, "/wps/assets/style.css")
            #expect(!css.body.contains("__sitegen"), "only HTML gets the script")
        }
    }

    @Test func rootAndDirectoriesRedirect() async throws {
        try await ServedSite.with { _, server in
            let port = server.port!
            let root = try await ServeHTTPProbe.get(port, "/")
            #expect([301, 302, 307, 308].contains(root.status))
            #expect(root.header("location") == "/wps/")

            let base = try await ServeHTTPProbe.get(port, "/wps")
            #expect(base.status == 301)
            #expect(base.header("location") == "/wps/")

            let timeline = try await ServeHTTPProbe.get(port, "/wps/timeline?year=2024")
            #expect(timeline.status == 301)
            #expect(timeline.header("location") == "/wps/timeline/?year=2024")

            let home = try await ServeHTTPProbe.get(port, "/wps/")
            #expect(home.status == 200)
            #expect(home.body.contains("Tiny WPS"))

            let head = try await ServeHTTPProbe.get(port, "/wps/", method: "HEAD")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(Int(head.header("content-length") ?? "") == home.body.utf8.count)

            let post = try await ServeHTTPProbe.get(port, "/wps/", method: "POST")
            #expect(post.status == 405)
        }
    }

    @Test func neverServesAnythingOutsideTheOutputFolder() async throws {
        try await ServedSite.with { site, server in
            // A secret beside the output, and a symlink inside the output that leads to it.
            let secretFolder = site.root + "/secret"
            try FileManager.default.createDirectory(atPath: secretFolder, withIntermediateDirectories: true)
            try "TOP-SECRET-VALUE".write(toFile: secretFolder + "/key.txt", atomically: true, encoding: .utf8)
            try "TOP-SECRET-VALUE".write(toFile: site.root + "/key.txt", atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: site.output + "/leak", withDestinationPath: secretFolder)
            try FileManager.default.createSymbolicLink(atPath: site.output + "/leak.txt", withDestinationPath: secretFolder + "/key.txt")

            let attempts = [
                "/wps/../../etc/passwd", "/../../../../etc/passwd", "/wps/../key.txt", "/wps/./../key.txt",
                "/wps/%2e%2e/%2e%2e/etc/passwd", "/wps/%2E%2E/%2E%2E/%2E%2E/etc/passwd", "/wps/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/wps/..%2f..%2f..%2f..%2fetc/passwd", "/wps/..%5c..%5cetc%5cpasswd", "/wps/%252e%252e/%252e%252e/etc/passwd",
                "/wps/%2e%2e/key.txt", "/wps/..;/key.txt", "/wps/%00/../key.txt", "/wps/%c0%ae%c0%ae/key.txt",
                "/wps/leak/key.txt", "/wps/leak.txt", "/wps/leak/", "/etc/passwd", "//etc/passwd", "/wps//..//key.txt",
                "/wps/.sitegen-manifest",
            ]
            for attempt in attempts {
                let response = try await ServeHTTPProbe.get(server.port!, attempt)
                #expect([400, 404].contains(response.status), "\(attempt) answered \(response.status)")
                #expect(!response.body.contains("TOP-SECRET-VALUE"), "\(attempt) leaked a file")
                #expect(!response.body.contains("root:x:0:0"), "\(attempt) leaked /etc/passwd")
            }
        }
    }

    @Test func unknownPathsGetTheSitesOwn404Page() async throws {
        try await ServedSite.with { site, server in
            let response = try await ServeHTTPProbe.get(server.port!, "/wps/no/such/page/")
            #expect(response.status == 404)
            #expect(response.header("content-type") == "text/html; charset=utf-8")
            let notFound = try String(contentsOfFile: site.output + "/404.html", encoding: .utf8)
            let withoutScript = response.body.replacingOccurrences(
                of: #"<script src="/__sitegen/live.js"[^>]*></script>\n"#, with: "", options: .regularExpression)
            #expect(withoutScript == notFound)
            #expect(response.body.contains("/__sitegen/live.js"))

            let outsideBase = try await ServeHTTPProbe.get(server.port!, "/elsewhere/")
            #expect(outsideBase.status == 404)
            #expect(outsideBase.body.contains(String(notFound.prefix(200))))
        }
    }

    /// A page elsewhere that points its own host name at 127.0.0.1 (DNS rebinding) gets nothing.
    @Test func answersOnlyUnderLoopbackHostNames() async throws {
        try await ServedSite.with { _, server in
            let port = server.port!
            #expect(try await ServeHTTPProbe.get(port, "/wps/", host: "localhost:\(port)").status == 200)
            #expect(try await ServeHTTPProbe.get(port, "/wps/", host: "[::1]:\(port)").status == 200)
            let foreign = try await ServeHTTPProbe.get(port, "/wps/", host: "attacker.example:\(port)")
            #expect(foreign.status == 421)
            #expect(!foreign.body.contains("<html"))
        }
    }

    @Test func contentTypesFollowTheFileExtension() async throws {
        try await ServedSite.with { site, server in
            try "plain".write(toFile: site.output + "/note.txt", atomically: true, encoding: .utf8)
            let expected: [String: String] = [
                "/wps/feed.xml": "application/xml; charset=utf-8",
                "/wps/sitemap.xml": "application/xml; charset=utf-8",
                "/wps/assets/style.css": "text/css; charset=utf-8",
                "/wps/data/activities.json": "application/json; charset=utf-8",
                "/wps/data/activities.csv": "text/csv; charset=utf-8",
                "/wps/robots.txt": "text/plain; charset=utf-8",
                "/wps/note.txt": "text/plain; charset=utf-8",
                "/wps/index.html": "text/html; charset=utf-8",
            ]
            for (path, type) in expected {
                let response = try await ServeHTTPProbe.get(server.port!, path)
                #expect(response.status == 200, "\(path)")
                #expect(response.header("content-type") == type, "\(path): \(response.header("content-type") ?? "none")")
            }
        }
        #expect(ContentTypes.forPath("a/b/font.woff2") == "font/woff2")
        #expect(ContentTypes.forPath("x.PNG") == "image/png")
        #expect(ContentTypes.forPath("photo.jpg") == "image/jpeg")
        #expect(ContentTypes.forPath("map.svg") == "image/svg+xml")
        #expect(ContentTypes.forPath("report.pdf") == "application/pdf")
        #expect(ContentTypes.forPath("site.js") == "text/javascript; charset=utf-8")
        #expect(ContentTypes.forPath("Makefile") == "application/octet-stream")
        #expect(ContentTypes.forPath(".hidden") == "application/octet-stream")
    }

    // MARK: Watching, rebuilding, reloading

    @Test func anEditRebuildsAndReloadsABrokenBuildShowsItsErrorsAndTheFixReloads() async throws {
        try await ServedSite.with { site, server in
            let port = server.port!
            let pagePath = "/wps/activities/\(ServedSite.activityID)/"
            let events = try await ServeEventStream.open(port)
            defer { events.close() }
            let hello = try await events.next(timeout: 5)
            #expect(hello.event == "hello")
            #expect(hello.data == #"{"build":1,"errors":[]}"#)

            // 1. A good edit: the new title is served within a second, and a reload event arrives.
            let saved = Date()
            site.writeActivity(title: "Renamed Seminar", date: "2024-06-21")
            var sawTitle: Double?
            while Date().timeIntervalSince(saved) < 5 {
                if try await ServeHTTPProbe.get(port, pagePath).body.contains("Renamed Seminar") {
                    sawTitle = Date().timeIntervalSince(saved)
                    break
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            let reload = try await events.next(timeout: 5)
            let reloadLatency = reload.at.timeIntervalSince(saved)
            #expect(reload.event == "reload")
            #expect(reload.data == #"{"build":2,"errors":[]}"#)
            let titleLatency = try #require(sawTitle, "the new title never appeared")
            print("serve: save → new page \(Int(titleLatency * 1000)) ms, save → reload event \(Int(reloadLatency * 1000)) ms")
            #expect(titleLatency < 1.0)
            #expect(reloadLatency < 1.0)

            // 2. A broken date: an error event with PATH:LINE:COLUMN, and the last good page is still served.
            site.writeActivity(title: "Broken Seminar", date: "2024-13-45")
            let failure = try await events.next(timeout: 5)
            #expect(failure.event == "error")
            let status = try JSONDecoder().decode(BuildStatus.self, from: Data(failure.data.utf8))
            #expect(status.errors.count == 1)
            let pattern = #"activities/2024-06-21-first-seminar\.md:\d+:\d+: error: "#
            #expect(status.errors.first?.range(of: pattern, options: .regularExpression) != nil, "\(status.errors)")
            #expect(status.errors.first?.contains("2024-13-45") == true)
            #expect(site.console.errors.contains { $0.range(of: pattern, options: .regularExpression) != nil },
                    "the terminal shows the error too")

            let stale = try await ServeHTTPProbe.get(port, pagePath)
            #expect(stale.status == 200)
            #expect(stale.body.contains("Renamed Seminar"))
            #expect(!stale.body.contains("Broken Seminar"))
            #expect(stale.body.contains("data-sitegen-errors=\"[&quot;"), "the page carries the errors for the overlay")
            #expect(stale.body.contains("2024-13-45"))
            let statusEndpoint = try await ServeHTTPProbe.get(port, "/__sitegen/status")
            #expect(statusEndpoint.body.contains("2024-13-45"))

            // A tab opened now learns of the errors at once.
            let late = try await ServeEventStream.open(port)
            defer { late.close() }
            let lateHello = try await late.next(timeout: 5)
            #expect(lateHello.event == "hello")
            #expect(lateHello.data.contains("2024-13-45"))

            // 3. The fix: a reload, and the overlay's errors are gone.
            site.writeActivity(title: "Fixed Seminar", date: "2024-06-22")
            let fixed = try await events.next(timeout: 5)
            #expect(fixed.event == "reload")
            #expect(fixed.data == #"{"build":3,"errors":[]}"#)
            let page = try await ServeHTTPProbe.get(port, pagePath)
            #expect(page.body.contains("Fixed Seminar"))
            #expect(page.body.contains("data-sitegen-errors=\"[]\""))
        }
    }

    /// A rebuild publishes the records' pages first; a request for a list it changes and has not
    /// rendered yet waits for it rather than get the output folder's old bytes.
    @Test func aRequestForAFileStillRenderingWaitsForIt() async throws {
        try await ServedSite.with { _, server in
            let port = server.port!
            let page = [OutputFile(path: "activities/\(ServedSite.activityID)/index.html", bytes: Array("<p>new page</p>".utf8))]
            server.site.publish(LiveSite.Publication(page, basePath: "/wps/", pending: ["timeline/index.html"]))
            #expect(try await ServeHTTPProbe.get(port, "/wps/activities/\(ServedSite.activityID)/").body.contains("new page"))
            // Not pending: answered from the output folder at once.
            #expect(try await ServeHTTPProbe.get(port, "/wps/partners/").status == 200)

            let answered = Mutex<String?>(nil)
            let request = Task {
                let body = try await ServeHTTPProbe.get(port, "/wps/timeline/").body
                answered.withLock { $0 = body }
            }
            try await Task.sleep(for: .milliseconds(200))
            #expect(answered.withLock { $0 } == nil, "a pending file was answered before it was rendered")
            let lists = [OutputFile(path: "timeline/index.html", bytes: Array("<p>new timeline</p>".utf8))]
            server.site.publish(LiveSite.Publication(lists, basePath: "/wps/", pending: []))
            try await request.value
            #expect(answered.withLock { $0 }?.contains("new timeline") == true)
            server.site.unwritten.clear()
        }
    }

    /// A build that fails after handing over its first files lets every waiting request go on
    /// (to the output folder, which it left as it was).
    @Test func aFailedBuildReleasesTheRequestsWaitingForItsFiles() async throws {
        let files = UnwrittenFiles()
        files.add(["activities/a/index.html": Array("new".utf8)], pending: ["timeline/index.html"])
        #expect(files.isPending("timeline/index.html") && !files.isPending("activities/a/index.html"))
        let released = Mutex(false)
        let request = Task {
            await files.waitForPending()
            released.withLock { $0 = true }
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(!released.withLock { $0 }, "released while a file was still pending")
        files.clear()
        await request.value
        #expect(released.withLock { $0 })
        #expect(files.isEmpty && !files.hasPending && files.file("activities/a/index.html") == nil)
    }

    @Test func aBurstOfSavesIsOneBuildAndEditorTempFilesAreIgnored() async throws {
        try await ServedSite.with { site, server in
            let events = try await ServeEventStream.open(server.port!)
            defer { events.close() }
            _ = try await events.next(timeout: 5)

            for name in [".2024-06-21-first-seminar.md.swp", "4913", "2024-06-21-first-seminar.md~", ".#2024-06-21-first-seminar.md"] {
                try "junk".write(toFile: site.content + "/activities/" + name, atomically: false, encoding: .utf8)
            }
            try await Task.sleep(for: .milliseconds(600))
            #expect(events.count == 1, "temp files started a build")
            for name in [".2024-06-21-first-seminar.md.swp", "4913", "2024-06-21-first-seminar.md~", ".#2024-06-21-first-seminar.md"] {
                try FileManager.default.removeItem(atPath: site.content + "/activities/" + name)
            }
            try await Task.sleep(for: .milliseconds(300))

            // Back to back: with a pause between saves, a busy machine (the whole suite runs at
            // once) could stretch one past the 100 ms quiet period and start a second build.
            for index in 1...5 {
                site.writeActivity(title: "Burst \(index)", date: "2024-06-21")
            }
            let reload = try await events.next(timeout: 5)
            #expect(reload.event == "reload")
            try await Task.sleep(for: .milliseconds(600))
            #expect(events.count == 2, "one build for the burst, got \(events.count - 1) events")
            #expect(try await ServeHTTPProbe.get(server.port!, "/wps/activities/\(ServedSite.activityID)/").body.contains("Burst 5"))
        }
    }

    @Test func templatesAndNewSubfoldersAreWatchedToo() async throws {
        try await ServedSite.with(copyTemplates: true) { site, server in
            let events = try await ServeEventStream.open(server.port!)
            defer { events.close() }
            _ = try await events.next(timeout: 5)

            // A template edit.
            let layout = site.templates + "/layout.mustache"
            let original = try String(contentsOfFile: layout, encoding: .utf8)
            try original.replacingOccurrences(of: "</main>", with: "</main><p>TEMPLATE-MARK</p>")
                .write(toFile: layout, atomically: true, encoding: .utf8)
            #expect(try await events.next(timeout: 5).event == "reload")
            // On a busy machine a reload can come from a build that started before the save was
            // complete; the next one brings the new page.
            var home = ""
            let templateDeadline = Date().addingTimeInterval(5)
            while Date() < templateDeadline {
                home = try await ServeHTTPProbe.get(server.port!, "/wps/").body
                if home.contains("TEMPLATE-MARK") { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(home.contains("TEMPLATE-MARK"))

            // A static file in a folder that did not exist when the server started.
            try FileManager.default.createDirectory(atPath: site.content + "/static/files/deeper", withIntermediateDirectories: true)
            try await Task.sleep(for: .milliseconds(300))
            try "first".write(toFile: site.content + "/static/files/deeper/note.txt", atomically: true, encoding: .utf8)
            #expect(try await events.next(timeout: 5).event == "reload")
            try await Task.sleep(for: .milliseconds(300))
            try "second".write(toFile: site.content + "/static/files/deeper/note.txt", atomically: false, encoding: .utf8)
            let deadline = Date().addingTimeInterval(5)
            var body = ""
            while Date() < deadline {
                body = try await ServeHTTPProbe.get(server.port!, "/wps/files/deeper/note.txt").body
                if body == "second" { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(body == "second")
        }
    }

    @Test func pollingFallbackSeesChanges() async throws {
        try await ServedSite.with(watchMode: .polling) { site, server in
            let events = try await ServeEventStream.open(server.port!)
            defer { events.close() }
            _ = try await events.next(timeout: 5)
            site.writeActivity(title: "Polled Seminar", date: "2024-06-21")
            let reload = try await events.next(timeout: 5)
            #expect(reload.event == "reload")
            #expect(try await ServeHTTPProbe.get(server.port!, "/wps/activities/\(ServedSite.activityID)/").body.contains("Polled Seminar"))
        }
    }

    @Test func aFirstBuildThatFailsServesAnErrorPageThatReloadsWhenFixed() async throws {
        let site = ServedSite()
        site.writeActivity(title: "Broken", date: "2024-13-45")
        try await site.serve { server in
            let page = try await ServeHTTPProbe.get(server.port!, "/wps/")
            #expect(page.status == 503)
            #expect(page.body.contains("2024-13-45"))
            #expect(page.body.contains("/__sitegen/live.js"))
            let events = try await ServeEventStream.open(server.port!)
            defer { events.close() }
            #expect(try await events.next(timeout: 5).data.contains("2024-13-45"))
            site.writeActivity(title: "Mended", date: "2024-06-21")
            #expect(try await events.next(timeout: 5).event == "reload")
            let mended = try await ServeHTTPProbe.get(server.port!, "/wps/activities/\(ServedSite.activityID)/")
            #expect(mended.status == 200)
            #expect(mended.body.contains("Mended"))
        }
    }

    // MARK: Starting and stopping

    @Test func aTakenPortGivesAClearError() async throws {
        let listener = try ServeTakenPort()
        defer { listener.close() }
        let site = ServedSite()
        let server = DevServer(ServeConfiguration(build: site.options, port: listener.port, handlesSignals: false), console: site.console.console)
        await #expect {
            try await server.run()
        } throws: { error in
            guard let error = error as? ServeError else { return false }
            return error.kind == .portInUse && error.message.contains("127.0.0.1:\(listener.port)")
                && error.message.contains("already in use") && error.message.contains("--port")
        }
        #expect(await server.waitUntilReady() == nil)
        #expect(!FileManager.default.fileExists(atPath: site.output), "fails before building")

        // Past the early check (a port taken in between), the listener's own failure reads the same.
        var configuration = ServeConfiguration(build: site.options, port: listener.port, handlesSignals: false)
        configuration.probesPortFirst = false
        let unprobed = DevServer(configuration, console: site.console.console)
        await #expect {
            try await unprobed.run()
        } throws: { error in
            (error as? ServeError)?.kind == .portInUse && "\(error)".contains("already in use")
        }
        let explained = DevServer.explain(ServeError(kind: .serverFailed, message: "bind(descriptor:ptr:bytes:): Address already in use (errno: 98)"),
                                          host: "127.0.0.1", port: listener.port)
        #expect(explained.kind == .portInUse)
    }

    @Test func shutdownEndsOpenEventStreamsAndStopsListening() async throws {
        let site = ServedSite()
        let server = DevServer(ServeConfiguration(build: site.options, port: 0, handlesSignals: false), console: site.console.console)
        let running = Task { try await server.run() }
        let port = try #require(await server.waitUntilReady() != nil ? server.port : nil)
        let events = try await ServeEventStream.open(port)
        defer { events.close() }
        _ = try await events.next(timeout: 5)
        let started = Date()
        await server.shutdown()
        try await running.value
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(events.waitForEnd(timeout: 2), "the event stream ends")
        await #expect(throws: (any Error).self) { try await ServeHTTPProbe.get(port, "/wps/") }
    }

    // MARK: Pieces

    @Test func pathResolution() throws {
        let root = ServedSite.temporaryFolder("sitegen-paths")
        try FileManager.default.createDirectory(atPath: root + "/out/dir", withIntermediateDirectories: true)
        try "x".write(toFile: root + "/out/dir/index.html", atomically: true, encoding: .utf8)
        try "x".write(toFile: root + "/out/a b.txt", atomically: true, encoding: .utf8)
        try "x".write(toFile: root + "/outside.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root + "/out/link.txt", withDestinationPath: root + "/outside.txt")
        try FileManager.default.createSymbolicLink(atPath: root + "/out/inner.txt", withDestinationPath: root + "/out/a b.txt")
        let out = ServedPath.realPath(root + "/out")!
        func resolve(_ path: String, query: String? = nil) -> ServedPath {
            ServedPath.resolve(rawPath: path, query: query, basePath: "/wps/", root: root + "/out")
        }
        #expect(resolve("/wps/") == .notFound)  // no index.html at the top
        #expect(resolve("/wps/dir/") == .file(out + "/dir/index.html"))
        #expect(resolve("/wps/dir") == .redirect("/wps/dir/"))
        #expect(resolve("/wps/dir", query: "q=1") == .redirect("/wps/dir/?q=1"))
        #expect(resolve("/wps/a%20b.txt") == .file(out + "/a b.txt"))
        #expect(resolve("/wps/inner.txt") == .file(out + "/a b.txt"))
        #expect(resolve("/wps/link.txt") == .notFound)
        #expect(resolve("/wps/../outside.txt") == .badRequest)
        #expect(resolve("/wps/%2e%2e/outside.txt") == .badRequest)
        #expect(resolve("/wps/%2E%2e%2Foutside.txt") == .badRequest)
        #expect(resolve("/wps/a%5cb") == .badRequest)
        #expect(resolve("/wps/a%00b") == .badRequest)
        #expect(resolve("/wps/%zz") == .badRequest)
        #expect(resolve("/wps/%ff") == .badRequest)
        #expect(resolve("/wps/%252e%252e/outside.txt") == .notFound)
        #expect(resolve("/other/dir/") == .notFound)
        #expect(resolve("/wps") == .redirect("/wps/"))
        #expect(resolve("relative") == .badRequest)
        #expect(ServedPath.resolve(rawPath: "//dir", basePath: "/", root: root + "/out") == .redirect("/dir/"), "never //host")

        // Files a build rendered and has not written yet come first; the checks above still hold.
        let rendered: Set<String> = ["index.html", "new/index.html", "dir/index.html", "data/a.json"]
        func resolveRendered(_ path: String) -> ServedPath {
            ServedPath.resolve(rawPath: path, basePath: "/wps/", root: root + "/out", isRendered: rendered.contains)
        }
        #expect(resolveRendered("/wps/") == .rendered("index.html"))
        #expect(resolveRendered("/wps/new/") == .rendered("new/index.html"))
        #expect(resolveRendered("/wps/new") == .redirect("/wps/new/"))
        #expect(resolveRendered("/wps/dir/") == .rendered("dir/index.html"))
        #expect(resolveRendered("/wps/data/a.json") == .rendered("data/a.json"))
        #expect(resolveRendered("/wps/a%20b.txt") == .file(out + "/a b.txt"))
        #expect(resolveRendered("/wps/../index.html") == .badRequest)
        #expect(resolveRendered("/other/index.html") == .notFound)
    }

    @Test func theInjectedTagEscapesErrors() {
        let html = "<html><body><p>x</p></BODY></html>"
        let status = BuildStatus(build: 7, errors: [#"a.md:1:2: error: `<script>alert("x")</script>` & 'y'"#])
        let injected = LiveReloadScript.inject(into: html, status: status)
        #expect(injected.hasPrefix("<html><body><p>x</p><script src=\"/__sitegen/live.js\" data-sitegen-build=\"7\""))
        #expect(injected.hasSuffix("</script>\n</BODY></html>"))
        #expect(!injected.contains("<script>alert"))
        #expect(injected.contains("&lt;script&gt;alert(\\&quot;x\\&quot;)&lt;/script&gt;` &amp; &#39;y&#39;"))
        #expect(LiveReloadScript.inject(into: "no body", status: status).hasPrefix("no body\n<script"))
        #expect(LiveReloadHub.frame(event: "error", data: "a\nb") == "event: error\ndata: a\ndata: b\n\n")
    }

    /// A build waits less after a finished save than after a write it saw in progress: the
    /// watcher must tell them apart (inotify: written and not yet closed, then closed; renamed in).
    @Test func theWatcherTellsAFinishedSaveFromAWriteInProgress() throws {
        let root = ServedSite.temporaryFolder("sitegen-complete")
        try FileManager.default.createDirectory(atPath: root + "/content", withIntermediateDirectories: true)
        let seen = ResultBox<[FileChange]>()
        seen.value = []
        let watcher = FileWatcher(roots: [root + "/content"], excluded: []) { change in
            seen.lock.withLock { seen.unsafeValue.append(change) }
        }
        // Polling sees stamps only: it never calls a change complete.
        guard watcher.start() == "inotify" else { return }
        defer { watcher.stop() }
        // A hang guard, not a timing: each event comes at once or not at all.
        func arrives(_ found: ([FileChange]) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(10)
            while !found(seen.value ?? []) {
                guard Date() < deadline else { return false }
                Thread.sleep(forTimeInterval: 0.01)
            }
            return true
        }
        let path = root + "/content/a.md"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(descriptor >= 0)
        _ = "---\ntitle: x\n".withCString { write(descriptor, $0, strlen($0)) }
        try #require(arrives { $0.contains { $0.path == path } }, "no event for a file being written")
        #expect(seen.value?.filter { $0.path == path }.allSatisfy { !$0.isComplete } == true, "a file still open for writing is not a finished save")
        close(descriptor)
        try #require(arrives { $0.contains { $0.path == path && $0.isComplete } }, "no finished save once the file is closed")

        TestSupport.write("saved", to: root + "/saving.tmp")
        try #require(rename(root + "/saving.tmp", root + "/content/b.md") == 0)
        #expect(arrives { $0.contains { $0.path == root + "/content/b.md" && $0.isComplete } }, "no finished save for a file renamed into place")
    }

    @Test func editorTempFileNames() {
        for name in ["x.md.swp", ".x.md.swx", "4913", "x.md~", ".#x.md", "#x.md#", "x.md___jb_tmp___", ".public.sitegen-staging-42", ".dat.nosync3a2f.Qx81Lm"] {
            #expect(FileWatcher.isIgnoredName(name), "\(name)")
        }
        for name in ["x.md", "site.yml", "layout.mustache", "style.css", "4914", "dat.md"] {
            #expect(!FileWatcher.isIgnoredName(name), "\(name)")
        }
        let watcher = FileWatcher(roots: ["/w/content"], excluded: ["/w/content/public"]) { _ in }
        #expect(watcher.isExcluded("/w/content/public"))
        #expect(watcher.isExcluded("/w/content/public/index.html"))
        #expect(watcher.isExcluded("/w/content/.public.sitegen-staging-123/activities/x/index.html"))
        #expect(!watcher.isExcluded("/w/content/publication.md"))
        #expect(!watcher.isExcluded("/w/content/activities/x.md"))
    }
}

// MARK: - Helpers

/// A tiny site in a temporary folder: site.yml with base_url http://localhost/wps/, one activity, one partner;
/// the repository's templates (or a copy of them).
final class ServedSite: Sendable {
    static let activityID = "2024-06-21-first-seminar"
    let root: String
    let content: String
    let templates: String
    let output: String
    let console = ServeCapturedConsole()

    static let repositoryTemplates: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/Templates"
    }()

    init(copyTemplates: Bool = false) {
        root = ServedSite.temporaryFolder("sitegen-serve")
        content = root + "/content"
        output = root + "/public"
        if copyTemplates {
            templates = root + "/Templates"
            try! FileManager.default.copyItem(atPath: Self.repositoryTemplates, toPath: templates)
        } else {
            templates = Self.repositoryTemplates
        }
        Self.write("title: Tiny WPS\nbase_url: http://localhost/wps/\ndescription: A test portal.\n", to: content + "/site.yml")
        Self.write("---\nname: Norway\nkind: country\niso: \"NO\"\nregion: Europe\n---\nA Nordic country.\n", to: content + "/partners/norway.md")
        writeActivity(title: "First Seminar", date: "2024-06-21")
    }

    var options: BuildOptions {
        BuildOptions(content: "content", templates: templates, output: "public", workingDirectory: root)
    }

    func writeActivity(title: String, date: String) {
        Self.write("---\ntitle: \(title)\ndate: \(date)\ntype: seminar\npartners: [norway]\n---\nA seminar with Norway.\n",
                   to: content + "/activities/\(Self.activityID).md")
    }

    /// Starts a server on a free port, runs `body`, then shuts it down and checks that it stopped.
    func serve(watchMode: WatchMode = .automatic, limits: ConnectionLimits? = nil, _ body: (DevServer) async throws -> Void) async throws {
        var configuration = ServeConfiguration(build: options, port: 0, handlesSignals: false, watchMode: watchMode)
        if let limits { configuration.connectionLimits = limits }
        let server = DevServer(configuration, console: console.console)
        let running = Task { try await server.run() }
        guard await server.waitUntilReady() != nil, server.port != nil else {
            running.cancel()
            try await running.value
            Issue.record("the server did not start: \(console.errors)")
            return
        }
        do {
            try await body(server)
        } catch {
            await server.shutdown()
            _ = try? await running.value
            throw error
        }
        await server.shutdown()
        try await running.value
        try? FileManager.default.removeItem(atPath: root)
    }

    static func with(copyTemplates: Bool = false, watchMode: WatchMode = .automatic, limits: ConnectionLimits? = nil,
                     _ body: (ServedSite, DevServer) async throws -> Void) async throws {
        let site = ServedSite(copyTemplates: copyTemplates)
        try await site.serve(watchMode: watchMode, limits: limits) { server in try await body(site, server) }
    }

    static func temporaryFolder(_ name: String) -> String {
        let path = TestSupport.temporaryFolder(name)
        return ServedPath.realPath(path) ?? path
    }

    static func write(_ text: String, to path: String) {
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

/// Collects what the server prints.
final class ServeCapturedConsole: @unchecked Sendable {
    private let lock = NSLock()
    private var _info: [String] = []
    private var _errors: [String] = []
    var info: [String] { lock.withLock { _info } }
    var errors: [String] { lock.withLock { _errors } }
    var console: ServeConsole {
        ServeConsole(info: { line in self.lock.withLock { self._info.append(line) } },
                     error: { line in self.lock.withLock { self._errors.append(line) } })
    }
}

/// Connects a TCP socket to 127.0.0.1:port (blocking, with a 5 s timeout on reads).
func connectLoopback(_ port: Int) throws -> Int32 {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw ServeHTTPProbe.Failure.socket }
    var timeout = timeval(tv_sec: 5, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard result == 0 else {
        close(descriptor)
        throw ServeHTTPProbe.Failure.connect
    }
    return descriptor
}

private func sendAll(_ descriptor: Int32, _ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let sent = bytes.withUnsafeMutableBytes { send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
        if sent <= 0 { return }
        offset += sent
    }
}

/// Runs blocking socket work on a thread of its own, never on the cooperative pool the server needs.
private func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// One HTTP/1.1 request over a raw socket, sent exactly as written (no path clean-up by a client library).
enum ServeHTTPProbe {
    enum Failure: Error { case socket, connect, malformed }

    struct Result: Sendable {
        var status: Int
        var headers: [String: String]
        var body: String
        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    static func get(_ port: Int, _ target: String, method: String = "GET", host: String? = nil) async throws -> Result {
        try await onThread {
            let descriptor = try connectLoopback(port)
            defer { close(descriptor) }
            sendAll(descriptor, "\(method) \(target) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n\r\n")
            var data = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = recv(descriptor, &buffer, buffer.count, 0)
                if count <= 0 { break }
                data.append(contentsOf: buffer[0..<count])
            }
            let text = String(decoding: data, as: UTF8.self)
            guard let split = text.range(of: "\r\n\r\n") else { throw Failure.malformed }
            let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
            let statusParts = lines[0].split(separator: " ")
            guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure.malformed }
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            return Result(status: status, headers: headers, body: String(text[split.upperBound...]))
        }
    }
}

/// A client of `/__sitegen/events` that records every event with the time it arrived.
final class ServeEventStream: @unchecked Sendable {
    struct Event: Sendable {
        var event: String
        var data: String
        var at: Date
    }

    private let descriptor: Int32
    private let lock = NSLock()
    private var events: [Event] = []
    private var consumed = 0
    private var ended = false

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    static func open(_ port: Int) async throws -> ServeEventStream {
        let descriptor = try await onThread { try connectLoopback(port) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        sendAll(descriptor, "GET /__sitegen/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
        let stream = ServeEventStream(descriptor: descriptor)
        Thread { stream.readLoop() }.start()
        return stream
    }

    /// Events received so far.
    var count: Int { lock.withLock { events.count } }

    /// The next event not yet returned, waiting up to `timeout` seconds.
    func next(timeout: TimeInterval) async throws -> Event {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let event: Event? = lock.withLock {
                guard consumed < events.count else { return nil }
                consumed += 1
                return events[consumed - 1]
            }
            if let event { return event }
            try await Task.sleep(for: .milliseconds(5))
        }
        Issue.record("no event within \(timeout) s")
        throw ServeHTTPProbe.Failure.malformed
    }

    func waitForEnd(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if lock.withLock({ ended }) { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return false
    }

    func close() {
        shutdown(descriptor, Int32(SHUT_RDWR))
    }

    private func readLoop() {
        defer {
            lock.withLock { ended = true }
            Glibc.close(descriptor)
        }
        var raw = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 16384)
        var headerDone = false
        var body = [UInt8]()  // de-chunked
        var text = ""
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { return }
            raw.append(contentsOf: buffer[0..<count])
            if !headerDone {
                guard let end = raw.firstRange(of: Array("\r\n\r\n".utf8)) else { continue }
                headerDone = true
                raw.removeSubrange(0..<end.upperBound)
            }
            // Chunked transfer encoding: SIZE CRLF DATA CRLF ...
            while let lineEnd = raw.firstRange(of: [13, 10]) {
                guard let size = Int(String(decoding: raw[0..<lineEnd.lowerBound], as: UTF8.self), radix: 16) else { return }
                if size == 0 { return }
                guard raw.count >= lineEnd.upperBound + size + 2 else { break }
                body.append(contentsOf: raw[lineEnd.upperBound..<(lineEnd.upperBound + size)])
                raw.removeSubrange(0..<(lineEnd.upperBound + size + 2))
            }
            text += String(decoding: body, as: UTF8.self)
            body.removeAll()
            while let split = text.range(of: "\n\n") {
                let block = text[..<split.lowerBound]
                text.removeSubrange(..<split.upperBound)
                var name: String?
                var data: [String] = []
                for line in block.split(separator: "\n") {
                    if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                    if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
                }
                if let name {
                    let event = Event(event: name, data: data.joined(separator: "\n"), at: Date())
                    lock.withLock { events.append(event) }
                }
            }
        }
    }
}

/// A port something else listens on.
final class ServeTakenPort: Sendable {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && listen(descriptor, 4) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw ServeHTTPProbe.Failure.socket }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { Glibc.close(descriptor) }
}
