/// Splits CSV text (RFC 4180) into records: fields separated by a delimiter, optionally quoted
/// with `"`, a doubled `""` inside quotes standing for one quote, quoted fields spanning lines.
public struct CSVRecordReader {
    /// The field separator.
    public let delimiter: Character

    /// Creates a reader for `delimiter` (`,` by default; `\t` for tab-separated files).
    public init(delimiter: Character = ",") {
        self.delimiter = delimiter
    }

    /// The result of feeding one line.
    public enum Step: Equatable {
        /// A whole record.
        case record([String])
        /// The line ends inside a quoted field: feed the next line too.
        case needsMore
    }

    private var pending: String?

    /// Feeds one line of text (without its line break).
    public mutating func feed(_ line: String) -> Step {
        let text = pending.map { $0 + "\n" + line } ?? line
        var fields: [String] = []
        var field = ""
        var quoted = false
        var index = text.startIndex
        var fieldStarted = false
        while index < text.endIndex {
            let character = text[index]
            if quoted {
                if character == "\"" {
                    let next = text.index(after: index)
                    if next < text.endIndex && text[next] == "\"" {
                        field.append("\"")
                        index = next
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" && !fieldStarted {
                quoted = true
                fieldStarted = true
            } else if character == delimiter {
                fields.append(field)
                field = ""
                fieldStarted = false
            } else {
                field.append(character == "\r" && text.index(after: index) == text.endIndex ? "\u{0}" : character)
                if field.last == "\u{0}" { field.removeLast() }
                fieldStarted = true
            }
            index = text.index(after: index)
        }
        if quoted {
            pending = text
            return .needsMore
        }
        pending = nil
        fields.append(field)
        return .record(fields)
    }

    /// Whether a quoted field is still open (the file ended inside quotes if this is true at the end).
    public var isInsideQuotes: Bool { pending != nil }
}
