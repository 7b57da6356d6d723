/// Finds where JSON values begin and end in bytes without building them, so that a reader can
/// take a value's bytes as they are (a stored event inside a reply) instead of parsing and
/// writing it again.
///
/// It checks structure only (brackets, strings and their escapes); the bytes it delimits are
/// as valid as their producer made them. Use ``JSONParser`` where validity matters.
public enum JSONSpan {
    /// The index just past the value that starts at `start` (white space before it skipped),
    /// or `nil` if the bytes end first or no value starts there.
    public static func end(ofValueAt start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = skipSpace(from: start, in: bytes)
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return end(ofStringAt: index, in: bytes)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    guard let next = end(ofStringAt: index, in: bytes) else { return nil }
                    index = next
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default:
                    break
                }
                index += 1
            }
            return nil
        default:
            // A number or a literal: up to the next delimiter.
            let first = index
            while index < bytes.count, !isDelimiter(bytes[index]) { index += 1 }
            return index > first ? index : nil
        }
    }

    /// The index just past the string whose opening quote is at `start`.
    public static func end(ofStringAt start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return nil
    }

    /// The members of the object that starts at `start`: each key (unescaped only if it has no
    /// escapes; keys here are plain) with the range of its value, in order. `nil` if no
    /// well-formed object starts there.
    public static func members(ofObjectAt start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> [(key: String, value: Range<Int>)]? {
        var index = skipSpace(from: start, in: bytes)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        var members: [(key: String, value: Range<Int>)] = []
        while true {
            index = skipSpace(from: index, in: bytes)
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "}"):
                return members
            case UInt8(ascii: ","):
                index += 1
                continue
            case UInt8(ascii: "\""):
                guard let keyEnd = end(ofStringAt: index, in: bytes) else { return nil }
                let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<(keyEnd - 1)]), as: UTF8.self)
                index = skipSpace(from: keyEnd, in: bytes)
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                let valueStart = skipSpace(from: index + 1, in: bytes)
                guard let valueEnd = end(ofValueAt: valueStart, in: bytes) else { return nil }
                members.append((key, valueStart..<valueEnd))
                index = valueEnd
            default:
                return nil
            }
        }
    }

    /// The ranges of the items of the array that starts at `start`, or `nil` if no
    /// well-formed array starts there.
    public static func items(ofArrayAt start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        var index = skipSpace(from: start, in: bytes)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return nil }
        index += 1
        var items: [Range<Int>] = []
        while true {
            index = skipSpace(from: index, in: bytes)
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "]"):
                return items
            case UInt8(ascii: ","):
                index += 1
            default:
                guard let itemEnd = end(ofValueAt: index, in: bytes) else { return nil }
                items.append(index..<itemEnd)
                index = itemEnd
            }
        }
    }

    /// The first index at or after `start` that is not JSON white space.
    public static func skipSpace(from start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = start
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
        return index
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || byte == 0x20 || byte == 0x0A
            || byte == 0x0D || byte == 0x09
    }
}
