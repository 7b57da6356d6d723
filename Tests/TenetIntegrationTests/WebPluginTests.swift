import Foundation
import Testing
import TenetTestSupport

/// The web plugin with real store, ingest, metrics, rules and web processes: the token is
/// generated private and refused when missing or wrong, `/v1/scorecard` shows the figures of
/// `tenet metrics --json`, `POST /v1/events` stores events through ingest, a live stream client
/// receives a metric event after events are sent, `/metrics` passes `promtool check metrics`, and
/// the plugin stops with exit 0 while a stream is still open.
@Suite("Web plugin, end to end", .serialized)
struct WebPluginTests {
    static let stack = """
        philosophy: philosophy.yaml
        plugins:
          - { name: store, command: tenet-store, order: 10 }
          - { name: ingest, command: tenet-ingest, order: 20, env: { TENET_INGEST_HTTP: "127.0.0.1:0" } }
          - { name: metrics, command: tenet-metrics, order: 30 }
          - { name: rules, command: tenet-rules, order: 40 }
          - { name: web, command: tenet-web, order: 50, env: { TENET_WEB_HTTP: "127.0.0.1:0" } }
        """

    struct Answer {
        var status: Int
        var body: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8)) }
        var errorCode: String? { ((json as? [String: Any])?["error"] as? [String: Any])?["code"] as? String }
    }

    /// One HTTP request with curl: the status and the body.
    static func http(_ url: String, token: String?, method: String = "GET", body: String? = nil, in directory: String) throws -> Answer {
        let output = directory + "/http-\(UUID().uuidString)"
        var arguments = ["-s", "-X", method, "-o", output, "-w", "%{http_code}", "--max-time", "30"]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        if let body {
            let file = output + ".request"
            try body.write(toFile: file, atomically: true, encoding: .utf8)
            arguments += ["-H", "Content-Type: application/x-ndjson", "--data-binary", "@" + file]
        }
        let result = try run("/usr/bin/curl", arguments + [url])
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return Answer(status: Int(result.output) ?? 0, body: text)
    }

    /// The web plugin's address without the final slash (`http://127.0.0.1:PORT`), from DATA/web.json.
    static func address(_ stack: RunningStack) throws -> String {
        var base = ""
        try waitUntil("the web plugin writes DATA/web.json") {
            guard let data = FileManager.default.contents(atPath: stack.data + "/web.json"),
                let info = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let url = info["http"] as? String
            else { return false }
            base = String(url.dropLast())
            return true
        }
        return base
    }

    @Test func tokenScorecardEventsStreamPrometheusAndStop() throws {
        let stack = try RunningStack(Self.stack, files: ["philosophy.yaml": MetricsPluginTests.philosophy])
        for name in ["store", "ingest", "metrics", "rules", "web"] { try stack.waitRunning(name) }
        let base = try Self.address(stack)
        // The token: generated into the data directory, private to the owner.
        let tokenPath = stack.data + "/web.token"
        let attributes = try FileManager.default.attributesOfItem(atPath: tokenPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let token = try String(contentsOfFile: tokenPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.count == 64)
        let directory = stack.directory

        // Refused without the token and with a wrong one; errors are JSON with a code and a message.
        let missing = try Self.http(base + "/v1/scorecard", token: nil, in: directory)
        #expect(missing.status == 401)
        #expect(missing.errorCode == "unauthorized")
        #expect(try Self.http(base + "/v1/scorecard", token: token + "0", in: directory).status == 401)
        let unknown = try Self.http(base + "/v1/nowhere", token: token, in: directory)
        #expect(unknown.status == 404)
        #expect(unknown.errorCode == "not_found")
        let bad = try Self.http(base + "/v1/metrics?metric=csat&hours=wall", token: token, in: directory)
        #expect(bad.status == 400)
        #expect(bad.body.contains("query parameter 'hours'"), "\(bad.body)")

        // A live stream client, connected before the events are sent.
        let streamFile = directory + "/stream.txt"
        _ = FileManager.default.createFile(atPath: streamFile, contents: nil)
        let streamer = Process()
        streamer.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        streamer.arguments = ["-s", "-N", "-H", "Authorization: Bearer \(token)", base + "/v1/stream"]
        streamer.standardOutput = FileHandle(forWritingAtPath: streamFile)
        try streamer.run()
        defer {
            if streamer.isRunning { kill(streamer.processIdentifier, SIGKILL) }
            streamer.waitUntilExit()
        }
        try waitUntil("the stream client is connected") {
            (try? String(contentsOfFile: streamFile, encoding: .utf8))?.contains(": tenet live stream") == true
        }

        // Events through the web plugin: stored (sent again they are duplicates).
        let lines = MetricsPluginTests.conversation("w1", minutesAgo: 30, reply: 5, csat: 5)
            + MetricsPluginTests.conversation("w2", minutesAgo: 20, reply: 15, csat: 2)
        let batch = lines.joined(separator: "\n") + "\n"
        let sent = try Self.http(base + "/v1/events", token: token, method: "POST", body: batch, in: directory)
        #expect(sent.status == 202, "\(sent.body)")
        #expect((sent.json as? [String: Any])?["accepted"] as? Int == 10, "\(sent.body)")
        let again = try Self.http(base + "/v1/events", token: token, method: "POST", body: batch, in: directory)
        #expect(again.status == 202)
        #expect((again.json as? [String: Any])?["duplicates"] as? Int == 10, "\(again.body)")

        // The stream client receives a metric event.
        try waitUntil("the stream client receives a metric event", timeout: 30) {
            let text = (try? String(contentsOfFile: streamFile, encoding: .utf8)) ?? ""
            return text.contains("event: metric\ndata: {")
        }

        // The scorecard through the web plugin equals `tenet metrics --json`.
        func csatSample(_ scorecard: Any?) -> Int? {
            let series = (scorecard as? [String: Any])?["series"] as? [[String: Any]]
            return (series?.first { $0["metric"] as? String == "csat" }?["figure"] as? [String: Any])?["sample_size"] as? Int
        }
        try waitUntil("the scorecard counts both CSAT answers", timeout: 30) {
            csatSample(try Self.http(base + "/v1/scorecard", token: token, in: directory).json) == 2
        }
        let web = try #require(try Self.http(base + "/v1/scorecard", token: token, in: directory).json as? [String: Any])
        let command = try stack.tenet(["metrics", "--json"])
        #expect(command.status == 0, "\(command.error)")
        let cli = try #require(try JSONSerialization.jsonObject(with: Data(command.output.utf8)) as? [String: Any])
        // Equal series by series; a rolling window's bounds move with the instant of the request,
        // so they are left out of the comparison.
        func fixed(_ scorecard: [String: Any]) -> NSArray {
            let series = (scorecard["series"] as? [[String: Any]]) ?? []
            return series.map { figure -> [String: Any] in
                guard (figure["period"] as? String)?.hasPrefix("rolling_") == true else { return figure }
                return figure.filter { $0.key != "from" && $0.key != "to" }
            } as NSArray
        }
        #expect(fixed(web).count == 7)
        #expect(fixed(web) == fixed(cli))
        #expect(web["last_seq"] as? Int == cli["last_seq"] as? Int)
        let csat = try #require((web["series"] as? [[String: Any]])?.first { $0["metric"] as? String == "csat" })
        #expect((csat["figure"] as? [String: Any])?["value"] as? Double == 50)

        // Drill-down and one conversation.
        let rows = try Self.http(base + "/v1/conversations?metric=csat&period=rolling_28d&limit=1", token: token, in: directory)
        #expect(rows.status == 200, "\(rows.body)")
        #expect((rows.json as? [String: Any])?["total"] as? Int == 2, "\(rows.body)")
        #expect(((rows.json as? [String: Any])?["rows"] as? [Any])?.count == 1)
        let one = try Self.http(base + "/v1/conversations/w1", token: token, in: directory)
        #expect(one.status == 200, "\(one.body)")
        #expect((one.json as? [String: Any])?["conversation"] as? String == "w1")
        #expect(try Self.http(base + "/v1/conversations/nobody", token: token, in: directory).status == 404)
        #expect(try Self.http(base + "/v1/alerts", token: token, in: directory).status == 200)
        #expect(try Self.http(base + "/v1/sla", token: token, in: directory).status == 200)
        #expect(try Self.http(base + "/v1/staffing", token: token, in: directory).status == 200)

        // /metrics: the token is required; the text passes promtool.
        #expect(try Self.http(base + "/metrics", token: nil, in: directory).status == 401)
        let exposition = try Self.http(base + "/metrics", token: token, in: directory)
        #expect(exposition.status == 200)
        #expect(exposition.body.contains(#"metric="csat""#), "\(exposition.body)")
        #expect(exposition.body.contains(#"tenet_plugin_state{plugin="web",state="running"} 1"#), "\(exposition.body)")
        #expect(exposition.body.contains("\ntenet_metrics_events_total 10\n"), "\(exposition.body)")
        #expect(exposition.body.contains(#"tenet_web_requests_total{route="/v1/scorecard",code="401"} 2"#), "\(exposition.body)")
        let metricsFile = directory + "/metrics.txt"
        try exposition.body.write(toFile: metricsFile, atomically: true, encoding: .utf8)
        let promtool = try run("/bin/sh", ["-c", "promtool check metrics < '\(metricsFile)'"])
        #expect(promtool.status == 0, "promtool: \(promtool.output) \(promtool.error)")

        // Stopping with a stream still open: exit 0, the stream ends.
        #expect(try stack.tenet(["stop", "web"]).status == 0)
        try waitUntil("web is stopped", timeout: 30) { try stack.plugin("web")?.string("state") == "stopped" }
        let exit = try #require(try stack.plugin("web")?.object("last_exit"))
        #expect(exit.int32("exit_code") == 0, "\(exit)")
        try waitUntil("the stream client's connection ends", timeout: 10) { !streamer.isRunning }
    }
}
