import Foundation
import Testing
import TenetPhilosophy
import TenetWeb

/// The parts of docs/openapi.yaml that copy another source stay equal to it: the Event schema is
/// docs/schema/event.schema.json (spliced in by Scripts/embed-swift.sh), the BuiltinMetric enum
/// is the metric catalogue's names and aliases.
@Suite("The OpenAPI document's copies")
struct OpenAPIDocumentTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func lines(between start: String, and end: String) throws -> [Substring] {
        let lines = OpenAPIDocument.text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = try #require(lines.firstIndex { $0 == start })
        let last = try #require(lines[first...].firstIndex { $0 == end })
        return Array(lines[(first + 1)..<last])
    }

    @Test("The Event schema is docs/schema/event.schema.json, its $defs references pointing inside the component")
    func eventSchema() throws {
        let block = try Self.lines(between: "      # BEGIN event.schema.json", and: "      # END event.schema.json")
        #expect(block.count > 100)
        let embedded = try JSONSerialization.jsonObject(with: Data(block.joined(separator: "\n").utf8)) as? NSDictionary
        let fileText = try String(contentsOf: Self.repository.appendingPathComponent("docs/schema/event.schema.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"#/$defs/", with: "\"#/components/schemas/Event/$defs/")
        var file = try #require(try JSONSerialization.jsonObject(with: Data(fileText.utf8)) as? [String: Any])
        file["$schema"] = nil
        #expect(embedded == file as NSDictionary, "run Scripts/embed-swift.sh")
    }

    @Test("The BuiltinMetric enum lists the catalogue's names and aliases, each well formed")
    func builtinMetrics() throws {
        let block = try Self.lines(between: "    BuiltinMetric:", and: "    DimensionName:")
        let names = block.filter { $0.hasPrefix("        - ") }.map { String($0.dropFirst("        - ".count)) }
        #expect(names == MetricCatalog.names)
        #expect(names.allSatisfy(QueryParameters.isMetricName))
    }

    @Test("The statistics and periods the document lists are the ones the philosophy reads")
    func statisticsAndPeriods() {
        for name in QueryParameters.statisticNames + ["p1", "p50", "p99", "within_0s", "within_1500ms", "within_15m", "within_99999h", "within_9999d"] {
            #expect(QueryParameters.isStatistic(name), "\(name)")
            #expect(Statistic(name: name) != nil, "\(name)")
        }
        for name in ["p0", "p100", "p050", "within_", "within_1", "within_1h30m", "within_1.5h", "within_100000h", "within_1w", "P90", "mean "] {
            #expect(!QueryParameters.isStatistic(name), "\(name)")
        }
        #expect(OpenAPIDocument.text.contains("enum: [\(Period.names.joined(separator: ", "))]"))
        #expect(OpenAPIDocument.text.contains("enum: [\(QueryParameters.statisticNames.joined(separator: ", "))]"))
    }
}
