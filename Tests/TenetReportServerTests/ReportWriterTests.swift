import Foundation
import Testing
import TenetPhilosophy
import TenetReportServer
import TenetReporting
import TenetMetricsProtocol

#if canImport(Glibc)
import Glibc
#endif

/// The report files: where they go, their modes, and that an existing one is never replaced.
@Suite struct ReportWriterTests {
    static func model() throws -> ReportModel {
        let parsed = PhilosophyParser.parse(
            """
            purpose: "p"
            vision: "v"
            values:
              - name: Speed
                action: "Be quick."
                metrics:
                  - { metric: first_response_time, stat: median, target: "<= 10m" }
            """)
        let philosophy = try #require(parsed.philosophy)
        let span = ReportSpan(from: ReportSpan.instant("2026-11-25T00:00:00Z")!, to: ReportSpan.instant("2026-11-26T00:00:00Z")!)
        let figure = SeriesFigure(
            series: "value:Speed:0", metric: "first_response_time", stat: "median", hours: "calendar", period: "day", from: span.fromText,
            to: span.toText, filter: [:], figure: FigureBody(dimensions: [:], value: 300, sampleSize: 2, numerator: nil, denominator: nil, currency: nil),
            unit: "seconds", target: "<= 10m", status: "met", value: "Speed", team: nil, lastSeq: 9)
        let rows = ConversationsReply(
            metric: "first_response_time", from: span.fromText, to: span.toText, total: 2,
            rows: [
                RowBody(conversation: "a", at: "2026-11-25T10:00:00Z", value: 120, businessValue: 120, currency: nil, dimensions: [:]),
                RowBody(conversation: "b", at: "2026-11-25T11:00:00Z", value: 480, businessValue: 480, currency: nil, dimensions: [:]),
            ])
        let inputs = ReportInputs(
            scorecard: ScorecardReply(at: "2026-11-26T00:10:00Z", series: [figure], lastSeq: 9), conversations: ["value:Speed:0": rows])
        return ReportBuilder(philosophy: philosophy, period: "day", span: span).build(inputs)
    }

    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o777 : nil
    }

    @Test func filesArePrivateAndNeverReplaced() throws {
        let root = NSTemporaryDirectory() + "tenet-report-writer-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = ReportWriter(directory: root + "/reports")
        #expect(writer.existing(.day, start: "2026-11-25").isEmpty)
        let model = try Self.model()
        let first = try writer.write(model, period: .day, start: "2026-11-25", formats: ["html", "csv", "json"])
        let day = root + "/reports/day/2026-11-25"
        #expect(first.written == [day + ".html", day + "-conversations.csv", day + ".csv", day + ".json"])
        #expect(first.existing.isEmpty)
        #expect(Self.mode(root + "/reports") == 0o700 && Self.mode(root + "/reports/day") == 0o700)
        #expect(first.written.allSatisfy { Self.mode($0) == 0o600 })
        #expect(writer.existing(.day, start: "2026-11-25") == ["html", "csv", "json"])
        // JSON decodes to the model, without the rows; the row-level CSV has them.
        let json = try JSONReport.decoder().decode(ReportModel.self, from: Data(contentsOf: URL(fileURLWithPath: day + ".json")))
        #expect(json.values[0].metrics[0].actual == 300)
        #expect(json.rows.isEmpty)
        let conversations = try String(contentsOfFile: day + "-conversations.csv", encoding: .utf8)
        #expect(conversations.split(separator: "\r\n").count == 3)

        // A second write leaves what exists as it is, byte for byte, and adds the missing format.
        try "changed by hand".write(toFile: day + ".html", atomically: true, encoding: .utf8)
        let second = try writer.write(model, period: .day, start: "2026-11-25", formats: ["html", "md", "csv", "json"])
        #expect(second.written == [day + ".md"])
        #expect(second.existing == [day + ".html", day + ".csv", day + ".json"])
        #expect(try String(contentsOfFile: day + ".html", encoding: .utf8) == "changed by hand")
    }

    @Test func aDirectoryThatCannotBeMadeIsAnErrorNamingIt() throws {
        let writer = ReportWriter(directory: "/proc/tenet-no-such/reports")
        #expect(throws: ReportWriteError.self) { try writer.write(try Self.model(), period: .week, start: "2026-11-23", formats: ["md"]) }
    }
}
