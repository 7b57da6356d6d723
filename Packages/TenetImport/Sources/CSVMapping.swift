import TenetModels
import TenetYAML

/// How the columns of a CSV file become event fields: a small YAML file.
///
/// ```yaml
/// type: conversation.opened        # every row has this type, or:
/// # type_column: kind              # the type is in this column
/// fields:                          # event field: column, or template of columns
///   id: "{ticket_id}-{line_no}"    # several columns make one key (see CSVTemplate)
///   at: created_at
///   conversation: ticket_id
///   team: group
///   attributes.segment: plan       # a dotted name goes inside an object
/// constants:                       # event field: fixed value
///   channel: email
/// time: rfc3339                    # how `at` is written: rfc3339 (default), unix, unix_ms
/// delimiter: ","                   # optional
/// ```
///
/// The first row of the file is its header: columns are found by name. Empty cells leave the
/// field out. `score` and `amount` become numbers, `public` a Boolean.
public struct CSVMapping: Hashable, Sendable {
    /// How `at` is written in the file.
    public enum TimeFormat: String, Hashable, Sendable, CaseIterable {
        case rfc3339
        case unix
        case unixMilliseconds = "unix_ms"
    }

    /// A fixed type for every row.
    public var type: String?
    /// The column holding each row's type.
    public var typeColumn: String?
    /// Event field (dotted for nested) → the column, or template of columns, that gives it.
    public var fields: [(field: String, template: CSVTemplate)] = []
    /// Event field → fixed value.
    public var constants: [(field: String, value: String)] = []
    /// How `at` is written.
    public var time = TimeFormat.rfc3339
    /// The field separator.
    public var delimiter: Character = ","

    public static func == (lhs: CSVMapping, rhs: CSVMapping) -> Bool {
        lhs.type == rhs.type && lhs.typeColumn == rhs.typeColumn && lhs.fields.map(\.field) == rhs.fields.map(\.field)
            && lhs.fields.map(\.template) == rhs.fields.map(\.template) && lhs.time == rhs.time && lhs.delimiter == rhs.delimiter
            && lhs.constants.map(\.field) == rhs.constants.map(\.field) && lhs.constants.map(\.value) == rhs.constants.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(typeColumn)
        hasher.combine(fields.map(\.template))
    }

    /// The keys of a mapping file.
    static let keys = ["type", "type_column", "fields", "constants", "time", "delimiter"]

    /// Reads a mapping file's text; `path` names it in errors, with the line and column of the
    /// entry at fault.
    public static func parse(_ text: String, path: String) throws(ImportError) -> CSVMapping {
        let parsed: YAMLNode?
        do {
            parsed = try YAMLReader.parse(text)
        } catch {
            throw ImportError(file: path, line: error.position.line, column: error.position.column, message: "not YAML: \(error.message)")
        }
        guard let root = parsed else { throw ImportError(file: path, line: 0, message: "the mapping is empty") }
        func failure(at position: YAMLPosition, _ message: String) -> ImportError {
            ImportError(file: path, line: position.line, column: position.column, message: message)
        }
        /// The entries of a mapping, none given twice.
        func entries(of node: YAMLNode, _ path: String) throws(ImportError) -> [YAMLEntry] {
            if let problem = node.keyProblems(allowed: nil).first, case .repeated(let first) = problem.kind {
                throw failure(
                    at: problem.entry.keyPosition, "\(path)'\(problem.entry.key.excerpt)' is given twice (first at line \(first.line)); keep one")
            }
            return node.entries ?? []
        }
        /// A single value's text.
        func single(_ node: YAMLNode, _ key: String) throws(ImportError) -> String {
            guard let scalar = node.scalar, !scalar.isNull else { throw failure(at: node.position, "\(key): give a single value") }
            return scalar.text
        }
        guard root.entries != nil else { throw failure(at: root.position, "the mapping must be `key: value` lines") }
        var mapping = CSVMapping()
        for entry in try entries(of: root, "") {
            let value = entry.value
            switch entry.key {
            case "type": mapping.type = try single(value, entry.key)
            case "type_column": mapping.typeColumn = try single(value, entry.key)
            case "time":
                guard let format = TimeFormat(rawValue: value.scalar?.text ?? "") else {
                    throw failure(at: value.position, "time: '\((value.scalar?.text ?? "").excerpt)' is not one of rfc3339, unix, unix_ms")
                }
                mapping.time = format
            case "delimiter":
                guard let text = value.scalar?.text, text.count == 1 || text == "\\t" else {
                    throw failure(at: value.position, "delimiter: give one character (or \\t)")
                }
                mapping.delimiter = text == "\\t" ? "\t" : Character(text)
            case "fields", "constants":
                guard value.entries != nil else {
                    throw failure(at: value.position, "\(entry.key): expected `event_field: \(entry.key == "fields" ? "column" : "value")` lines")
                }
                for item in try entries(of: value, "\(entry.key): ") {
                    guard let target = item.value.scalar?.text else {
                        throw failure(at: item.keyPosition, "\(entry.key): every entry needs a text value")
                    }
                    guard entry.key == "fields" else {
                        mapping.constants.append((item.key, target))
                        continue
                    }
                    do {
                        mapping.fields.append((item.key, try CSVTemplate(parsing: target)))
                    } catch {
                        // Point at the character: the value's column, past an opening quote.
                        let start = item.value.position
                        throw ImportError(
                            file: path, line: start.line,
                            column: start.column + (item.value.scalar?.isQuoted == true ? 1 : 0) + error.offset,
                            message: "fields: \(item.key): \(error.reason)")
                    }
                }
            default:
                throw failure(
                    at: entry.keyPosition, "unknown key '\(entry.key.excerpt)' (known: \(keys.joined(separator: ", ")))")
            }
        }
        guard mapping.fields.contains(where: { $0.field == "id" }) else {
            throw ImportError(file: path, line: 0, message: "fields: map `id` to a column: ids make imports safe to repeat")
        }
        guard mapping.type != nil || mapping.typeColumn != nil || mapping.constants.contains(where: { $0.field == "type" }) else {
            throw ImportError(file: path, line: 0, message: "give `type` (one type for every row) or `type_column`")
        }
        return mapping
    }
}

/// A mapping file or import input that cannot be used: the file, the place and the reason.
///
/// Printed `FILE:LINE:COLUMN: message`, or `FILE:LINE: message` or `FILE: message` when no
/// column or line applies.
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file at fault, as the user named it.
    public var file: String
    /// The 1-based line, or 0 when the whole file is at fault.
    public var line: Int
    /// The 1-based column, in Unicode scalars, or 0 when no column applies.
    public var column: Int
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int, column: Int = 0, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        guard line > 0 else { return "\(file): \(message)" }
        return column > 0 ? "\(file):\(line):\(column): \(message)" : "\(file):\(line): \(message)"
    }
}
