import TenetModels
import Yams

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

    /// Reads a mapping file's text; `path` names it in errors, with the line and column of the
    /// entry at fault.
    public static func parse(_ text: String, path: String) throws(ImportError) -> CSVMapping {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw ImportError(file: path, line: 0, message: "the mapping is empty") }
            root = node
        } catch let error as ImportError {
            throw error
        } catch {
            throw ImportError(file: path, line: 0, message: "not YAML: \(error)")
        }
        func failure(at node: Node, _ message: String) -> ImportError {
            ImportError(file: path, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, message: message)
        }
        guard case .mapping(let top) = root else { throw failure(at: root, "the mapping must be `key: value` lines") }
        var mapping = CSVMapping()
        for (keyNode, value) in top {
            let key = keyNode.string ?? ""
            switch key {
            case "type": mapping.type = value.string
            case "type_column": mapping.typeColumn = value.string
            case "time":
                guard let format = value.string.flatMap(TimeFormat.init(rawValue:)) else {
                    throw failure(at: value, "time: '\((value.string ?? "").excerpt)' is not one of rfc3339, unix, unix_ms")
                }
                mapping.time = format
            case "delimiter":
                guard let text = value.string, text.count == 1 || text == "\\t" else {
                    throw failure(at: value, "delimiter: give one character (or \\t)")
                }
                mapping.delimiter = text == "\\t" ? "\t" : Character(text)
            case "fields", "constants":
                guard case .mapping(let entries) = value else {
                    throw failure(at: value, "\(key): expected `event_field: \(key == "fields" ? "column" : "value")` lines")
                }
                for (fieldNode, target) in entries {
                    guard let field = fieldNode.string, let text = target.string else {
                        throw failure(at: fieldNode, "\(key): every entry needs a text value")
                    }
                    guard key == "fields" else {
                        mapping.constants.append((field, text))
                        continue
                    }
                    do {
                        mapping.fields.append((field, try CSVTemplate(parsing: text)))
                    } catch {
                        // Point at the character: the value's column, past an opening quote.
                        let quoted = target.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
                        throw ImportError(
                            file: path, line: target.mark?.line ?? 0,
                            column: (target.mark?.column ?? 1) + (quoted ? 1 : 0) + error.offset,
                            message: "fields: \(field): \(error.reason)")
                    }
                }
            default:
                throw failure(at: keyNode, "unknown key '\(key.excerpt)' (known: type, type_column, fields, constants, time, delimiter)")
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
