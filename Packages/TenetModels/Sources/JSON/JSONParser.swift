/// Parses JSON text (RFC 8259) into a ``JSONValue``, saying exactly where and why it fails.
///
/// Strict: no comments, no trailing commas, no leading zeros, no unescaped control characters,
/// valid UTF-8 only, nesting at most `maximumDepth` deep (``defaultMaximumDepth`` unless the
/// caller says otherwise). Objects keep their key order; a repeated key keeps its last value.
/// Numbers keep their text (``JSONNumber``); one beyond the range of a double is refused.
///
/// A reader of a wire envelope around events (`{"events":[…]}` is two levels) parses with
/// `Event.maximumDepth + levels` (``Event/parsingDepth(envelopeLevels:)``), so that every event
/// the validator accepts also parses inside its envelope; the event's own limit is checked by
/// ``EventValidator``, never by the envelope.
public struct JSONParser {
    /// The nesting limit when the caller gives none: arrays and objects may nest this deep
    /// (`[]` is one level, `[[]]` two).
    public static let defaultMaximumDepth = 128

    private let bytes: UnsafeBufferPointer<UInt8>
    private let maximumDepth: Int
    private var position = 0
    private var depth = 0

    private init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    /// Parses `text` as one JSON value (surrounding white space allowed), with arrays and
    /// objects nested at most `maximumDepth` deep.
    public static func parse(_ text: String, maximumDepth: Int = defaultMaximumDepth) throws(JSONParseError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer, maximumDepth: maximumDepth) }
        }
        return try result.get()
    }

    /// Parses UTF-8 `bytes` as one JSON value, nested at most `maximumDepth` deep.
    public static func parse(
        _ bytes: some Collection<UInt8>, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONParseError) -> JSONValue {
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer, maximumDepth: maximumDepth) }
        }
        if let result { return try result.get() }
        return try parse(Array(bytes), maximumDepth: maximumDepth)
    }

    /// Parses the bytes in `buffer` as one JSON value, nested at most `maximumDepth` deep.
    public static func parse(
        _ buffer: UnsafeBufferPointer<UInt8>, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: buffer, maximumDepth: maximumDepth)
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        if parser.position < buffer.count {
            throw parser.error("unexpected \(parser.describeCurrent()) after the JSON value")
        }
        return value
    }

    // MARK: Values

    private mutating func value() throws(JSONParseError) -> JSONValue {
        guard position < bytes.count else { throw error("the text ends where a value was expected") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object(try object())
        case UInt8(ascii: "["): return .array(try array())
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw error("unexpected \(describeCurrent()) where a value was expected")
        }
    }

    private mutating func object() throws(JSONParseError) -> JSONObject {
        try enter()
        position += 1
        var object = JSONObject()
        skipSpace()
        if peek(UInt8(ascii: "}")) {
            position += 1
            depth -= 1
            return object
        }
        while true {
            skipSpace()
            guard peek(UInt8(ascii: "\"")) else { throw error("expected a quoted object key, found \(describeCurrent())") }
            let key = try string()
            skipSpace()
            guard peek(UInt8(ascii: ":")) else { throw error("expected ':' after the key \"\(key.excerpt)\"") }
            position += 1
            skipSpace()
            object[key] = try value()
            skipSpace()
            if peek(UInt8(ascii: ",")) {
                position += 1
                continue
            }
            if peek(UInt8(ascii: "}")) {
                position += 1
                depth -= 1
                return object
            }
            throw error("expected ',' or '}' in an object, found \(describeCurrent())")
        }
    }

    private mutating func array() throws(JSONParseError) -> [JSONValue] {
        try enter()
        position += 1
        var items: [JSONValue] = []
        skipSpace()
        if peek(UInt8(ascii: "]")) {
            position += 1
            depth -= 1
            return items
        }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            if peek(UInt8(ascii: ",")) {
                position += 1
                continue
            }
            if peek(UInt8(ascii: "]")) {
                position += 1
                depth -= 1
                return items
            }
            throw error("expected ',' or ']' in an array, found \(describeCurrent())")
        }
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > maximumDepth { throw error("nested more than \(maximumDepth) levels deep", code: .tooDeep) }
    }

    private mutating func literal(_ word: String) throws(JSONParseError) {
        let expected = word.utf8
        let count = expected.count
        guard position + count <= bytes.count, bytes[position..<position + count].elementsEqual(expected) else {
            throw error("unexpected \(describeCurrent()) where a value was expected")
        }
        position += count
    }

    private mutating func number() throws(JSONParseError) -> JSONNumber {
        let start = position
        if peek(UInt8(ascii: "-")) { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw error("a number needs digits after '-'") }
        let integerStart = position
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) { throw error("numbers cannot have leading zeros") }
        } else {
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        let integerDigits = position - integerStart
        if peek(UInt8(ascii: ".")) {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("a number needs digits after '.'") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        var hasExponent = false
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            hasExponent = true
            position += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("a number needs digits in its exponent") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        // Short texts (up to 15 bytes) live inside the String itself: no allocation.
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        // Without an exponent, fewer than 309 integer digits always fit a double; only the rest
        // is converted to check its range.
        if hasExponent || integerDigits > 308 {
            guard let value = Double(text), value.isFinite else {
                throw error("the number \(text.excerpt) is out of range", at: start, code: .numberOutOfRange)
            }
        }
        return JSONNumber(checkedLiteral: text)
    }

    private mutating func string() throws(JSONParseError) -> String {
        let open = position
        position += 1
        var segmentStart = position
        var scalars: [UInt8] = []
        var escaped = false
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                let tail = UnsafeBufferPointer(rebasing: bytes[segmentStart..<position])
                position += 1
                if !escaped {
                    guard let text = String(validating: tail, as: UTF8.self) else {
                        throw error("the string is not valid UTF-8", at: open, code: .invalidUTF8)
                    }
                    return text
                }
                scalars.append(contentsOf: tail)
                guard let text = String(validating: scalars, as: UTF8.self) else {
                    throw error("the string is not valid UTF-8", at: open, code: .invalidUTF8)
                }
                return text
            case UInt8(ascii: "\\"):
                escaped = true
                scalars.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<position]))
                position += 1
                try escape(into: &scalars)
                segmentStart = position
            case 0..<0x20:
                throw error("control character 0x\(String(byte, radix: 16)) inside a string must be escaped")
            default:
                position += 1
            }
        }
        throw error("the string that starts here is never closed", at: open)
    }

    private mutating func escape(into scalars: inout [UInt8]) throws(JSONParseError) {
        guard position < bytes.count else { throw error("the text ends inside an escape") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""): scalars.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): scalars.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): scalars.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): scalars.append(0x08)
        case UInt8(ascii: "f"): scalars.append(0x0C)
        case UInt8(ascii: "n"): scalars.append(0x0A)
        case UInt8(ascii: "r"): scalars.append(0x0D)
        case UInt8(ascii: "t"): scalars.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800...0xDBFF).contains(code) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else { throw error("a \\u escape for a high surrogate must be followed by a low surrogate") }
                position += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error("\\u\(String(low, radix: 16)) is not a low surrogate") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(code) {
                throw error("a lone low surrogate \\u\(String(code, radix: 16)) is not a character")
            }
            guard let scalar = Unicode.Scalar(code) else { throw error("\\u escape is not a character") }
            scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw error("\\\(Character(Unicode.Scalar(byte))) is not a JSON escape", at: position - 2)
        }
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("a \\u escape needs four hex digits")
            }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    // MARK: Helpers

    private mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private func peek(_ byte: UInt8) -> Bool {
        position < bytes.count && bytes[position] == byte
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func describeCurrent() -> String {
        guard position < bytes.count else { return "end of text" }
        let byte = bytes[position]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16))"
    }

    private func error(_ reason: String, at offset: Int? = nil, code: JSONParseError.Code = .syntax) -> JSONParseError {
        let offset = offset ?? position
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return JSONParseError(code: code, offset: offset, line: line, column: offset - lineStart + 1, reason: reason)
    }
}
