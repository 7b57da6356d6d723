import Foundation
import Testing
import TenetReporting

/// Python's csv module reads both CSV files, and the row-level table adds up to the report's
/// figures: per rate, the sum of its column is the numerator and its filled cells the
/// denominator; per duration, its filled cells are the sample size.
@Suite struct CSVPythonTests {
    static let script = """
        import csv, json, sys
        with open(sys.argv[1], newline="") as f:
            card = list(csv.DictReader(f))
        with open(sys.argv[2], newline="") as f:
            rows = list(csv.DictReader(f))
        out = {"scorecard_rows": len(card), "rows": len(rows), "metrics": {}}
        for line in card:
            column = line["metric"]
            cells = [r[column] for r in rows if r[column] != ""]
            out["metrics"][line["series"]] = {
                "sum": sum(float(c) for c in cells), "count": len(cells),
                "numerator": line["numerator"], "denominator": line["denominator"], "sample_size": int(line["sample_size"]),
            }
        print(json.dumps(out, sort_keys=True))
        """

    struct Output: Decodable {
        struct Metric: Decodable {
            var sum: Double
            var count: Int
            var numerator: String
            var denominator: String
            var sample_size: Int
        }
        var scorecard_rows: Int
        var rows: Int
        var metrics: [String: Metric]
    }

    @Test func pythonReadsTheCSVAndTheRowsSumToTheFigures() throws {
        let model = try ReportFixture.model
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tenet-report-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let card = directory.appendingPathComponent("card.csv"), rows = directory.appendingPathComponent("rows.csv")
        try CSVReport(model).scorecard().write(to: card, atomically: true, encoding: .utf8)
        try CSVReport(model).conversations().write(to: rows, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", Self.script, card.path, rows.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let output = try JSONDecoder().decode(Output.self, from: data)

        #expect(output.scorecard_rows == model.keyMetricLines.count)
        #expect(output.scorecard_rows == 3)
        // c1 (two CSAT answers: two rows), c2, c3, c4, c5.
        #expect(output.rows == 6)
        for line in model.keyMetricLines {
            let metric = try #require(output.metrics[line.series])
            #expect(metric.count == line.sampleSize, "\(line.series)")
            #expect(metric.sample_size == line.sampleSize)
            if let numerator = line.numerator, let denominator = line.denominator {
                #expect(metric.sum == Double(numerator), "\(line.series)")
                #expect(metric.count == denominator, "\(line.series)")
                #expect(metric.numerator == "\(numerator)" && metric.denominator == "\(denominator)")
            }
        }
        #expect(output.metrics["value:Quality:0"]?.sum == 3)
        #expect(output.metrics["team:support:0"]?.sum == 2)
        #expect(output.metrics["value:Speed:0"]?.sum == 6800)
    }
}
