/// The text ``YAMLReader`` hands to Yams, and the changes it made so that Yams can neither hurt
/// nor lose anything:
///
/// - every `*` that may start an alias becomes a private-use placeholder, so that Yams reads
///   aliases as plain text and never expands them (the reader expands them itself, within its
///   node budget): an expanded alias used as a key, or a long chain of aliases, would otherwise
///   cost Yams exponential time in hashing or a stack overflow when freeing the tree;
/// - the first character of a key given twice becomes another placeholder, so that Yams (which
///   refuses repeated keys) keeps both and the reader can report them with both lines.
///
/// Each change swaps one Unicode scalar for one other, so lines and columns stay the original's.
struct YAMLSource {
    /// What Yams reads.
    private(set) var text: String
    /// The scalar standing for `*` at the start of an alias, when the text may hold aliases.
    private(set) var aliasMark: Unicode.Scalar?
    /// Where the placeholders for `*` stand.
    private(set) var aliasPositions: Set<YAMLPosition> = []
    /// Keys whose first character was changed, with that character.
    private(set) var renamedKeys: [YAMLPosition: Unicode.Scalar] = [:]

    /// The original text, one Unicode scalar an element (built only when something must change).
    private var scalars: [Unicode.Scalar] = []
    /// Where each line starts in `scalars`.
    private var lineStarts: [Int] = []
    /// Private-use scalars that neither the text nor its escapes contain.
    private var unusedMarks: [Unicode.Scalar] = []

    init(_ text: String) {
        self.text = text
        if Self.mayHoldAlias(text) { hideAliases() }
    }

    // MARK: Aliases

    /// Whether an alias token may start somewhere: a `*` where a token can start, followed by a
    /// character libyaml allows in an anchor name. Every real alias passes; a `*` in quoted text
    /// may too, which only costs the slower path.
    private static func mayHoldAlias(_ text: String) -> Bool {
        var previous: UInt8 = UInt8(ascii: "\n")
        var star = false
        for byte in text.utf8 {
            if star, isAnchorCharacter(byte) { return true }
            star = byte == UInt8(ascii: "*") && mayPrecedeToken(previous)
            previous = byte
        }
        return false
    }

    /// A character after which libyaml may start a new token (the last bytes of NEL, LS and PS
    /// included).
    private static func mayPrecedeToken(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "["),
            UInt8(ascii: "{"), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ","), UInt8(ascii: ":"),
            UInt8(ascii: "?"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0x85, 0xA8, 0xA9:
            true
        default: false
        }
    }

    /// libyaml's anchor-name characters: ASCII letters, digits, `_` and `-`.
    static func isAnchorCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    private mutating func hideAliases() {
        index()
        guard let mark = takeMark() else { return }
        var previous: Unicode.Scalar = "\n"
        for offset in scalars.indices {
            let scalar = scalars[offset]
            if scalar == "*", offset + 1 < scalars.count, scalars[offset + 1].isASCII,
                Self.isAnchorCharacter(UInt8(scalars[offset + 1].value)),
                offset == 0 || Self.isBreak(previous)
                    || (previous.isASCII && Self.mayPrecedeToken(UInt8(previous.value)))
            {
                scalars[offset] = mark
                aliasPositions.insert(position(of: offset))
            }
            previous = scalar
        }
        aliasMark = mark
        text = String(String.UnicodeScalarView(scalars))
    }

    /// The anchor (`&name`) written at `position`, after a tag if one comes first.
    func anchor(at position: YAMLPosition) -> String? {
        guard aliasMark != nil, let start = offset(of: position) else { return nil }
        var offset = start
        if scalars[offset] == "!" { offset = skipToken(from: offset) }
        guard offset < scalars.count, scalars[offset] == "&" else { return nil }
        let name = scalars[(offset + 1)...].prefix { $0.isASCII && Self.isAnchorCharacter(UInt8($0.value)) }
        return name.isEmpty ? nil : String(String.UnicodeScalarView(name))
    }

    /// The offset after the token at `offset` and the blanks that follow it.
    private func skipToken(from offset: Int) -> Int {
        var offset = offset
        while offset < scalars.count, !Self.isBlank(scalars[offset]), !Self.isBreak(scalars[offset]) { offset += 1 }
        while offset < scalars.count, Self.isBlank(scalars[offset]) { offset += 1 }
        return offset
    }

    // MARK: Repeated keys

    /// Changes the first character of the key at `position` (past its anchor or tag and an
    /// opening quote) when it is `first`, so that Yams sees a key of its own there. `false` when
    /// that cannot be done.
    mutating func renameKey(at position: YAMLPosition, startingWith first: Unicode.Scalar?) -> Bool {
        index()
        guard var offset = offset(of: position) else { return false }
        while offset < scalars.count, scalars[offset] == "&" || scalars[offset] == "!" { offset = skipToken(from: offset) }
        guard offset < scalars.count else { return false }
        if scalars[offset] == "\"" || scalars[offset] == "'" { offset += 1 }
        guard offset < scalars.count, scalars[offset] == first, renamedKeys[position] == nil, let mark = takeMark() else {
            return false
        }
        renamedKeys[position] = scalars[offset]
        scalars[offset] = mark
        text = String(String.UnicodeScalarView(scalars))
        return true
    }

    /// A scalar's text as the original file has it: the key's first character restored when it
    /// was renamed, and every `*` placeholder turned back into `*`.
    func restored(_ text: String, at position: YAMLPosition) -> String {
        var scalars = text.unicodeScalars
        if let first = renamedKeys[position], !scalars.isEmpty {
            scalars.replaceSubrange(scalars.startIndex...scalars.startIndex, with: [first])
        }
        if let aliasMark, scalars.contains(aliasMark) {
            return String(String.UnicodeScalarView(scalars.map { $0 == aliasMark ? "*" : $0 }))
        }
        return String(scalars)
    }

    // MARK: Positions

    /// Builds `scalars` and `lineStarts` with libyaml's rules: `\r\n`, `\r`, `\n`, NEL, LS and PS
    /// end lines; columns count Unicode scalars.
    private mutating func index() {
        guard scalars.isEmpty else { return }
        scalars = Array(text.unicodeScalars)
        var start = 0
        lineStarts = [start]
        while start < scalars.count {
            let scalar = scalars[start]
            start += 1
            if scalar == "\r", start < scalars.count, scalars[start] == "\n" { start += 1 }
            if Self.isBreak(scalar) { lineStarts.append(start) }
        }
        var used = Set<UInt32>()
        for (offset, scalar) in scalars.enumerated() {
            if (0xE000...0xF8FF).contains(scalar.value) { used.insert(scalar.value) }
            // A quoted scalar's `\uE000` escape yields one without writing it.
            if scalar == "\\", offset + 1 < scalars.count, scalars[offset + 1] == "u" || scalars[offset + 1] == "U" {
                let digits = scalars[(offset + 2)...].prefix(scalars[offset + 1] == "u" ? 4 : 8)
                if let value = UInt32(String(String.UnicodeScalarView(digits)), radix: 16) { used.insert(value) }
            }
        }
        unusedMarks = (0xE000...0xF8FF).lazy.filter { !used.contains($0) }.prefix(YAMLReader.maximumRepeatedKeys + 1)
            .compactMap(Unicode.Scalar.init)
        unusedMarks.reverse()
    }

    private mutating func takeMark() -> Unicode.Scalar? {
        unusedMarks.popLast()
    }

    private func offset(of position: YAMLPosition) -> Int? {
        guard position.line >= 1, position.line <= lineStarts.count, position.column >= 1 else { return nil }
        let offset = lineStarts[position.line - 1] + position.column - 1
        return offset < scalars.count ? offset : nil
    }

    private func position(of offset: Int) -> YAMLPosition {
        // The last line starting at or before `offset`.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return YAMLPosition(line: low + 1, column: offset - lineStarts[low] + 1)
    }

    private static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t"
    }
}
