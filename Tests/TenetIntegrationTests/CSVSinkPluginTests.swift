import Foundation
import TenetBus
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The CSV sink (Plugins/CSVSink/tenet_csv_sink.py), a plugin in Python, supervised in a real
/// stack: what it writes equals what `tenet metrics --json` says, it survives a malformed
/// message and a kill -9, and it mends a row torn by a crash.
@Suite("CSV sink: a Python plugin under supervision", .serialized)
struct CSVSinkPluginTests {
    static let script = TestPaths.repository + "/Plugins/CSVSink/tenet_csv_sink.py"
    static let columns = [
        "time", "source", "series", "value_name", "team", "metric", "stat", "hours", "period", "period_from", "period_to", "filter",
        "dimensions", "value", "unit", "sample_size", "numerator", "denominator", "currency", "target", "status", "last_seq",
    ]

    /// The CSV file as Python's csv module reads it.
    struct ParsedCSV {
        var header: [String]
        var rows: [[String: String]]
        /// The distinct numbers of cells in the rows.
        var widths: [Int]
        /// How many lines are the header.
        var headers: Int
    }

    static func parse(_ path: String) throws -> ParsedCSV? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let script = """
            import csv, json, sys
            with open(sys.argv[1], newline='', encoding='utf-8') as f:
                rows = list(csv.reader(f))
            header = rows[0] if rows else []
            print(json.dumps({"header": header, "rows": [dict(zip(header, r)) for r in rows[1:]],
                              "widths": sorted(set(len(r) for r in rows[1:])), "headers": sum(1 for r in rows if r == header)}))
            """
        let result = try run(TestPaths.python, ["-c", script, path])
        guard result.status == 0, let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any] else {
            return nil
        }
        return ParsedCSV(
            header: object["header"] as? [String] ?? [], rows: object["rows"] as? [[String: String]] ?? [],
            widths: object["widths"] as? [Int] ?? [], headers: object["headers"] as? Int ?? -1)
    }

    /// `{"team": "support", "channel": null}` as the sink writes it: `channel=; team=support`.
    static func dimensionsText(_ dimensions: [String: Any]) -> String {
        dimensions.keys.sorted().map { "\($0)=\(dimensions[$0] as? String ?? "")" }.joined(separator: "; ")
    }

    /// Why the CSV's last row of some series differs from the scorecard, or `nil` when every
    /// series' last row equals it (value, sample size, numerator, denominator, target, status…).
    static func mismatch(_ stack: RunningStack, _ csv: ParsedCSV) throws -> String? {
        let result = try stack.tenet(["metrics", "--json"])
        guard result.status == 0, let card = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any],
            let series = card["series"] as? [[String: Any]], !series.isEmpty
        else { return "no scorecard yet: \(result.error)" }
        var last: [String: [String: String]] = [:]
        for row in csv.rows { last[(row["series"] ?? "") + "|" + (row["dimensions"] ?? "")] = row }
        for entry in series {
            let figure = entry["figure"] as? [String: Any] ?? [:]
            let key = (entry["series"] as? String ?? "") + "|" + dimensionsText(figure["dimensions"] as? [String: Any] ?? [:])
            guard let row = last[key] else { return "no row for \(key)" }
            let value = figure["value"] as? Double
            let same =
                (row["value"].flatMap(Double.init) == value) && Int(row["sample_size"] ?? "") == figure["sample_size"] as? Int
                && Int(row["numerator"] ?? "") == figure["numerator"] as? Int && Int(row["denominator"] ?? "") == figure["denominator"] as? Int
                && row["metric"] == entry["metric"] as? String && row["stat"] == entry["stat"] as? String
                && row["period"] == entry["period"] as? String && row["unit"] == entry["unit"] as? String
                && row["target"] == (entry["target"] as? String ?? "") && row["status"] == (entry["status"] as? String ?? "")
                && row["value_name"] == (entry["value_name"] as? String ?? "") && row["team"] == (entry["team"] as? String ?? "")
            if !same { return "\(key): the row \(row) differs from the scorecard's \(entry)" }
        }
        return nil
    }

    func send(_ stack: RunningStack, _ lines: [String]) throws {
        let file = stack.directory + "/batch-\(UUID().uuidString).ndjson"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let result = try stack.tenet(["send", file])
        #expect(result.status == 0, "\(result.output) \(result.error)")
    }

    /// The sink's `stats` reply.
    func sinkStats(_ client: BusRequestClient) throws -> [String: Any] {
        let reply = try client.request("stats", rawBody: Array("{}".utf8), timeout: .seconds(10))
        return try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any] ?? [:]
    }

    @Test("rows equal `tenet metrics --json`; malformed messages are counted, not fatal; after kill -9 it is restarted and appends on")
    func endToEnd() throws {
        let stack = try RunningStack(
            """
            philosophy: philosophy.yaml
            plugins:
              - { name: store, command: tenet-store, order: 10 }
              - { name: ingest, command: tenet-ingest, order: 20, env: { TENET_INGEST_HTTP: "127.0.0.1:0" } }
              - { name: metrics, command: tenet-metrics, order: 30 }
              - name: csv-sink
                command: \(TestPaths.python)
                args: [\(Self.script)]
                order: 40
                env: { PYTHONUNBUFFERED: "1" }
            """)
        try MetricsPluginTests.philosophy.write(toFile: stack.directory + "/philosophy.yaml", atomically: true, encoding: .utf8)
        try stack.waitRunning("metrics")
        let sink = try stack.waitRunning("csv-sink")
        let path = stack.data + "/csv-sink/metrics.csv"

        // Three conversations: replies after 2, 4 and 12 minutes; CSAT 5, 5 and 2.
        try send(
            stack,
            MetricsPluginTests.conversation("a", minutesAgo: 60, reply: 2, csat: 5) + MetricsPluginTests.conversation("b", minutesAgo: 50, reply: 4, csat: 5)
                + MetricsPluginTests.conversation("c", minutesAgo: 40, reply: 12, csat: 2))
        var csv: ParsedCSV?
        var problem: String?
        defer { if let problem { Issue.record("the last difference seen: \(problem)") } }
        try waitUntil("the CSV's last rows equal the scorecard with the three answers", timeout: 90) {
            csv = try Self.parse(path)
            guard let csv, csv.rows.contains(where: { $0["metric"] == "csat" && $0["denominator"] == "3" }) else {
                problem = "no csat row of 3 answers yet"
                return false
            }
            problem = try Self.mismatch(stack, csv)
            return problem == nil
        }
        var parsed = try #require(csv)
        #expect(parsed.header == Self.columns)
        #expect(parsed.headers == 1 && parsed.widths == [Self.columns.count])
        let csat = try #require(parsed.rows.last { $0["series"] == "value:Quality:0" })
        #expect(csat["value"].flatMap(Double.init) == 200.0 / 3)
        #expect([csat["sample_size"], csat["numerator"], csat["denominator"]] == ["3", "2", "3"])
        #expect([csat["metric"], csat["period"], csat["value_name"], csat["target"], csat["status"]] == ["csat", "rolling_28d", "Quality", ">= 90%", "missed"])
        let frt = try #require(parsed.rows.last { $0["series"] == "value:Speed:0" })
        #expect(frt["value"] == "240" && frt["stat"] == "median" && frt["unit"] == "seconds")  // median of 2, 4 and 12 minutes

        let context = try ZMQContext()
        defer { context.terminate() }
        let client = try BusRequestClient(context: context, endpoint: "ipc://\(stack.data)/run/csv-sink.sock", sender: "test")
        defer { client.close() }

        // The metrics plugin republishes a rolling window every 10 s with its bounds moved: the
        // same value makes no new row.
        func rollingRows() throws -> Int {
            try Self.parse(path)?.rows.filter { $0["series"] == "value:Quality:0" || $0["series"] == "value:Speed:0" }.count ?? -1
        }
        let rowsBeforeRefresh = try rollingRows()
        let skipped = try #require(try sinkStats(client)["repeats_skipped"] as? Int)
        try waitUntil("the metrics plugin republishes its two rolling windows", timeout: 30) {
            try sinkStats(client)["repeats_skipped"] as? Int ?? 0 >= skipped + 2
        }
        #expect(try rollingRows() == rowsBeforeRefresh)

        // Malformed messages on its topic: counted and logged; the plugin stays up.
        let publisher = try ZMQSocket(context: context, type: .pub)
        defer { publisher.close() }
        try publisher.connect("ipc://\(stack.data)/run/publish.sock")
        func header(_ type: String, seq: Int) -> [UInt8] {
            Array(#"{"version":1,"id":"0123456789ab-\#(seq)","sender":"test","instance":"0123456789ab","seq":\#(seq),"time":"2026-11-27T00:00:00.000Z","type":"\#(type)"}"#.utf8)
        }
        let seen = try #require(try sinkStats(client)["messages"] as? Int)
        var probes = 0
        try waitUntil("a probe published by the test reaches the sink") {
            probes += 1
            _ = try publisher.send(multipart: [Array("metric.probe".utf8), header("probe", seq: probes), Array("{}".utf8)], dontWait: true)
            return try sinkStats(client)["messages"] as? Int ?? 0 > seen
        }
        _ = try publisher.send(multipart: [Array("metric.bad".utf8), Array("no header".utf8)])
        _ = try publisher.send(multipart: [Array("metric.bad".utf8), header("metric", seq: 1), Array("{not json".utf8)])
        _ = try publisher.send(multipart: [Array("metric.bad".utf8), header("metric", seq: 2), Array(#"{"series":5,"figure":{}}"#.utf8)])
        try waitUntil("the sink counts the three malformed messages") { try sinkStats(client)["malformed"] as? Int == 3 }
        #expect(try stack.plugin("csv-sink")?.int32("pid") == sink.int32("pid"))
        let log = try String(contentsOfFile: stack.data + "/logs/csv-sink.log", encoding: .utf8)
        #expect(log.contains("skipped a malformed metric event (1 so far): expected 3 frames [topic, header, body], got 2"))
        #expect(log.contains("skipped a malformed metric event (3 so far): `series` is not a string: 5"))

        // kill -9: the supervisor starts it again, it writes the current figures (a snapshot)
        // and goes on appending live ones, under the one header.
        let rowsBefore = parsed.rows.count
        kill(try #require(sink.int32("pid")), SIGKILL)
        try stack.waitRunning("csv-sink", restarts: 1)
        try waitUntil("the restarted sink has written its snapshot") { try sinkStats(client)["snapshots"] as? Int == 1 }
        try send(stack, MetricsPluginTests.conversation("d", minutesAgo: 30, reply: 3, csat: 4))
        try waitUntil("the CSV's last rows equal the scorecard with the fourth answer", timeout: 90) {
            csv = try Self.parse(path)
            guard let csv, csv.rows.last(where: { $0["series"] == "value:Quality:0" })?["denominator"] == "4" else {
                problem = "no csat row of 4 answers yet"
                return false
            }
            problem = try Self.mismatch(stack, csv)
            return problem == nil
        }
        parsed = try #require(csv)
        #expect(parsed.headers == 1 && parsed.widths == [Self.columns.count])
        let after = parsed.rows[rowsBefore...]
        #expect(after.contains { $0["source"] == "scorecard" && $0["series"] == "value:Quality:0" && $0["denominator"] == "3" })
        #expect(after.last { $0["series"] == "value:Quality:0" }?["value"] == "75")

        // A row torn by a crash is cut off when the plugin starts again.
        #expect(try stack.tenet(["stop", "csv-sink"]).status == 0)
        try waitUntil("the sink is stopped") { try stack.plugin("csv-sink")?["state"] as? String == "stopped" }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("2026-11-27T00:00:00.000Z,live,torn".utf8))
        handle.closeFile()
        #expect(try stack.tenet(["start", "csv-sink"]).status == 0)
        try stack.waitRunning("csv-sink", restarts: 2)
        let mended = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!mended.contains("torn") && mended.hasSuffix("\r\n"))
        #expect(try Self.parse(path)?.widths == [Self.columns.count])
        let sinkLog = try String(contentsOfFile: stack.data + "/logs/csv-sink.log", encoding: .utf8)
        #expect(sinkLog.contains("metrics.csv: cut 34 bytes of a row left unfinished by an earlier run"))
    }

    @Test("a configuration error is one line on standard error and exit code 78")
    func configurationErrors() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/metrics.csv"
        try "when,what\r\n".write(toFile: path, atomically: true, encoding: .utf8)
        let environment = [
            "TENET_PLUGIN_NAME": "csv-sink", "TENET_BUS_PUBLISH": "ipc://\(directory)/p.sock", "TENET_BUS_SUBSCRIBE": "ipc://\(directory)/s.sock",
            "TENET_CSV_PATH": path,
        ]
        let other = try runBounded(TestPaths.python, [Self.script], environment: environment, timeout: 30)
        #expect(other.status == 78 && !other.signaled)
        #expect(other.error == "tenet_csv_sink: \(path) has other columns than this plugin writes (its first line is 'when,what'); move it away or set TENET_CSV_PATH\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "when,what\r\n")  // left as it was

        var unnamed = environment
        unnamed["TENET_PLUGIN_NAME"] = nil
        let missing = try runBounded(TestPaths.python, [Self.script], environment: unnamed, timeout: 30)
        #expect(missing.status == 78)
        #expect(missing.error == "tenet_csv_sink: TENET_PLUGIN_NAME is not set: start this plugin from `tenet up` or set it by hand\n")
    }
}
