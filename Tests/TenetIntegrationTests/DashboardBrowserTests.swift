import Foundation
import Testing

/// The dashboard in a real browser (headless Chromium, Debian's `chromium`) in front of a real
/// stack: the scorecard the page shows equals `tenet metrics --json`; one more event changes the
/// figure in the page without a reload; the token leaves the address bar; the drill-down reaches
/// the conversations and a conversation's stored events; filters in the address change the
/// figures; no script error and no Content-Security-Policy violation. A screenshot is saved
/// under `.build/test-artifacts/`.
@Suite("Dashboard in headless Chromium", .serialized)
struct DashboardBrowserTests {
    /// What a scorecard row shows: the figure (absent without data), its sample size and status.
    struct Shown: Equatable, CustomStringConvertible {
        var value: Double?
        var sampleSize: Int
        var status: String
        var description: String { "\(value.map { "\($0)" } ?? "–") (N=\(sampleSize), \(status.isEmpty ? "no target" : status))" }
    }

    /// The rows of the page's scorecard, by row key (series, and the group's dimensions).
    static func shownInPage(_ browser: DashboardBrowser) throws -> [String: Shown] {
        let text = try browser.string(
            """
            JSON.stringify([...document.querySelectorAll('#scorecard tr[data-key]')].map((row) => [
              row.dataset.key, row.querySelector('.actual').dataset.value ?? null,
              row.querySelector('.sample').dataset.sampleSize, row.querySelector('.status').dataset.status]))
            """)
        let rows = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[Any]] ?? []
        var shown: [String: Shown] = [:]
        for row in rows {
            guard let key = row[0] as? String else { continue }
            shown[key] = Shown(value: (row[1] as? String).flatMap(Double.init), sampleSize: Int(row[2] as? String ?? "") ?? -1, status: row[3] as? String ?? "")
        }
        return shown
    }

    /// The same, from `tenet metrics --json` (the key built as the page builds it).
    static func shownByCommand(_ stack: RunningStack) throws -> [String: Shown] {
        let command = try stack.tenet(["metrics", "--json"])
        guard command.status == 0, let scorecard = try JSONSerialization.jsonObject(with: Data(command.output.utf8)) as? [String: Any] else {
            return [:]
        }
        var shown: [String: Shown] = [:]
        for series in scorecard["series"] as? [[String: Any]] ?? [] {
            let figure = series["figure"] as? [String: Any] ?? [:]
            let dimensions = figure["dimensions"] as? [String: Any] ?? [:]
            let group = dimensions.keys.sorted().map { "\($0)=\(dimensions[$0] as? String ?? "")" }.joined(separator: ",")
            let key = (series["series"] as? String ?? "") + (group.isEmpty ? "" : "|" + group)
            shown[key] = Shown(value: figure["value"] as? Double, sampleSize: figure["sample_size"] as? Int ?? -1, status: series["status"] as? String ?? "")
        }
        return shown
    }

    /// Polls until the page shows exactly what the command prints, then checks it once more.
    static func expectPageEqualsCommand(_ browser: DashboardBrowser, _ stack: RunningStack, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var page: [String: Shown] = [:]
        var command: [String: Shown] = [:]
        try? waitUntil("the page shows the figures of `tenet metrics --json`", timeout: 30) {
            page = try shownInPage(browser)
            command = try shownByCommand(stack)
            return !command.isEmpty && page == command
        }
        #expect(!command.isEmpty, sourceLocation: sourceLocation)
        #expect(page == command, "page \(page.sorted { $0.key < $1.key }) vs command \(command.sorted { $0.key < $1.key })", sourceLocation: sourceLocation)
    }

    /// Polls `condition` like ``waitUntil``; on a timeout records what the page shows and said.
    static func waitInPage(_ browser: DashboardBrowser, _ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ condition: () throws -> Bool) throws {
        do {
            try waitUntil(what, timeout: 30, sourceLocation: sourceLocation, condition)
        } catch {
            let page = try? browser.string(
                """
                JSON.stringify({ready: document.body.dataset.ready, live: document.getElementById('live').dataset.state,
                  auth: !document.getElementById('auth').hidden, authMessage: document.getElementById('auth-message').textContent,
                  error: document.getElementById('error').textContent, url: location.href,
                  rows: document.querySelectorAll('#scorecard tr[data-key]').length})
                """)
            Issue.record("the page: \(page ?? "?"); its problems: \((try? browser.problems()) ?? [])", sourceLocation: sourceLocation)
            throw error
        }
    }

    @Test func theScorecardInTheBrowserEqualsTheCommandAndUpdatesLiveWithoutAReload() throws {
        let started = Date()
        // The browser comes from Scripts/install-deps.sh: without it this test fails, it does not skip.
        try #require(
            FileManager.default.isExecutableFile(atPath: DashboardBrowser.chromium),
            "no \(DashboardBrowser.chromium): run Scripts/install-deps.sh (it installs Debian's chromium package)")

        // A fixed free port, so that the web plugin comes back on the same address after a restart.
        let port = try run(TestPaths.python, ["-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
            .output.trimmingCharacters(in: .whitespacesAndNewlines)
        let stackText = WebPluginTests.stack.replacingOccurrences(of: #"TENET_WEB_HTTP: "127.0.0.1:0""#, with: #"TENET_WEB_HTTP: "127.0.0.1:\#(port)""#)
        #expect(stackText.contains(port))
        let stack = try RunningStack(stackText, files: ["philosophy.yaml": MetricsPluginTests.philosophy], arguments: ["--guide"])
        for name in ["store", "ingest", "metrics", "rules", "web"] { try stack.waitRunning(name) }
        let base = try WebPluginTests.address(stack)
        let token = try String(contentsOfFile: stack.data + "/web.token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        // `tenet up --guide` (make run) prints the dashboard's link, with the token in the fragment.
        var link = ""
        try waitUntil("the guide prints the dashboard's link") {
            link = stack.log.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix("http://") && $0.contains("#token=") } ?? ""
            return !link.isEmpty
        }
        #expect(link == base + "/#token=" + token)
        let directory = stack.directory

        // The known event set: three conversations; first replies after 5, 15 and 3 minutes; CSAT 5, 2 and 4.
        let lines = MetricsPluginTests.conversation("d1", minutesAgo: 40, reply: 5, csat: 5)
            + MetricsPluginTests.conversation("d2", minutesAgo: 30, reply: 15, csat: 2)
            + MetricsPluginTests.conversation("d3", minutesAgo: 20, reply: 3, csat: 4)
        let sent = try WebPluginTests.http(base + "/v1/events", token: token, method: "POST", body: lines.joined(separator: "\n") + "\n", in: directory)
        #expect(sent.status == 202, "\(sent.body)")
        try waitUntil("the command counts the three CSAT answers") { try Self.shownByCommand(stack)["value:Quality:0"]?.sampleSize == 3 }

        let browser = try DashboardBrowser()
        print("DashboardBrowserTests: \(browser.version)")
        try browser.navigate(link)
        try Self.waitInPage(browser, "the page shows the scorecard") {
            try browser.evaluate("document.body.dataset.ready") as? String == "true"
        }
        // How soon it shows: the first paint and the scorecard filled in (ms after the navigation started).
        let paint = try browser.evaluate("Math.round(performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1)") as? Int ?? -1
        let filled = try browser.evaluate("document.body.dataset.firstReadyMs") as? String ?? "?"
        print("DashboardBrowserTests: first contentful paint \(paint) ms, scorecard shown \(filled) ms after navigation")
        // The token left the address bar for this tab's session storage.
        #expect(try browser.evaluate("location.href") as? String == base + "/")
        #expect(try browser.evaluate("sessionStorage.getItem('tenet.web.token')") as? String == token)
        #expect(try browser.evaluate("document.getElementById('live').dataset.state") as? String != nil)
        try Self.waitInPage(browser, "the live stream is connected") {
            try browser.evaluate("document.getElementById('live').dataset.state") as? String == "live"
        }
        try Self.expectPageEqualsCommand(browser, stack)
        let before = try #require(try Self.shownInPage(browser)["value:Quality:0"])
        #expect(abs((before.value ?? 0) - 200.0 / 3) < 1e-9)
        #expect(before.sampleSize == 3)
        // The action statement is the philosophy's.
        #expect(try browser.evaluate("document.querySelector('table[data-group=\"value:Quality\"] caption .action')?.textContent") as? String == "Get it right.")

        // One more event: a fourth CSAT answer (5). The page changes without a reload.
        try browser.evaluate("window.tenetTestMarker = 'not reloaded'; true")
        let answer = #"{"id":"d4-5","type":"survey.answered","at":"\#(ISO8601DateFormatter().string(from: Date().addingTimeInterval(-60)))","conversation":"d4","survey":"csat","score":5,"team":"support","channel":"chat"}"#
        let more = try WebPluginTests.http(base + "/v1/events", token: token, method: "POST", body: answer + "\n", in: directory)
        #expect(more.status == 202, "\(more.body)")
        try waitUntil("the command counts four CSAT answers") { try Self.shownByCommand(stack)["value:Quality:0"]?.sampleSize == 4 }
        let expected = try #require(try Self.shownByCommand(stack)["value:Quality:0"])
        #expect(expected.value == 75)
        try Self.waitInPage(browser, "the page shows the fourth answer") { try Self.shownInPage(browser)["value:Quality:0"] == expected }
        #expect(try browser.evaluate("window.tenetTestMarker") as? String == "not reloaded")
        #expect(Int(try browser.evaluate("document.body.dataset.liveUpdates") as? String ?? "") ?? 0 > 0)
        try Self.expectPageEqualsCommand(browser, stack)

        // The web plugin restarts: the page reconnects by itself (no reload), and the new stream updates it.
        #expect(try browser.evaluate("document.body.dataset.connections") as? String == "1")
        #expect(try stack.tenet(["restart", "web"]).status == 0)
        try Self.waitInPage(browser, "the page reconnects to the restarted plugin") {
            try browser.evaluate("document.body.dataset.connections") as? String == "2"
                && browser.evaluate("document.getElementById('live').dataset.state") as? String == "live"
        }
        #expect(try browser.evaluate("window.tenetTestMarker") as? String == "not reloaded")
        let fifth = #"{"id":"d5-5","type":"survey.answered","at":"\#(ISO8601DateFormatter().string(from: Date().addingTimeInterval(-30)))","conversation":"d5","survey":"csat","score":1,"team":"support","channel":"chat"}"#
        #expect(try WebPluginTests.http(base + "/v1/events", token: token, method: "POST", body: fifth + "\n", in: directory).status == 202)
        try waitUntil("the command counts five CSAT answers") { try Self.shownByCommand(stack)["value:Quality:0"]?.sampleSize == 5 }
        let afterRestart = try #require(try Self.shownByCommand(stack)["value:Quality:0"])
        #expect(afterRestart.value == 60)
        try Self.waitInPage(browser, "the page shows the fifth answer") { try Self.shownInPage(browser)["value:Quality:0"] == afterRestart }
        #expect(try browser.evaluate("window.tenetTestMarker") as? String == "not reloaded")

        // Drill-down: the conversations behind the CSAT figure, then one conversation's measurements and events.
        try browser.evaluate(#"document.querySelector('tr[data-series="value:Quality:0"] .drill button').click(); true"#)
        try Self.waitInPage(browser, "the drill-down lists the measurements") {
            try browser.evaluate("document.querySelector('#drill-body table')?.dataset.total ?? null") as? String == "5"
        }
        #expect(
            try browser.string("JSON.stringify([...document.querySelectorAll('#drill-body tr[data-conversation]')].map((r) => r.dataset.conversation))")
                == #"["d1","d3","d2","d4","d5"]"#)
        try browser.evaluate("document.querySelector('#drill-body tr[data-conversation=\"d1\"] button').click(); true")
        try Self.waitInPage(browser, "the conversation shows its stored events") {
            try browser.evaluate("document.querySelector('#conversation-body table[data-events]')?.dataset.events ?? null") as? String == "5"
        }
        let measurements = try WebPluginTests.http(base + "/v1/conversations/d1", token: token, in: directory).json as? [String: Any]
        let measured = try #require((measurements?["measurements"] as? [Any])?.count)
        #expect(try browser.evaluate("document.querySelectorAll('#conversation-body table[data-conversation=\"d1\"] tbody tr').length") as? Int == measured)

        let artifacts = TestPaths.repository + "/.build/test-artifacts"
        let screenshot = artifacts + "/dashboard.png"
        let bytes = try browser.screenshot(screenshot)
        #expect(bytes > 10_000)
        #expect(FileManager.default.contents(atPath: screenshot)?.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        print("DashboardBrowserTests: screenshot saved at \(screenshot) (\(bytes) bytes)")

        // The page's own stream parser: an event split anywhere (even inside a CR LF), several
        // data lines, comments; and the previous periods of a week and a month.
        let parsed = try browser.string(
            """
            (async () => {
              const chunks = ['retry: 3000\\r\\n: tenet live stream\\r\\n\\r\\nevent: met', 'ric\\r', '\\ndata: {"a":1}\\r\\n\\r', '\\n: keep-alive\\n\\nevent: alert\\ndata: x\\ndata:y\\n\\n'];
              const body = new ReadableStream({ start(c) { for (const chunk of chunks) c.enqueue(new TextEncoder().encode(chunk)); c.close(); } });
              const events = []; let comments = 0;
              await window.tenetDashboard.readEvents(body, (name, data) => events.push([name, data]), () => { comments += 1; });
              return JSON.stringify({ events, comments });
            })()
            """)
        #expect(parsed == #"{"events":[["metric","{\"a\":1}"],["alert","x\ny"]],"comments":2}"#)
        let spans = try browser.string(
            """
            JSON.stringify([
              window.tenetDashboard.previousSpan({ period: 'week', from: '2026-11-23T00:00:00Z', to: '2026-11-30T00:00:00Z' }, 1),
              window.tenetDashboard.previousSpan({ period: 'month', from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' }, 1),
              window.tenetDashboard.previousSpan({ period: 'month', from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' }, 2),
              window.tenetDashboard.previousSpan({ period: 'month', from: '2026-10-31T23:00:00Z', to: '2026-11-30T23:00:00Z' }, 1)])
            """)
        #expect(spans == #"[["2026-11-16T00:00:00.000Z","2026-11-23T00:00:00.000Z"],["2026-02-01T00:00:00.000Z","2026-03-01T00:00:00.000Z"],["# + #""2026-01-01T00:00:00.000Z","2026-02-01T00:00:00.000Z"],["2026-09-30T23:00:00.000Z","2026-10-31T23:00:00.000Z"]]"#)

        // Accessible: every control labelled or named, every table captioned with headers, no
        // sideways scrolling on a 1366×768 screen; printed without the controls.
        #expect(try browser.evaluate("[...document.querySelectorAll('input')].filter((i) => i.labels.length === 0).length") as? Int == 0)
        #expect(try browser.evaluate(
            "[...document.querySelectorAll('button')].filter((b) => !(b.getAttribute('aria-label') || b.textContent.trim())).length") as? Int == 0)
        #expect(try browser.evaluate("[...document.querySelectorAll('table')].filter((t) => !t.caption || !t.tHead).length") as? Int == 0)
        #expect(try browser.evaluate("document.querySelectorAll('table').length") as? Int == 6)
        #expect(try browser.evaluate("document.documentElement.scrollWidth") as? Int == 1366)
        try browser.emulate(media: "print")
        #expect(try browser.evaluate("getComputedStyle(document.getElementById('filter-panel')).display") as? String == "none")
        #expect(try browser.evaluate("getComputedStyle(document.querySelector('.scorecard .drill')).display") as? String == "none")
        try browser.emulate(media: "")

        // Filters from the address (a shared link): several values of one dimension.
        try browser.navigate(base + "/?team=support&team=sales&channel=chat")
        try Self.waitInPage(browser, "the filtered page shows the scorecard") {
            try browser.evaluate("document.body.dataset.ready") as? String == "true"
        }
        #expect(try Self.shownInPage(browser)["value:Quality:0"] == Shown(value: 60, sampleSize: 5, status: "missed"))
        try Self.waitInPage(browser, "the filter boxes reflect the address") {
            try browser.evaluate("document.querySelector('#filter-groups input[name=team][value=support]')?.checked ?? null") as? Bool == true
        }
        // Unticking a box rewrites the address and asks again.
        try browser.evaluate("document.querySelector('#filter-groups input[name=channel][value=chat]').click(); true")
        #expect(try browser.evaluate("location.search") as? String == "?team=sales&team=support")
        try browser.navigate(base + "/?team=sales")
        try Self.waitInPage(browser, "a team without data shows no figure") {
            try browser.evaluate("document.body.dataset.ready") as? String == "true"
                && Self.shownInPage(browser)["value:Quality:0"] == Shown(value: nil, sampleSize: 0, status: "no_data")
        }

        // No script error, no blocked resource, no CSP violation on the way.
        #expect(try browser.problems() == [])

        // The metrics plugin away: the page says so (never blank) and fills in by itself once it is back.
        #expect(try stack.tenet(["stop", "metrics"]).status == 0)
        // `tenet stop` asks and returns: a plugin still stopping may answer the page's first question.
        try waitUntil("metrics is stopped", timeout: 60) { try stack.plugin("metrics")?["state"] as? String == "stopped" }
        try browser.navigate(base + "/")
        try Self.waitInPage(browser, "the page says the scorecard could not be loaded") {
            try browser.evaluate("document.body.dataset.ready") as? String == "error"
        }
        #expect((try browser.evaluate("document.getElementById('error').textContent") as? String ?? "").hasPrefix("The scorecard could not be loaded: unavailable: "))
        #expect(try stack.tenet(["start", "metrics"]).status == 0)
        try Self.waitInPage(browser, "the page shows the scorecard once metrics is back") {
            try browser.evaluate("document.body.dataset.ready") as? String == "true"
        }
        try Self.expectPageEqualsCommand(browser, stack)

        // A wrong token: the form comes back with the reason, never a blank page.
        try browser.navigate("about:blank")  // from base + "/", only the fragment would change: no new load
        try browser.navigate(base + "/#token=wrong")
        try Self.waitInPage(browser, "the page asks for the token again") {
            try browser.evaluate("!document.getElementById('auth').hidden && document.getElementById('main').hidden") as? Bool == true
        }
        #expect(try browser.evaluate("document.getElementById('auth-message').textContent") as? String
            == "The server refused the token (401 unauthorized). Paste the token from DATA/web.token.")
        #expect(try browser.evaluate("sessionStorage.getItem('tenet.web.token')") as? String == nil)
        #expect(try browser.evaluate("document.querySelector('label[for=token-input]').textContent") as? String == "API token")
        try browser.quit()
        print("DashboardBrowserTests: \(String(format: "%.1f", Date().timeIntervalSince(started))) s in all")
    }
}
