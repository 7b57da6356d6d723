import Foundation
import TenetBus
import Testing

/// `tenet-report` with real processes: started after a day of events, it writes yesterday's
/// report (and last week's) by itself in every format, with the numbers `tenet metrics` gives for
/// the same bounds; the files are private, parse, and are never rewritten; `report.written` is
/// published; `stats` and `run` answer; a report whose inputs are not ready is refused, counted
/// and not written.
@Suite("Report plugin, end to end", .serialized)
struct ReportPluginTests {
    /// The report plugin starts only on `tenet start report`, once the events are measured.
    /// `TENET_REPORT_AT: "00:00"` makes a period's report due at its end, so that yesterday's is
    /// due whatever the time of the test run.
    static let stack = """
        philosophy: philosophy.yaml
        plugins:
          - { name: store, command: tenet-store, order: 10 }
          - { name: ingest, command: tenet-ingest, order: 20, env: { TENET_INGEST_HTTP: "127.0.0.1:0" } }
          - { name: metrics, command: tenet-metrics, order: 30 }
          - { name: rules, command: tenet-rules, order: 40 }
          - name: report
            command: tenet-report
            order: 50
            autostart: false
            env: { TENET_REPORT_AT: "00:00", TENET_REPORT_RETRY: "1s", TENET_REPORT_TIMEOUT: "3s", TENET_REPORT_HISTORY: "2" }
        """

    /// Speed's first response median must be at most 10 minutes; CSAT at least 90 %.
    static let philosophy = """
        purpose: "p"
        vision: "v"
        values:
          - name: Quality
            action: "Get it right."
            metrics:
              - { metric: csat, target: ">= 90%" }
          - name: Speed
            action: "Be quick."
            metrics:
              - { metric: first_response_time, stat: median, target: "<= 10m" }

        """

    /// Midnight UTC today and the day before (the philosophy's zone is UTC).
    static func yesterday() -> (from: Date, to: Date, name: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let today = calendar.startOfDay(for: Date())
        let from = calendar.date(byAdding: .day, value: -1, to: today)!
        let formatter = DateFormatter()
        formatter.timeZone = calendar.timeZone
        formatter.dateFormat = "yyyy-MM-dd"
        return (from, today, formatter.string(from: from))
    }

    /// The week (from Monday, UTC) that holds `day`.
    static func week(holding day: Date) -> (from: Date, to: Date, name: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        calendar.firstWeekday = 2
        let interval = calendar.dateInterval(of: .weekOfYear, for: day)!
        let formatter = DateFormatter()
        formatter.timeZone = calendar.timeZone
        formatter.dateFormat = "yyyy-MM-dd"
        return (interval.start, interval.end, formatter.string(from: interval.start))
    }

    /// `tenet metrics --json` for one metric over `[from, to)`: the first group's figure.
    func figure(_ stack: RunningStack, _ metric: String, stat: String? = nil, from: Date, to: Date) throws -> [String: Any]? {
        let formatter = ISO8601DateFormatter()
        let result = try stack.tenet(
            ["metrics", "--json", "--metric", metric, "--from", formatter.string(from: from), "--to", formatter.string(from: to)]
                + (stat.map { ["--stat", $0] } ?? []))
        guard result.status == 0, let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any] else { return nil }
        return (object["groups"] as? [[String: Any]])?.first
    }

    /// Sends `method` to the report plugin; the reply's body as JSON, or the error.
    func ask(_ client: BusRequestClient, _ method: String, _ body: [String: String] = [:]) -> Result<[String: Any], BusProtocolError> {
        do {
            let reply = try client.request(method, body: body, timeout: .seconds(30))
            return .success((try? JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]) ?? [:])
        } catch {
            return .failure(error)
        }
    }

    @Test func writesYesterdaysReportWithTheFiguresOfTenetMetrics() throws {
        let stack = try RunningStack(Self.stack, files: ["philosophy.yaml": Self.philosophy])
        for name in ["store", "ingest", "metrics", "rules"] { try stack.waitRunning(name) }
        let day = Self.yesterday()
        // The latest week that has ended: the one before the week holding today.
        let week = Self.week(holding: day.to.addingTimeInterval(-7 * 86_400))
        let yesterdayInWeek = day.from >= week.from && day.from < week.to

        // Five conversations yesterday from 10:00: replies after 2, 4, 6, 12, 30 minutes (median
        // 6 min: met); CSAT 5, 5, 5, 5, 2 (80 %: missed).
        var lines: [String] = []
        for (index, reply) in [2, 4, 6, 12, 30].enumerated() {
            lines += MetricsPluginTests.conversation(
                "y\(index)", start: day.from.addingTimeInterval(10 * 3600 + Double(index) * 1800), reply: reply, csat: index < 4 ? 5 : 2)
        }
        // One more in that week, on its third day: a reply after 8 minutes.
        lines += MetricsPluginTests.conversation("w0", start: week.from.addingTimeInterval(2 * 86_400 + 9 * 3600), reply: 8, csat: 4)
        // The feed has moved past both periods' ends (an event of now, which no key metric of the
        // philosophy counts): the reports need not wait for the store to fall quiet.
        let now = ISO8601DateFormatter().string(from: Date())
        lines.append(#"{"id":"now","type":"customer.started","at":"\#(now)","customer":"k-now"}"#)
        let file = stack.directory + "/events.ndjson"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try stack.tenet(["send", file]).status == 0)
        var frt: [String: Any] = [:]
        var csat: [String: Any] = [:]
        try waitUntil("the metrics plugin has measured yesterday's five conversations", timeout: 60) {
            frt = try figure(stack, "first_response_time", stat: "median", from: day.from, to: day.to) ?? [:]
            csat = try figure(stack, "csat", from: day.from, to: day.to) ?? [:]
            let weekly = try figure(stack, "first_response_time", stat: "median", from: week.from, to: week.to)
            return frt["sample_size"] as? Int == 5 && csat["denominator"] as? Int == 5
                && weekly?["sample_size"] as? Int == (yesterdayInWeek ? 6 : 1)
        }
        #expect(frt["value"] as? Double == 360)
        #expect(csat["value"] as? Double == 80 && csat["numerator"] as? Int == 4)

        // Listen for report.written, then start the plugin: yesterday's report is due.
        let context = try ZMQContext()
        defer { context.terminate() }
        let subscriber = try stack.busSubscriber(context, prefix: "sys.heartbeat.supervisor")
        defer { subscriber.close() }
        try subscriber.set(.subscribe("report."))
        #expect(try stack.tenet(["start", "report"]).status == 0)
        try stack.waitRunning("report")
        let reports = stack.data + "/reports"
        let dayFile = "\(reports)/day/\(day.name)"
        let weekFile = "\(reports)/week/\(week.name)"
        let expected = ["html", "md", "csv", "json"].flatMap { ["\(dayFile).\($0)", "\(weekFile).\($0)"] }
            + ["\(dayFile)-conversations.csv", "\(weekFile)-conversations.csv"]
        do {
            try waitUntil("yesterday's and last week's reports are written", timeout: 60) {
                expected.allSatisfy { FileManager.default.fileExists(atPath: $0) }
            }
        } catch {
            let log = (try? String(contentsOfFile: stack.data + "/logs/report.log", encoding: .utf8)) ?? "(no log)"
            Issue.record("the report plugin's log:\n\(log)")
            throw error
        }
        #expect(permissions(reports) == 0o700 && permissions(reports + "/day") == 0o700)
        for path in expected { #expect(permissions(path) == 0o600, "\(path): \(octal(permissions(path)))") }

        // JSON: the day's bounds, and each key metric's actual, sample size and status as `tenet metrics` gives them.
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dayFile + ".json"))) as? [String: Any])
        let formatter = ISO8601DateFormatter()
        #expect(json["from"] as? String == formatter.string(from: day.from) && json["to"] as? String == formatter.string(from: day.to))
        let metrics = ((json["values"] as? [[String: Any]]) ?? []).flatMap { ($0["metrics"] as? [[String: Any]]) ?? [] }
        let quality = try #require(metrics.first { $0["metric"] as? String == "csat" })
        let speed = try #require(metrics.first { $0["metric"] as? String == "first_response_time" })
        #expect(quality["actual"] as? Double == csat["value"] as? Double)
        #expect(quality["sample_size"] as? Int == csat["sample_size"] as? Int)
        #expect(quality["numerator"] as? Int == 4 && quality["denominator"] as? Int == 5)
        #expect(quality["status"] as? String == "missed")
        #expect(speed["actual"] as? Double == frt["value"] as? Double)
        #expect(speed["sample_size"] as? Int == 5)
        #expect(speed["status"] as? String == "met")
        #expect(speed["period"] as? String == "day")

        // The week's report holds the week's figures (one conversation, and yesterday's five when today is a Monday).
        let weekJSON = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: weekFile + ".json"))) as? [String: Any])
        let weekFRT = try figure(stack, "first_response_time", stat: "median", from: week.from, to: week.to)
        let weekSpeed = ((weekJSON["values"] as? [[String: Any]]) ?? []).flatMap { ($0["metrics"] as? [[String: Any]]) ?? [] }
            .first { $0["metric"] as? String == "first_response_time" }
        #expect(weekSpeed?["actual"] as? Double == weekFRT?["value"] as? Double)
        #expect(weekSpeed?["sample_size"] as? Int == weekFRT?["sample_size"] as? Int)
        #expect(weekSpeed?["sample_size"] as? Int == (yesterdayInWeek ? 6 : 1))
        #expect(weekJSON["from"] as? String == formatter.string(from: week.from) && weekJSON["to"] as? String == formatter.string(from: week.to))

        // CSV: Python's csv reads both files; the rows add up to the report's figures.
        let script = """
            import csv, statistics, sys
            card = {r["metric"]: r for r in csv.DictReader(open(sys.argv[1] + ".csv", newline=""))}
            rows = list(csv.DictReader(open(sys.argv[1] + "-conversations.csv", newline="")))
            csat = [float(r["csat"]) for r in rows if r["csat"]]
            frt = [float(r["first_response_time"]) for r in rows if r["first_response_time"]]
            print(int(sum(csat)), len(csat), 100 * sum(csat) / len(csat), card["csat"]["actual"], statistics.median(frt), card["first_response_time"]["actual"])
            """
        let python = try run(TestPaths.python, ["-c", script, dayFile])
        #expect(python.status == 0, "\(python.error)")
        #expect(python.output == "4 5 80.0 80 360.0 360\n")

        // HTML: charts inline, nothing to fetch.
        let html = try String(contentsOfFile: dayFile + ".html", encoding: .utf8)
        #expect(html.contains("<svg"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src="))

        // report.written, once per report.
        var written: [[String: Any]] = []
        try waitUntil("report.written arrives for the day and the week") {
            if let frames = try subscriber.receiveMultipart(), let message = try? BusMessage(frames: frames), message.topic == "report.written",
                let body = try JSONSerialization.jsonObject(with: Data(message.body)) as? [String: Any]
            {
                written.append(body)
            }
            return written.count == 2
        }
        #expect(Set(written.compactMap { $0["period"] as? String }) == ["day", "week"])
        let dayWritten = try #require(written.first { $0["period"] as? String == "day" })
        #expect(dayWritten["start"] as? String == day.name)
        #expect((dayWritten["files"] as? [String])?.count == 5)

        // stats: two written, no failure, next the day of today (due at its end).
        let client = try BusRequestClient(context: context, endpoint: "ipc://\(stack.data)/run/report.sock", sender: "test")
        defer { client.close() }
        let stats = try ask(client, "stats").get()
        #expect(stats["written"] as? Int == 2)
        #expect(stats["failures"] as? Int == 0)
        let next = (stats["next"] as? [[String: Any]]) ?? []
        #expect(next.first { $0["period"] as? String == "day" }?["at"] as? String == formatter.string(from: day.to.addingTimeInterval(86_400)))

        // `tenet report --schedule-status` prints the same.
        let status = try stack.tenet(["report", "--schedule-status"])
        #expect(status.status == 0, "\(status.error)")
        #expect(status.output.contains("written   2 since the plugin started"), "\(status.output)")
        #expect(status.output.contains("next      day \(ISO8601DateFormatter.string(from: day.to, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate]))"), "\(status.output)")

        // A restart rewrites nothing: the files keep their inode and bytes.
        let before = try expected.map { try FileManager.default.attributesOfItem(atPath: $0)[.systemFileNumber] as? Int }
        let jsonBytes = try Data(contentsOf: URL(fileURLWithPath: dayFile + ".json"))
        #expect(try stack.tenet(["restart", "report"]).status == 0)
        try stack.waitRunning("report", restarts: 1)
        // Two answers: the handler has taken at least one turn (its schedule check) in between.
        _ = try ask(client, "stats").get()
        let again = try ask(client, "stats").get()
        #expect(again["written"] as? Int == 0)
        let after = try expected.map { try FileManager.default.attributesOfItem(atPath: $0)[.systemFileNumber] as? Int }
        #expect(before == after)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dayFile + ".json")) == jsonBytes)

        // run: an older day on request; asked again, it writes nothing.
        let older = ISO8601DateFormatter.string(from: day.from.addingTimeInterval(-86_400), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        let ran = try ask(client, "run", ["period": "day", "date": older]).get()
        #expect((ran["files"] as? [String])?.count == 5)
        let twice = try ask(client, "run", ["period": "day", "date": older]).get()
        #expect((twice["files"] as? [String]) == [])
        #expect((twice["existing"] as? [String])?.count == 4)
        // A period that has not ended is refused.
        let today = ISO8601DateFormatter.string(from: day.to, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        guard case .failure(let refused) = ask(client, "run", ["period": "day", "date": today]) else {
            Issue.record("a report of today was written")
            return
        }
        #expect(refused.remote?.code == .badRequest)

        // Inputs not ready: without the metrics plugin, `run` fails with not_ready, counted, and nothing is written.
        #expect(try stack.tenet(["stop", "metrics"]).status == 0)
        try waitUntil("metrics is stopped", timeout: 60) { try stack.plugin("metrics")?.string("state") == "stopped" }
        let oldest = ISO8601DateFormatter.string(from: day.from.addingTimeInterval(-2 * 86_400), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        guard case .failure(let notReady) = ask(client, "run", ["period": "day", "date": oldest]) else {
            Issue.record("a report was written without the metrics plugin")
            return
        }
        #expect(notReady.remote?.code == .notReady, "\(notReady)")
        #expect(!FileManager.default.fileExists(atPath: "\(reports)/day/\(oldest).json"))
        let counted = try ask(client, "stats").get()
        #expect(counted["failures"] as? Int == 1)
        #expect(((counted["last_failure"] as? [String: Any])?["start"] as? String) == oldest)
    }
}
