import TenetModels

/// NDJSON: each line is already an event, sent on as compact JSON with its numbers as written.
/// Lines that are not JSON objects (or nest deeper than ``Event/maximumDepth``) are rejected
/// here with the parser's reason and column; ingest checks the rest.
public struct NDJSONConverter: RowConverter {
    /// Creates the converter.
    public init() {}

    public mutating func convert(_ row: String, line: Int) -> ImportedRow {
        if row.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { return .skipped(reason: "blank line") }
        guard let object = (try? JSONParser.parse(row, maximumDepth: Event.maximumDepth))?.objectValue else {
            return .rejected(field: nil, reason: Self.reason(row))
        }
        return .events([object])
    }

    private static func reason(_ row: String) -> String {
        do {
            _ = try JSONParser.parse(row, maximumDepth: Event.maximumDepth)
            return "an event must be a JSON object"
        } catch {
            return "not valid JSON: \(error.reason) (column \(error.column))"
        }
    }
}
