import Foundation
import TenetBenchSupport
import TenetBus

#if canImport(Glibc)
import Glibc
#endif

/// One run of the dashboard's first-paint benchmark: a stack with store, ingest, metrics, rules
/// (the page's alerts and SLA panels ask it) and web on the repository's `philosophy.example.yaml`; `days` simulated days (`tenet simulate`, a
/// fixed seed) sent with `tenet send`, waited for until the metrics plugin's `last_seq` is the
/// store's; then one headless Chromium (through `Scripts/devtools_bridge.py`) loads, `navigations`
/// times each after one unmeasured warm-up, three pages in an order that alternates: the dashboard
/// with the token in the link (the subject: first contentful paint, and the moment the scorecard
/// is filled, both from the navigation's start), the same page without the token (the shell:
/// the same HTML, CSS and script, the token form, no data request) and a tiny static page. Every
/// page starts from `about:blank`, and the tab's session storage (where the page keeps the token)
/// is emptied after each dashboard load.
///
/// A run checks out when every dashboard load showed as many scorecard rows as `tenet metrics
/// --json` has series, every shell load showed the token form and made no `/v1/` request, and the
/// browser reported no script error or policy violation.
struct FirstPaintRun {
    var bin: String
    var work: String
    var repository: String
    var days: Int
    var navigations: Int
    var round: Int
    var chromium = "/usr/bin/chromium"
    var seed = 11

    /// What one load of a page showed, in milliseconds from its navigation's start.
    struct Load {
        var firstPaint: Double
        var ready: Double?
    }

    /// The three pages, in the order they are loaded in an even turn.
    enum Page: CaseIterable {
        case dashboard, shell, tiny
    }

    static let tinyPage = "data:text/html,<!doctype html><html lang=en><title>Tenet</title><p>Tenet</p></html>"

    func run() throws(BenchmarkError) -> [RunMeasurement] {
        let philosophy = repository + "/philosophy.example.yaml"
        let bridge = repository + "/Scripts/devtools_bridge.py"
        for file in [philosophy, bridge, chromium] where !FileManager.default.fileExists(atPath: file) {
            throw BenchmarkError(code: .failed, message: "\(file) does not exist (chromium: Scripts/install-deps.sh installs it)")
        }
        let stackFile = work + "/paint-stack.yaml"
        let events = work + "/paint-events.ndjson"
        do {
            try """
                # The stack of tenet-web-bench's first-paint phase (make bench): the dashboard in front of the metrics and rules plugins.
                philosophy: \(philosophy)
                plugins:
                  - { name: store, command: \(bin)/tenet-store, order: 10 }
                  - { name: ingest, command: \(bin)/tenet-ingest, order: 20, env: { TENET_INGEST_HTTP: "127.0.0.1:0" } }
                  - { name: metrics, command: \(bin)/tenet-metrics, order: 30 }
                  - { name: rules, command: \(bin)/tenet-rules, order: 40 }
                  - { name: web, command: \(bin)/tenet-web, order: 50, env: { TENET_WEB_HTTP: "127.0.0.1:0" } }

                """.write(toFile: stackFile, atomically: true, encoding: .utf8)
        } catch {
            throw BenchmarkError(code: .failed, message: "cannot write \(stackFile): \(error)")
        }
        let tenet = bin + "/tenet"
        // The known event set: the same seed, profile and philosophy give the same events (their days end today at 00:00 UTC).
        let (simulated, _) = try ChildProcess.run(
            tenet, ["simulate", "--days", String(days), "--seed", String(seed), "--philosophy", philosophy, "--out", events],
            scratch: work, errors: work + "/paint-simulate.log")
        defer { unlink(events) }
        guard simulated.succeeded else { throw BenchmarkError(code: .failed, message: "tenet simulate ended with \(simulated.text); see \(work)/paint-simulate.log") }
        let eventCount = ((try? String(contentsOfFile: events, encoding: .utf8)) ?? "").split(separator: "\n").count

        let data = try BenchmarkStack.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let stack = BenchmarkStack(tenet: tenet, work: work, data: data)
        let supervisor = try ChildProcess(
            executable: tenet, arguments: ["up", "--stack", stackFile, "--data", data], output: work + "/paint-up.out", errors: work + "/paint-up.log")
        defer { stack.stop(supervisor) }
        let status = try stack.waitUntilReady(["store", "ingest", "metrics", "rules"], supervisor: supervisor)
        guard let storeEndpoint = status.plugins["store"]?.endpoint else { throw BenchmarkError(code: .failed, message: "the store has no endpoint") }
        try stack.waitFor("web", state: "running")
        try stack.command(["send", events, "--batch", "1000"])
        let (lastSeq, applied) = try waitForMetrics(tenet: tenet, data: data, store: storeEndpoint, events: eventCount)
        let series = try seriesCount(tenet: tenet, data: data)
        guard series > 0 else { throw BenchmarkError(code: .checkFailed, message: "tenet metrics --json lists no series") }
        let (port, token) = try FanOutRun.webAddress(data: data)
        let base = "http://127.0.0.1:\(port)"

        let browser = try BrowserBridge(bridge: bridge, chromium: chromium, log: work + "/paint-bridge.log")
        var loads: [Page: [Load]] = [:]
        let started = monotonicNanoseconds()
        for turn in 0...navigations {
            let order = (turn + round) % 2 == 0 ? Page.allCases : Page.allCases.reversed()
            for page in order {
                let load = try self.load(page, browser: browser, base: base, token: token, series: series)
                if turn > 0 { loads[page, default: []].append(load) }  // turn 0 warms the browser and the plugin up
            }
        }
        let seconds = Double(monotonicNanoseconds() - started) / 1e9
        let problems = try browser.problems()
        guard problems.isEmpty else {
            throw BenchmarkError(code: .checkFailed, message: "the browser reported \(problems.count) problems: \(problems.prefix(3).joined(separator: " | "))")
        }
        let version = browser.version
        try browser.quit()

        let common: [String: String] = [
            "navigations": String(navigations), "events": String(eventCount), "series": String(series), "last_seq": String(lastSeq),
            "metrics_events": String(applied), "days": String(days), "seed": String(seed), "browser": version,
        ]
        func summary(_ values: [Double], _ name: String) -> [String: String] {
            let sorted = values.sorted()
            return [
                name + "_p50_ms": String(FanOutRun.percentile(sorted, 0.5)), name + "_p90_ms": String(FanOutRun.percentile(sorted, 0.9)),
                name + "_min_ms": String(sorted.first ?? 0), name + "_max_ms": String(sorted.last ?? 0),
            ]
        }
        var result: [RunMeasurement] = []
        for page in Page.allCases {
            let measured = loads[page] ?? []
            var settings = common.merging(summary(measured.map(\.firstPaint), "fcp")) { $1 }
            let ready = measured.compactMap(\.ready)
            if !ready.isEmpty { settings.merge(summary(ready, "ready")) { $1 } }
            let (subject, variant, check): (String, String, String) =
                switch page {
                case .dashboard:
                    (Subject.dashboardPaint, "with the token",
                        "every load filled the scorecard with as many rows as `tenet metrics --json` has series (\(series)), no script error or policy violation")
                case .shell:
                    (Subject.shellPaint, "without the token", "every load showed the token form and made no /v1/ request, no script error")
                case .tiny:
                    (Subject.tinyPagePaint, "tiny static page", "every load painted")
                }
            result.append(
                RunMeasurement(
                    suite: Suite.web, subject: subject, variant: variant, run: round, count: measured.count, seconds: seconds,
                    rate: Double(measured.count) / seconds, unit: "loads/s", check: check, settings: settings))
        }
        return result
    }

    /// Loads `page` from `about:blank` and waits until it painted (and, for the dashboard, filled its scorecard).
    func load(_ page: Page, browser: BrowserBridge, base: String, token: String, series: Int) throws(BenchmarkError) -> Load {
        try browser.navigate("about:blank")
        switch page {
        case .dashboard: try browser.navigate(base + "/#token=" + token)
        case .shell: try browser.navigate(base + "/")
        case .tiny: try browser.navigate(Self.tinyPage)
        }
        let probe = """
            JSON.stringify({fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
              ready: document.body.dataset.ready ?? null, readyMs: document.body.dataset.firstReadyMs ?? null,
              rows: document.querySelectorAll('#scorecard tr[data-key]').length, auth: document.getElementById('auth')?.hidden === false,
              requests: performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/v1/')).length})
            """
        let deadline = ContinuousClock.now + .seconds(30)
        var state: [String: Any] = [:]
        while true {
            let text = try browser.evaluate(probe) as? String ?? "{}"
            state = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
            if state["ready"] as? String == "error" {
                throw BenchmarkError(code: .checkFailed, message: "the dashboard could not load its scorecard: \((try? browser.problems()) ?? [])")
            }
            let painted = state["fcp"] is Double
            let done = page == .dashboard ? painted && state["ready"] as? String == "true" : painted
            if done { break }
            guard ContinuousClock.now < deadline else {
                throw BenchmarkError(code: .checkFailed, message: "\(page): not painted (or not filled) within 30 s: \(state)")
            }
            usleep(5_000)
        }
        let firstPaint = state["fcp"] as? Double ?? 0
        switch page {
        case .dashboard:
            let rows = state["rows"] as? Int ?? -1
            guard rows == series, let ready = (state["readyMs"] as? String).flatMap(Double.init) else {
                throw BenchmarkError(code: .checkFailed, message: "the dashboard shows \(rows) rows, `tenet metrics --json` \(series) series (\(state))")
            }
            // The page keeps the token in the tab's session storage: empty it, so that the shell gets none.
            try browser.evaluate("sessionStorage.clear(); true")
            return Load(firstPaint: firstPaint, ready: ready)
        case .shell:
            guard state["auth"] as? Bool == true, state["requests"] as? Int == 0, state["ready"] as? String != "true" else {
                throw BenchmarkError(code: .checkFailed, message: "the page without the token did not show the token form alone: \(state)")
            }
            return Load(firstPaint: firstPaint, ready: nil)
        case .tiny:
            return Load(firstPaint: firstPaint, ready: nil)
        }
    }

    /// Polls the store's `stats` (on its bus socket) and `tenet metrics --stats` until the store holds
    /// at least the `events` sent (the rules plugin adds its own) and the metrics plugin's `last_seq`
    /// equals the store's on two polls in a row.
    func waitForMetrics(tenet: String, data: String, store endpoint: String, events: Int) throws(BenchmarkError) -> (lastSeq: Int, events: Int) {
        struct Stats: Decodable {
            var lastSeq: Int
            enum CodingKeys: String, CodingKey { case lastSeq = "last_seq" }
        }
        let context: ZMQContext
        let store: BusRequestClient
        do {
            context = try ZMQContext()
            store = try BusRequestClient(context: context, endpoint: endpoint, sender: "web-bench")
        } catch {
            throw BenchmarkError(code: .failed, message: "the store's socket \(endpoint): \(error)")
        }
        defer {
            store.close()
            context.terminate()
        }
        let deadline = ContinuousClock.now + .seconds(120)
        var last: (store: Int, metrics: [String: Any]) = (0, [:])
        var equalPolls = 0
        while ContinuousClock.now < deadline {
            let stored = (try? store.request("stats", rawBody: Array("{}".utf8), timeout: .seconds(5)).decodeBody(Stats.self))?.lastSeq ?? 0
            let (ending, output) = try ChildProcess.run(tenet, ["metrics", "--stats", "--data", data], scratch: work, errors: work + "/paint-stats.log")
            let object = ending.succeeded ? (try? JSONSerialization.jsonObject(with: Data(output.utf8))) as? [String: Any] ?? [:] : [:]
            last = (stored, object)
            if stored >= events, object["last_seq"] as? Int == stored {
                equalPolls += 1
                if equalPolls == 2 { return (stored, object["events"] as? Int ?? -1) }
            } else {
                equalPolls = 0
            }
            usleep(200_000)
        }
        throw BenchmarkError(
            code: .checkFailed, message: "within 120 s the metrics plugin did not reach the store's last_seq (\(events) events sent): store \(last.store), metrics \(last.metrics)")
    }

    /// The number of series in `tenet metrics --json`.
    func seriesCount(tenet: String, data: String) throws(BenchmarkError) -> Int {
        let (ending, output) = try ChildProcess.run(tenet, ["metrics", "--json", "--data", data], scratch: work, errors: work + "/paint-stats.log")
        guard ending.succeeded, let object = (try? JSONSerialization.jsonObject(with: Data(output.utf8))) as? [String: Any],
            let series = object["series"] as? [Any]
        else { throw BenchmarkError(code: .failed, message: "tenet metrics --json ended with \(ending.text): \(output.prefix(200))") }
        return series.count
    }
}
