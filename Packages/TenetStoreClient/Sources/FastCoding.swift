import TenetModels

// Hand-written JSON for the bodies on the ingest hot path (a batch of lines going in, a reply
// per event coming back): Foundation's coders cost more than validating the events themselves.

/// A body that does not have the expected shape.
public struct BodyShapeError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension LinesRequest {
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
    public init(json bytes: [UInt8]) throws(BodyShapeError) {
        guard let object = (try? JSONParser.parse(bytes))?.objectValue, let source = object["source"]?.stringValue,
            let first = object["first_line"]?.numberValue, let items = object["lines"]?.arrayValue
        else {
            throw BodyShapeError(message: "a lines body is {\"source\": TEXT, \"first_line\": N, \"lines\": [TEXT…]}")
        }
        guard let firstLine = Int(exactly: first) else { throw BodyShapeError(message: "`first_line` must be a whole number") }
        var lines: [String] = []
        lines.reserveCapacity(items.count)
        for item in items {
            guard let line = item.stringValue else { throw BodyShapeError(message: "every entry of `lines` must be a string") }
            lines.append(line)
        }
        var numbers: [Int]?
        if let list = object["line_numbers"]?.arrayValue {
            numbers = try list.map { value throws(BodyShapeError) -> Int in
                guard let number = value.numberValue.flatMap({ Int(exactly: $0) }) else {
                    throw BodyShapeError(message: "every entry of `line_numbers` must be a whole number")
                }
                return number
            }
        }
        var rejected: [Rejection]?
        if let list = object["rejected"]?.arrayValue {
            rejected = list.compactMap { value in
                guard let entry = value.objectValue else { return nil }
                return Rejection(
                    source: entry["source"]?.stringValue ?? source, line: entry["line"]?.numberValue.flatMap { Int(exactly: $0) },
                    field: entry["field"]?.stringValue, reason: entry["reason"]?.stringValue ?? "rejected by the producer",
                    payload: entry["payload"]?.stringValue ?? "")
            }
        }
        self.init(source: source, firstLine: firstLine, lines: lines, lineNumbers: numbers, rejected: rejected)
    }
}

extension AppendReply {
    /// Reads an `append` reply.
    public init(json bytes: [UInt8]) throws(BodyShapeError) {
        guard let object = (try? JSONParser.parse(bytes))?.objectValue, let items = object["results"]?.arrayValue else {
            throw BodyShapeError(message: "an append reply is {\"results\": [...], \"last_seq\": N}")
        }
        var results: [AppendResult] = []
        results.reserveCapacity(items.count)
        for item in items {
            guard let entry = item.objectValue, let status = entry["status"]?.stringValue else {
                throw BodyShapeError(message: "every result needs a `status`")
            }
            results.append(AppendResult(
                status: status, seq: entry["seq"]?.numberValue.flatMap { Int64(exactly: $0) },
                field: entry["field"]?.stringValue, reason: entry["reason"]?.stringValue))
        }
        self.init(results: results, lastSeq: object["last_seq"]?.numberValue.flatMap { Int64(exactly: $0) } ?? 0)
    }
}
