import TenetModels

/// The body of an `append` request: a header line, then one event per line, each exactly as
/// the producer sent it.
///
/// ```
/// {"source":"http:KEY","first_line":1,"line_numbers":[1,3],"rejections":[…]}
/// {"id":"evt-1","type":"conversation.opened",…}
/// {"id":"evt-2",…}
/// ```
///
/// The store parses and validates each event line once (the only time an event is parsed on its
/// way in) and keeps its bytes unchanged. `source` and the line numbers make the dead letters of
/// a retried request land once. An event line never holds a line break (a producer's
/// pretty-printed event is compacted first: ``addEvent(json:)`` does it).
public struct AppendRequest: Sendable {
    /// Where the events come from (`http:KEY`, `send:FILE:RUN`…), recorded with dead letters.
    public var source: String
    /// The line number of the first event in the producer's input.
    public var firstLine: Int
    /// Each event's line number, when they do not simply count up from ``firstLine``.
    public var lineNumbers: [Int]?
    /// Input the producer already found wrong, recorded as dead letters in the same commit.
    public var rejections: [Rejection]
    /// The event lines.
    public private(set) var events: [ArraySlice<UInt8>] = []

    /// Creates a request with no events.
    public init(source: String, firstLine: Int = 1, lineNumbers: [Int]? = nil, rejections: [Rejection] = []) {
        self.source = source
        self.firstLine = firstLine
        self.lineNumbers = lineNumbers
        self.rejections = rejections
    }

    /// Adds one event's bytes, unchanged unless they hold a line break (the framing is one event
    /// a line): then they are compacted (parsed and written again) if they are JSON.
    ///
    /// - Throws: ``StoreProtocolError`` for bytes with a line break that are not JSON: they
    ///   cannot be framed and are never altered to fit; the producer reports them as rejected.
    public mutating func addEvent(json: ArraySlice<UInt8>) throws(StoreProtocolError) {
        guard json.contains(0x0A) else {
            events.append(json)
            return
        }
        do {
            events.append(ArraySlice(JSONWriter.bytes(try JSONParser.parse(json, maximumDepth: Event.maximumDepth))))
        } catch {
            throw StoreProtocolError(code: .badBody, message: "\(error)")
        }
    }

    /// The line number of event `index`.
    public func lineNumber(of index: Int) -> Int {
        lineNumbers.flatMap { index < $0.count ? $0[index] : nil } ?? firstLine + index
    }

    /// The request body.
    public func body() -> [UInt8] {
        var output = Array(#"{"source":"#.utf8)
        output.reserveCapacity(events.reduce(256) { $0 + $1.count + 1 })
        JSONWriter.writeString(source, into: &output)
        output.append(contentsOf: #","first_line":\#(firstLine)"#.utf8)
        if let lineNumbers {
            output.append(contentsOf: #","line_numbers":["#.utf8)
            output.append(contentsOf: lineNumbers.map(String.init).joined(separator: ",").utf8)
            output.append(UInt8(ascii: "]"))
        }
        if !rejections.isEmpty {
            output.append(contentsOf: #","rejections":"#.utf8)
            JSONWriter.write(.array(rejections.map(\.json)), into: &output)
        }
        output.append(contentsOf: "}\n".utf8)
        for event in events {
            output.append(contentsOf: event)
            output.append(0x0A)
        }
        return output
    }

    /// Reads a request body. The event lines are slices of `body`.
    public init(body: [UInt8]) throws(StoreProtocolError) {
        let headerEnd = body.firstIndex(of: 0x0A) ?? body.endIndex
        let header: JSONObject
        do {
            guard let object = try JSONParser.parse(body[..<headerEnd]).objectValue else {
                throw StoreProtocolError(code: .badBody, message: "an append body starts with a header object line")
            }
            header = object
        } catch let error as StoreProtocolError {
            throw error
        } catch {
            throw StoreProtocolError(code: .badBody, message: "the append header line: \(error)")
        }
        guard let source = header["source"]?.stringValue else {
            throw StoreProtocolError(code: .badBody, message: "the append header needs `source` (a string)")
        }
        var firstLine = 1
        if let value = header["first_line"] {
            guard let number = value.numberValue.flatMap({ Int(exactly: $0) }), number >= 1 else {
                throw StoreProtocolError(code: .badBody, message: "`first_line` must be a whole number ≥ 1")
            }
            firstLine = number
        }
        var numbers: [Int]?
        if let list = header["line_numbers"] {
            guard let items = list.arrayValue else {
                throw StoreProtocolError(code: .badBody, message: "`line_numbers` must be an array of whole numbers")
            }
            var collected: [Int] = []
            collected.reserveCapacity(items.count)
            for item in items {
                guard let number = item.numberValue.flatMap({ Int(exactly: $0) }) else {
                    throw StoreProtocolError(code: .badBody, message: "`line_numbers` must be an array of whole numbers")
                }
                collected.append(number)
            }
            numbers = collected
        }
        var rejections: [Rejection] = []
        for item in header["rejections"]?.arrayValue ?? [] {
            rejections.append(try Rejection(json: item, defaultSource: source))
        }
        self.init(source: source, firstLine: firstLine, lineNumbers: numbers, rejections: rejections)
        var start = headerEnd < body.endIndex ? headerEnd + 1 : headerEnd
        var index = start
        while index < body.endIndex {
            if body[index] == 0x0A {
                events.append(body[start..<index])
                start = index + 1
            }
            index += 1
        }
        if start < body.endIndex { events.append(body[start...]) }
        if let numbers, numbers.count != events.count {
            throw StoreProtocolError(
                code: .badBody, message: "`line_numbers` has \(numbers.count) entries for \(events.count) event lines")
        }
    }
}
