/// How a mapped event field gets its text from a CSV row: one column (`ticket`), or a
/// template that joins several columns and fixed text (`"{vru_line}-{call_id}-{date}"`), so a
/// key that one column does not make unique can be built from the columns that do.
///
/// A mapping value without braces names one column. With braces it is a template: `{name}`
/// stands for the cell of the column `name` (a name without braces, matched exactly),
/// `{{` and `}}` for a literal brace, anything else for itself. A template names at least one
/// column. When any cell it names is empty, the field is left out, as for an empty cell: a
/// key with a part missing could merge distinct rows.
public struct CSVTemplate: Hashable, Sendable {
    /// One piece of a template.
    public enum Part: Hashable, Sendable {
        /// Fixed text.
        case text(String)
        /// The cell of this column.
        case column(String)
    }

    /// A template that cannot be read: the reason, and the 0-based offset in Unicode scalars
    /// of the text where it was found.
    public struct SyntaxError: Error, Hashable, Sendable {
        /// Where, in Unicode scalars from the start of the template.
        public var offset: Int
        /// What is wrong.
        public var reason: String
    }

    /// The pieces, in order.
    public var parts: [Part]

    /// A template of these parts.
    public init(parts: [Part]) {
        self.parts = parts
    }

    /// The value of the single column `name`.
    public static func column(_ name: String) -> CSVTemplate {
        CSVTemplate(parts: [.column(name)])
    }

    /// Reads a mapping value: a column name, or a template when it holds a brace.
    public init(parsing text: String) throws(SyntaxError) {
        guard text.contains(where: { $0 == "{" || $0 == "}" }) else {
            parts = [.column(text)]
            return
        }
        var parts: [Part] = []
        var literal = ""
        var name: String?
        var nameStart = 0
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if var open = name {
                switch scalar {
                case "}":
                    guard !open.isEmpty else { throw SyntaxError(offset: nameStart, reason: "`{}` names no column") }
                    parts.append(.column(open))
                    name = nil
                case "{":
                    throw SyntaxError(offset: index, reason: "`{` inside `{…}`: a column name in a template cannot hold braces")
                default:
                    open.unicodeScalars.append(scalar)
                    name = open
                }
            } else if scalar == "{" && next == "{" {
                literal.unicodeScalars.append("{")
                index += 1
            } else if scalar == "}" && next == "}" {
                literal.unicodeScalars.append("}")
                index += 1
            } else if scalar == "{" {
                if !literal.isEmpty { parts.append(.text(literal)) }
                literal = ""
                name = ""
                nameStart = index
            } else if scalar == "}" {
                throw SyntaxError(offset: index, reason: "a `}` that closes nothing (write `}}` for a brace)")
            } else {
                literal.unicodeScalars.append(scalar)
            }
            index += 1
        }
        if name != nil { throw SyntaxError(offset: nameStart, reason: "this `{` is never closed") }
        if !literal.isEmpty { parts.append(.text(literal)) }
        guard parts.contains(where: { if case .column = $0 { true } else { false } }) else {
            throw SyntaxError(offset: 0, reason: "the template names no `{column}` (use `constants` for fixed text)")
        }
        self.parts = parts
    }

    /// The columns it reads, in order.
    public var columns: [String] {
        parts.compactMap { part in
            if case .column(let name) = part { return name }
            return nil
        }
    }

    /// The text for a row whose cells `cell(column)` gives; `nil` when a cell it names is
    /// missing or empty.
    public func render(_ cell: (String) -> String?) -> String? {
        var text = ""
        for part in parts {
            switch part {
            case .text(let fixed): text += fixed
            case .column(let name):
                guard let value = cell(name), !value.isEmpty else { return nil }
                text += value
            }
        }
        return text
    }
}
