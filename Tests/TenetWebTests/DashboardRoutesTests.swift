import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TenetBus
import TenetHTTP
import TenetWeb

@Suite("The dashboard's page and files, in process")
struct DashboardRoutesTests {
    /// The repository's Packages/TenetWeb/Assets folder.
    static let assets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Packages/TenetWeb/Assets")

    @Test("Every file of Packages/TenetWeb/Assets is embedded, equal to the file (Scripts/embed-swift.sh)")
    func embeddedCopies() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.assets.path).sorted()
        #expect(names == ["dashboard.css", "dashboard.html", "dashboard.js", "favicon.svg"])
        #expect(DashboardFiles.texts.keys.sorted() == names)
        for name in names {
            let file = try String(contentsOf: Self.assets.appendingPathComponent(name), encoding: .utf8)
            #expect(DashboardFiles.texts[name].map { $0 + "\n" } == file, "\(name) differs from its embedded copy: run Scripts/embed-swift.sh")
        }
    }

    @Test("GET / is the page, without a token, with its content type, no-cache, a validator and the security headers")
    func page() async throws {
        try await WebRoutesTests.withAPI { client, backend in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.cacheControl] == "no-cache")
                #expect(response.headers[.contentSecurityPolicy] == DashboardAssets.contentSecurityPolicy)
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                #expect(String(buffer: response.body) == (DashboardFiles.texts["dashboard.html"] ?? "") + "\n")
            }
            // The page takes the filters in its query string (?team=a&team=b): they are the page's, not refused.
            try await client.execute(uri: "/?team=support&team=sales&channel=chat", method: .get) { #expect($0.status == .ok) }
            #expect(backend.asked.withLock { $0.count } == 0)
        }
    }

    @Test("The assets are served with their content types; an unknown one is a 404; none needs the token")
    func assets() async throws {
        try await WebRoutesTests.withAPI { client, _ in
            for (name, type) in [
                ("dashboard.js", "text/javascript; charset=utf-8"), ("dashboard.css", "text/css; charset=utf-8"), ("favicon.svg", "image/svg+xml"),
            ] {
                try await client.execute(uri: "/assets/" + name, method: .get) { response in
                    #expect(response.status == .ok, "\(name)")
                    #expect(response.headers[.contentType] == type, "\(name)")
                    #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                    #expect(response.body.readableBytes == (DashboardFiles.texts[name]?.utf8.count ?? -2) + 1)
                }
            }
            try await client.execute(uri: "/assets/nothing.js", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(WebRoutesTests.error(response) == ("not_found", "no dashboard file /assets/nothing.js"))
            }
            try await client.execute(uri: "/assets/dashboard.js", method: .post) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
            }
        }
    }

    @Test("An If-None-Match with the file's validator is a 304 without a body; another validator gets the file")
    func revalidation() async throws {
        try await WebRoutesTests.withAPI { client, _ in
            var etag = ""
            try await client.execute(uri: "/assets/dashboard.js", method: .get) { response in
                etag = response.headers[.eTag] ?? ""
            }
            #expect(etag.count == 18)
            try await client.execute(uri: "/assets/dashboard.js", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/assets/dashboard.js", method: .get, headers: [.ifNoneMatch: "\"0000000000000000\""]) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("The page needs no token but every data route still does")
    func dataStillNeedsTheToken() async throws {
        try await WebRoutesTests.withAPI { client, backend in
            for uri in [
                "/v1/scorecard", "/v1/philosophy", "/v1/metrics?metric=csat", "/v1/conversations?metric=csat", "/v1/conversations/c-1",
                "/v1/conversations/c-1/events", "/v1/alerts", "/v1/sla", "/v1/staffing", "/v1/stream", "/metrics", "/assets",
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .unauthorized, "\(uri)")
                }
            }
            #expect(backend.asked.withLock { $0.count } == 0)
        }
    }

    @Test("The page and script hold no inline script or style, so the policy's script-src 'self' takes nothing else")
    func noInlineCode() throws {
        let html = DashboardFiles.texts["dashboard.html"] ?? ""
        #expect(!html.contains("<script>"))
        #expect(!html.contains("style="))
        #expect(!html.contains(/\son[a-z]+=/))
        #expect(html.contains(#"<script src="/assets/dashboard.js" defer></script>"#))
        let script = DashboardFiles.texts["dashboard.js"] ?? ""
        #expect(!script.contains("innerHTML"))
        #expect(!script.contains("eval("))
        // No address elsewhere (the SVG namespace is a name, not a request).
        let addresses = script.replacingOccurrences(of: "'http://www.w3.org/2000/svg'", with: "")
        #expect(!addresses.contains("http://") && !addresses.contains("https://"))
        #expect(DashboardAssets.contentSecurityPolicy.hasPrefix("default-src 'self'; script-src 'self';"))
    }

    @Test("/v1/conversations/{id}/events asks the store for the conversation's events; none is a 404")
    func conversationEvents() async throws {
        let backend = StandInBackend { peer, method, body in
            String(decoding: body, as: UTF8.self).contains(#""c-1""#)
                ? Array(#"{"events":[{"seq":4,"id":"e-1","type":"conversation.opened","event":{"id":"e-1"}}],"last_seq":9}"#.utf8)
                : Array(#"{"events":[],"last_seq":9}"#.utf8)
        }
        try await WebRoutesTests.withAPI(backend: backend) { client, backend in
            try await client.execute(uri: "/v1/conversations/c-1/events", method: .get, headers: WebRoutesTests.authorized) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).hasPrefix(#"{"events":[{"seq":4"#))
            }
            let asked = backend.asked.withLock { $0.first }
            #expect(asked?.peer == .store)
            #expect(asked?.method == "query")
            let body = try JSONSerialization.jsonObject(with: Data((asked?.body ?? "").utf8)) as? NSDictionary
            #expect(body == ["conversation": "c-1", "limit": 1000] as NSDictionary)
            try await client.execute(uri: "/v1/conversations/c-2/events", method: .get, headers: WebRoutesTests.authorized) { response in
                #expect(response.status == .notFound)
                #expect(WebRoutesTests.error(response) == ("not_found", "no stored event for conversation 'c-2'"))
            }
        }
    }

    @Test("/v1/philosophy answers the configured philosophy's words, and 503 without one")
    func philosophy() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tenet-philosophy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("philosophy.yaml").path
        try """
            purpose: "Strengthen human connection."
            vision: "Every customer feels heard."
            values:
              - name: Speed
                action: "Treat every customer with urgency."
                metrics:
                  - { metric: first_response_time, stat: p90, target: "<= 1h" }
            """.write(toFile: path, atomically: true, encoding: .utf8)
        var api = WebAPI(
            backend: StandInBackend { _, _, _ in [] }, token: BearerToken(value: WebRoutesTests.token, file: nil), metricsNeedToken: true, hub: LiveHub())
        api.philosophy = { () throws(APIError) in try PhilosophySummary.load(path: path) }
        try await Application(router: api.router()).test(.router) { client in
            try await client.execute(uri: "/v1/philosophy", method: .get, headers: WebRoutesTests.authorized) { response in
                #expect(response.status == .ok)
                let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? NSDictionary
                #expect(object == [
                    "purpose": "Strengthen human connection.", "vision": "Every customer feels heard.",
                    "values": [["name": "Speed", "action": "Treat every customer with urgency."]], "teams": [],
                ] as NSDictionary)
            }
        }
        try await WebRoutesTests.withAPI { client, _ in
            try await client.execute(uri: "/v1/philosophy", method: .get, headers: WebRoutesTests.authorized) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(WebRoutesTests.error(response).code == "unavailable")
            }
        }
    }
}
