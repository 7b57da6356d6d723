/// Writes ``JSONValue``s as compact JSON text: keys in their order, numbers as written, strings
/// escaped one way (see ``writeString(_:into:)``). ``canonicalBytes(_:)`` also sorts the keys.
public enum JSONWriter {
    /// The compact JSON text of `value`.
    public static func string(_ value: JSONValue) -> String {
        var output: [UInt8] = []
        write(value, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// The compact JSON bytes of `value`.
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(value, into: &output)
        return output
    }

    /// Appends the compact JSON of `value` to `output`.
    public static func write(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): output.append(contentsOf: number.literal.utf8)
        case .string(let text): writeString(text, into: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(item, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (index, entry) in object.entries.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(entry.key, into: &output)
                output.append(UInt8(ascii: ":"))
                write(entry.value, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Appends a double as `JSONNumber(number)` writes it: integers below 2⁵³ without a
    /// fraction, other numbers in Swift's shortest form. `number` must be finite.
    public static func writeNumber(_ number: Double, into output: inout [UInt8]) {
        output.append(contentsOf: JSONNumber(number).literal.utf8)
    }

    /// Appends `number`'s text exactly as it was written.
    public static func writeNumber(_ number: JSONNumber, into output: inout [UInt8]) {
        output.append(contentsOf: number.literal.utf8)
    }

    /// The canonical JSON bytes of `value`: compact, the keys of every object sorted by their
    /// UTF-8 bytes, numbers exactly as written, strings escaped as ``writeString(_:into:)``
    /// does. Equal texts after parsing give equal bytes whatever their white space and key
    /// order, so a digest of them identifies content (see `docs/EVENTS.md`).
    public static func canonicalBytes(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        writeCanonical(value, into: &output)
        return output
    }

    /// Appends the canonical JSON of `value` (see ``canonicalBytes(_:)``) to `output`.
    public static func writeCanonical(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .null, .bool, .number, .string: write(value, into: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeCanonical(item, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            let entries = object.entries
            // Objects written in key order already (as canonical JSON is) need no sorted copy.
            var inOrder = true
            for index in entries.indices.dropFirst()
            where !entries[index - 1].key.utf8.lexicographicallyPrecedes(entries[index].key.utf8) {
                inOrder = false
                break
            }
            let sorted = inOrder ? entries : entries.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, entry) in sorted.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(entry.key, into: &output)
                output.append(UInt8(ascii: ":"))
                writeCanonical(entry.value, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Appends `text` as a JSON string literal, escaped one way (the way RFC 8785 and Python's
    /// `json.dumps(…, ensure_ascii=False)` do): `"` as `\"`, `\` as `\\`, backspace, form
    /// feed, line feed, carriage return and tab as `\b`, `\f`, `\n`, `\r`, `\t`, the other
    /// characters below U+0020 as `\u00xx` (lowercase hex), and everything else as its UTF-8
    /// bytes (`/`, U+007F and non-ASCII characters unescaped).
    public static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Runs of bytes that need no escape are copied whole.
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                appendEscape(of: byte, into: &output)
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func appendEscape(of byte: UInt8, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        default:
            let digits: StaticString = "0123456789abcdef"
            output.append(contentsOf: "u00".utf8)
            output.append(digits.utf8Start[Int(byte >> 4)])
            output.append(digits.utf8Start[Int(byte & 0x0F)])
        }
    }
}
