/// Decodes a URL query string (`a=1&where.team=x%2Cy&b=two+words`) into name/value pairs, pure.
public enum QueryString {
    /// The pairs in order; `+` is a space and `%XX` a byte (the result must be UTF-8).
    ///
    /// - Throws: ``APIError`` (400 `bad_parameter`) naming the part that is not valid percent-encoded UTF-8.
    public static func decode(_ query: String?) throws(APIError) -> [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        var pairs: [(name: String, value: String)] = []
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = percentDecode(pieces[0]), !name.isEmpty else {
                throw .parameter(String(pieces[0]), "the name is empty or not valid percent-encoded UTF-8")
            }
            guard let value = pieces.count > 1 ? percentDecode(pieces[1]) : "" else {
                throw .parameter(name, "the value is not valid percent-encoded UTF-8")
            }
            pairs.append((name, value))
        }
        return pairs
    }

    /// `text` with `+` as space and `%XX` decoded, or `nil` when an escape is broken or the bytes are not UTF-8.
    static func percentDecode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(0x20)
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
