import Foundation
import Testing

/// `tenet report` against a running stack: its figures are `tenet metrics`'s, its CSV parses with
/// Python's csv module and its rows add up to the figures, and its HTML needs no network.
@Suite("tenet report, end to end", .serialized)
struct ReportCommandTests {
    static let stack = """
        philosophy: philosophy.yaml
        plugins:
          - { name: store, command: tenet-store, order: 10 }
          - { name: ingest, command: tenet-ingest, order: 20, env: { TENET_INGEST_HTTP: "127.0.0.1:0" } }
          - { name: metrics, command: tenet-metrics, order: 30 }
          - { name: rules, command: tenet-rules, order: 40 }
        """

    @Test func theReportShowsTheFiguresOfTenetMetricsInEveryFormat() throws {
        let stack = try RunningStack(Self.stack, files: ["philosophy.yaml": MetricsPluginTests.philosophy])
        for name in ["store", "ingest", "metrics", "rules"] { try stack.waitRunning(name) }
        var lines: [String] = []
        for (index, reply) in [3, 7, 12, 25, 40].enumerated() {
            lines += MetricsPluginTests.conversation("r\(index)", minutesAgo: 90 - index * 10, reply: reply, csat: index < 4 ? 5 : 2)
        }
        let file = stack.directory + "/events.ndjson"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try stack.tenet(["send", file]).status == 0)

        // Wait until the scorecard has every conversation's first response.
        var scorecard: [[String: Any]] = []
        try waitUntil("the metrics plugin has measured the five conversations", timeout: 60) {
            let result = try stack.tenet(["metrics", "--json"])
            guard result.status == 0, let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any],
                let series = object["series"] as? [[String: Any]]
            else { return false }
            scorecard = series
            return series.contains {
                $0["metric"] as? String == "first_response_time" && ($0["figure"] as? [String: Any])?["sample_size"] as? Int == 5
            }
        }

        // JSON: every key metric's actual and sample size are the scorecard's.
        let json = try stack.tenet(["report", "--format", "json", "--out", "-"])
        #expect(json.status == 0, "\(json.error)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let values = try #require(report["values"] as? [[String: Any]])
        let reported = values.flatMap { ($0["metrics"] as? [[String: Any]]) ?? [] }
        #expect(reported.count == 2)
        for line in reported {
            let series = try #require(line["series"] as? String)
            let figure = try #require(scorecard.first { $0["series"] as? String == series }?["figure"] as? [String: Any])
            #expect(line["actual"] as? Double == figure["value"] as? Double, "\(series)")
            #expect(line["sample_size"] as? Int == figure["sample_size"] as? Int, "\(series)")
        }

        // CSV: Python's csv reads both files, and the first responses in the row-level file give
        // the scorecard's median.
        let directory = stack.directory + "/reports"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let csv = try stack.tenet(["report", "--format", "csv", "--out", directory])
        #expect(csv.status == 0, "\(csv.error)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files.count == 2, "\(files)")
        let rowsFile = try #require(files.first { $0.hasSuffix("-conversations.csv") })
        let script = """
            import csv, statistics, sys
            rows = list(csv.DictReader(open(sys.argv[1], newline="")))
            column = next(name for name in rows[0] if name.startswith("first_response_time"))
            values = sorted(float(row[column]) for row in rows if row[column])
            print(len(values), statistics.median(values))
            """
        let python = try run("/usr/bin/python3", ["-c", script, directory + "/" + rowsFile])
        #expect(python.status == 0, "\(python.error)")
        let median = try #require(
            scorecard.first { $0["metric"] as? String == "first_response_time" }.flatMap { ($0["figure"] as? [String: Any])?["value"] as? Double })
        #expect(python.output.trimmingCharacters(in: .whitespacesAndNewlines) == "5 \(median)")

        // HTML: charts inline, nothing to fetch.
        let html = try stack.tenet(["report", "--format", "html", "--out", "-"])
        #expect(html.status == 0, "\(html.error)")
        #expect(html.output.contains("<svg"))
        #expect(!html.output.contains("http://") && !html.output.contains("https://") && !html.output.contains("src="))

        // Opened from a file in headless Chromium: the charts are drawn, nothing is fetched.
        let page = stack.directory + "/report.html"
        try html.output.write(toFile: page, atomically: true, encoding: .utf8)
        let browser = try DashboardBrowser()
        try browser.navigate("file://" + page)
        let charts = try browser.string(
            "JSON.stringify([...document.querySelectorAll('svg')].map(svg => { const box = svg.getBoundingClientRect(); return box.width > 0 && box.height > 0 && svg.querySelectorAll('path, line, rect, circle, polyline').length > 0 }))")
        let drawn = try JSONSerialization.jsonObject(with: Data(charts.utf8)) as? [Bool] ?? []
        #expect(!drawn.isEmpty && drawn.allSatisfy { $0 }, "charts drawn: \(charts)")
        #expect(try browser.evaluate("performance.getEntriesByType('resource').length") as? Int == 0)
        #expect(try browser.problems().isEmpty)
        // Printed: the charts stay.
        try browser.emulate(media: "print")
        #expect(try browser.evaluate("[...document.querySelectorAll('svg')].filter(svg => svg.getBoundingClientRect().width > 0).length") as? Int == drawn.count)
        try browser.quit()
    }
}
