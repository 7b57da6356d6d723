import TenetModels

/// Turns CSV rows into events through a ``CSVMapping``. The first row is the header.
public struct CSVConverter: RowConverter {
    private let mapping: CSVMapping
    private var reader: CSVRecordReader
    private var header: [String]?
    private var recordStart: Int?

    /// Creates a converter for `mapping`.
    public init(mapping: CSVMapping) {
        self.mapping = mapping
        reader = CSVRecordReader(delimiter: mapping.delimiter)
    }

    public mutating func convert(_ row: String, line: Int) -> ImportedRow {
        if recordStart == nil { recordStart = line }
        guard case .record(let cells) = reader.feed(row) else { return .skipped(reason: "continued on the next line") }
        recordStart = nil
        guard let header else {
            // A byte-order mark before the first column name is not part of it.
            self.header = cells.enumerated().map { index, cell in
                let name = cell.trimmingCharacters(in: .whitespaces)
                return index == 0 && name.hasPrefix("\u{FEFF}") ? String(name.dropFirst()) : name
            }
            for (field, template) in mapping.fields {
                for column in template.columns where !self.header!.contains(column) {
                    return .rejected(field: field, reason: "the header has no column '\(column.excerpt)' (mapped to \(field))")
                }
            }
            return .skipped(reason: "header")
        }
        guard cells.count == header.count || (cells.count == 1 && cells[0].isEmpty) else {
            return .rejected(field: nil, reason: "\(cells.count) columns where the header has \(header.count)")
        }
        if cells.count == 1 && cells[0].isEmpty { return .skipped(reason: "blank line") }
        var values: [String: String] = [:]
        for (index, name) in header.enumerated() { values[name] = cells[index] }

        var event = JSONObject()
        if let type = mapping.type { event["type"] = .string(type) }
        if let column = mapping.typeColumn { event["type"] = values[column].map(JSONValue.string) }
        for (field, value) in mapping.constants { Self.set(field, .string(value), in: &event) }
        for (field, template) in mapping.fields {
            guard let cell = template.render({ values[$0] }) else { continue }
            switch Self.value(field: field, cell: cell, time: mapping.time) {
            case .success(let value): Self.set(field, value, in: &event)
            case .failure(let failure): return .rejected(field: field, reason: failure.reason)
            }
        }
        return .events([event])
    }

    private static func value(field: String, cell: String, time: CSVMapping.TimeFormat) -> Result<JSONValue, Failure> {
        switch field {
        case "at":
            switch time {
            case .rfc3339:
                return .success(.string(cell))
            case .unix, .unixMilliseconds:
                let scale = time == .unix ? 1e9 : 1e6
                guard let number = Double(cell.trimmingCharacters(in: .whitespaces)), number.isFinite,
                    abs(number * scale) < 9.2e18
                else {
                    return .failure(Failure("'\(cell.excerpt)' is not a \(time == .unix ? "Unix time in seconds" : "Unix time in milliseconds") from 1677 to 2262"))
                }
                let nanoseconds = Int64(number * scale)
                return .success(.string(Timestamp(nanosecondsSinceEpoch: nanoseconds).rfc3339))
            }
        case "score", "amount":
            let text = cell.trimmingCharacters(in: .whitespaces)
            // A cell that is a JSON number keeps its digits (`12.50` stays `12.50`); other
            // forms Swift reads (`+5`, `.5`) are written as the nearest double.
            if let exact = JSONNumber(literal: text) { return .success(.number(exact)) }
            guard let number = Double(text), number.isFinite else {
                return .failure(Failure("'\(cell.excerpt)' is not a number"))
            }
            return .success(.number(JSONNumber(number)))
        case "public":
            switch cell.lowercased() {
            case "true", "yes", "1": return .success(.bool(true))
            case "false", "no", "0": return .success(.bool(false))
            default: return .failure(Failure("'\(cell.excerpt)' is not true or false"))
            }
        default:
            return .success(.string(cell))
        }
    }

    /// Sets `value` at a dotted `field` path, making objects as needed.
    static func set(_ field: String, _ value: JSONValue, in object: inout JSONObject) {
        let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            object[field] = value
            return
        }
        var inner = object[parts[0]]?.objectValue ?? JSONObject()
        set(parts[1], value, in: &inner)
        object[parts[0]] = .object(inner)
    }

    struct Failure: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }
}

extension Result where Failure == CSVConverter.Failure {
    fileprivate static func failure(_ reason: String) -> Self { .failure(CSVConverter.Failure(reason)) }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}

extension Set where Element == Character {
    fileprivate static let whitespaces: Set<Character> = [" ", "\t"]
}
