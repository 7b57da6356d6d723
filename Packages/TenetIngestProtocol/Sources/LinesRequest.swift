import TenetModels
import TenetStoreProtocol

/// The body of the ingest endpoint's `lines` method: raw NDJSON lines, numbered from `first_line`.
public struct LinesRequest: Hashable, Sendable {
    /// Where the lines come from; with the line numbers, it makes dead letters idempotent across retries.
    public var source: String
    /// The number of the first line in the producer's file.
    public var firstLine: Int
    /// The lines, each meant to be one JSON event.
    public var lines: [String]
    /// Each line's number, when they do not simply count up from `first_line`.
    public var lineNumbers: [Int]?
    /// Input the producer already found wrong, to record and report with the batch.
    public var rejected: [Rejection]?

    /// Creates a request.
    public init(source: String, firstLine: Int, lines: [String], lineNumbers: [Int]? = nil, rejected: [Rejection]? = nil) {
        self.source = source
        self.firstLine = firstLine
        self.lines = lines
        self.lineNumbers = lineNumbers
        self.rejected = rejected
    }

    /// The body as compact JSON.
    public func jsonBytes() -> [UInt8] {
        var output = Array(#"{"source":"#.utf8)
        output.reserveCapacity(lines.reduce(64) { $0 + $1.utf8.count + 3 })
        JSONWriter.writeString(source, into: &output)
        output.append(contentsOf: #","first_line":\#(firstLine),"lines":["#.utf8)
        for (index, line) in lines.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(line, into: &output)
        }
        output.append(UInt8(ascii: "]"))
        if let lineNumbers {
            output.append(contentsOf: #","line_numbers":["#.utf8)
            output.append(contentsOf: lineNumbers.map(String.init).joined(separator: ",").utf8)
            output.append(UInt8(ascii: "]"))
        }
        if let rejected, !rejected.isEmpty {
            output.append(contentsOf: #","rejected":"#.utf8)
            JSONWriter.write(.array(rejected.map(\.json)), into: &output)
        }
        output.append(UInt8(ascii: "}"))
        return output
    }

    /// Reads a `lines` body.
    public init(json bytes: [UInt8]) throws(StoreProtocolError) {
        guard let object = (try? JSONParser.parse(bytes))?.objectValue, let source = object["source"]?.stringValue,
            let first = object["first_line"]?.numberValue, let items = object["lines"]?.arrayValue
        else {
            throw StoreProtocolError(code: .badBody, message: "a lines body is {\"source\": TEXT, \"first_line\": N, \"lines\": [TEXT…]}")
        }
        guard let firstLine = Int(exactly: first) else {
            throw StoreProtocolError(code: .badBody, message: "`first_line` must be a whole number")
        }
        var lines: [String] = []
        lines.reserveCapacity(items.count)
        for item in items {
            guard let line = item.stringValue else {
                throw StoreProtocolError(code: .badBody, message: "every entry of `lines` must be a string")
            }
            lines.append(line)
        }
        var numbers: [Int]?
        if let list = object["line_numbers"]?.arrayValue {
            numbers = try list.map { value throws(StoreProtocolError) -> Int in
                guard let number = value.numberValue.flatMap({ Int(exactly: $0) }) else {
                    throw StoreProtocolError(code: .badBody, message: "every entry of `line_numbers` must be a whole number")
                }
                return number
            }
        }
        var rejected: [Rejection]?
        if let list = object["rejected"]?.arrayValue {
            rejected = try list.map { value throws(StoreProtocolError) in try Rejection(json: value, defaultSource: source) }
        }
        self.init(source: source, firstLine: firstLine, lines: lines, lineNumbers: numbers, rejected: rejected)
    }
}
