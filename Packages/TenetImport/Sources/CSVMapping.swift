import TenetModels
import Yams

/// How the columns of a CSV file become event fields: a small YAML file.
///
/// ```yaml
/// type: conversation.opened        # every row has this type, or:
/// # type_column: kind              # the type is in this column
/// fields:                          # event field: column
///   id: ticket_id
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
    /// Event field (dotted for nested) → column name.
    public var fields: [(field: String, column: String)] = []
    /// Event field → fixed value.
    public var constants: [(field: String, value: String)] = []
    /// How `at` is written.
    public var time = TimeFormat.rfc3339
    /// The field separator.
    public var delimiter: Character = ","

    public static func == (lhs: CSVMapping, rhs: CSVMapping) -> Bool {
        lhs.type == rhs.type && lhs.typeColumn == rhs.typeColumn && lhs.fields.map(\.field) == rhs.fields.map(\.field)
            && lhs.fields.map(\.column) == rhs.fields.map(\.column) && lhs.time == rhs.time && lhs.delimiter == rhs.delimiter
            && lhs.constants.map(\.field) == rhs.constants.map(\.field) && lhs.constants.map(\.value) == rhs.constants.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(typeColumn)
        hasher.combine(fields.map(\.column))
    }

    /// Reads a mapping file's text; `path` names it in errors.
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
        guard case .mapping(let top) = root else { throw ImportError(file: path, line: 1, message: "the mapping must be `key: value` lines") }
        var mapping = CSVMapping()
        for (keyNode, value) in top {
            let key = keyNode.string ?? ""
            let line = keyNode.mark?.line ?? 0
            switch key {
            case "type": mapping.type = value.string
            case "type_column": mapping.typeColumn = value.string
            case "time":
                guard let format = value.string.flatMap(TimeFormat.init(rawValue:)) else {
                    throw ImportError(file: path, line: line, message: "time: '\(value.string ?? "")' is not one of rfc3339, unix, unix_ms")
                }
                mapping.time = format
            case "delimiter":
                guard let text = value.string, text.count == 1 || text == "\\t" else {
                    throw ImportError(file: path, line: line, message: "delimiter: give one character (or \\t)")
                }
                mapping.delimiter = text == "\\t" ? "\t" : Character(text)
            case "fields", "constants":
                guard case .mapping(let entries) = value else {
                    throw ImportError(file: path, line: line, message: "\(key): expected `event_field: \(key == "fields" ? "column" : "value")` lines")
                }
                for (fieldNode, target) in entries {
                    guard let field = fieldNode.string, let text = target.string else {
                        throw ImportError(file: path, line: fieldNode.mark?.line ?? line, message: "\(key): every entry needs a text value")
                    }
                    if key == "fields" { mapping.fields.append((field, text)) } else { mapping.constants.append((field, text)) }
                }
            default:
                throw ImportError(file: path, line: line, message: "unknown key '\(key)' (known: type, type_column, fields, constants, time, delimiter)")
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

/// A mapping file or import input that cannot be used.
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}
