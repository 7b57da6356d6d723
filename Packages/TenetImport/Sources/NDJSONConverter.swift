import TenetModels

/// NDJSON: each line is already an event. Lines that are not JSON objects are passed on as
/// they are, so that ingest rejects them with its own precise reason.
public struct NDJSONConverter: RowConverter {
    /// Creates the converter.
    public init() {}

    public mutating func convert(_ row: String, line: Int) -> ImportedRow {
        if row.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { return .skipped(reason: "blank line") }
        guard let object = (try? JSONParser.parse(row))?.objectValue else {
            return .rejected(field: nil, reason: Self.reason(row))
        }
        return .events([object])
    }

    private static func reason(_ row: String) -> String {
        do {
            _ = try JSONParser.parse(row)
            return "an event must be a JSON object"
        } catch {
            return "not valid JSON: \(error.reason) (column \(error.column))"
        }
    }
}
