import Foundation

/// The report as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold
/// a comma, a quote or a line break): the scorecard with one row per key metric figure, and the
/// row-level table with one row per conversation and its measurements.
public struct CSVReport: Sendable {
    /// The model to lay out.
    public var model: ReportModel

    /// Creates a renderer.
    public init(_ model: ReportModel) {
        self.model = model
    }

    /// The scorecard's columns.
    public static let scorecardColumns = [
        "owner_kind", "owner", "series", "metric", "filter", "group", "stat", "hours", "period", "from", "to", "target", "actual",
        "actual_text", "unit", "currency", "sample_size", "numerator", "denominator", "status", "previous", "previous_sample_size",
        "change", "direction",
    ]

    /// The scorecard: a header and one row per key metric figure (values' first, then teams').
    public func scorecard() -> String {
        var rows = [Self.scorecardColumns]
        for value in model.values {
            for line in value.metrics { rows.append(Self.row(line, kind: "value", owner: value.name)) }
        }
        for team in model.teams {
            for line in team.metrics { rows.append(Self.row(line, kind: "team", owner: team.id)) }
        }
        return Self.write(rows)
    }

    static func row(_ line: ReportModel.KeyMetricLine, kind: String, owner: String) -> [String] {
        [
            kind, owner, line.series, line.metric, line.filter, line.group, line.stat, line.hours, line.period, line.from, line.to,
            line.target ?? "", number(line.actual), line.actualText, line.unit, line.currency ?? "", "\(line.sampleSize)",
            line.numerator.map(String.init) ?? "", line.denominator.map(String.init) ?? "", line.status ?? "",
            number(line.trend?.previous), line.trend.map { "\($0.previousSampleSize)" } ?? "", number(line.trend?.change),
            line.trend?.direction ?? "",
        ]
    }

    /// The columns of the row-level table: `conversation`, `measurement` (1 for a conversation's
    /// first measurement of each metric, 2 for its second…), `at` (the row's earliest instant),
    /// the dimensions found in the rows (sorted), then per key metric with rows its column
    /// (`first_response_time`: calendar seconds, 1/0 for an outcome, the score or the amount) and
    /// for durations `<column>_business` (business seconds).
    public var rowColumns: [String] {
        var columns = ["conversation", "measurement", "at"] + dimensionKeys
        for set in model.rows {
            columns.append(set.column)
            if set.unit == "seconds" { columns.append(set.column + "_business") }
        }
        return columns
    }

    /// The dimensions found in the rows, sorted.
    var dimensionKeys: [String] {
        Set(model.rows.flatMap { $0.rows.flatMap(\.dimensions.keys) }).sorted()
    }

    /// The row-level table: one row per conversation (one more per further measurement of a
    /// metric in the same conversation, such as a second next reply), in order of first appearance.
    public func conversations() -> String {
        let columns = rowColumns
        let dimensions = dimensionKeys
        // conversation → per row set, its measurements in time order.
        var order: [String] = []
        var cells: [String: [[ReportModel.Row]]] = [:]
        for (index, set) in model.rows.enumerated() {
            for row in set.rows {
                if cells[row.conversation] == nil {
                    order.append(row.conversation)
                    cells[row.conversation] = Array(repeating: [], count: model.rows.count)
                }
                cells[row.conversation]![index].append(row)
            }
        }
        var rows = [columns]
        for conversation in order {
            let measured = cells[conversation]!
            let depth = measured.map(\.count).max() ?? 0
            for level in 0..<depth {
                let present = measured.compactMap { level < $0.count ? $0[level] : nil }
                let first = present.min { $0.at < $1.at }
                var row = [conversation, "\(level + 1)", first?.at ?? ""]
                row += dimensions.map { key in present.lazy.compactMap { $0.dimensions[key] }.first ?? "" }
                for (index, set) in model.rows.enumerated() {
                    let measurement = level < measured[index].count ? measured[index][level] : nil
                    row.append(Self.number(measurement?.value))
                    if set.unit == "seconds" { row.append(Self.number(measurement?.businessValue)) }
                }
                rows.append(row)
            }
        }
        return Self.write(rows)
    }

    /// A number as the CSV writes it: whole numbers without a decimal point, others with the
    /// shortest text that reads back to the same `Double`; empty for `nil`.
    public static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Rows as CSV text.
    static func write(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// One field, quoted when it must be.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
