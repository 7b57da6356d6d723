/// One finding about a configuration file: an error that makes it unusable, or a warning about
/// something legal but suspicious. Printed `FILE:LINE:COLUMN: error: message`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious a finding is.
    public enum Severity: String, Hashable, Sendable, Codable {
        /// The file cannot be used.
        case error
        /// The file can be used, but probably does not say what its author meant.
        case warning
    }

    /// What kind of problem: stable names for tools and tests. Extensible: a reader may add its
    /// own codes.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Not YAML, or YAML Tenet refuses (too large, too deep).
        public static let syntax = Code(rawValue: "syntax")
        /// The file cannot be read.
        public static let unreadable = Code(rawValue: "unreadable")
        /// A key the reader does not know.
        public static let unknownKey = Code(rawValue: "unknown_key")
        /// A key given twice in one mapping.
        public static let duplicateKey = Code(rawValue: "duplicate_key")
        /// A required key is missing.
        public static let missingKey = Code(rawValue: "missing_key")
        /// A list where a single value belongs, and the like.
        public static let wrongType = Code(rawValue: "wrong_type")
        /// A value of the right kind that is not valid here.
        public static let invalidValue = Code(rawValue: "invalid_value")
        /// Two things with one name.
        public static let duplicateName = Code(rawValue: "duplicate_name")
        /// A name that refers to nothing defined.
        public static let unknownReference = Code(rawValue: "unknown_reference")
    }

    /// Error or warning.
    public var severity: Severity
    /// What kind of problem.
    public var code: Code
    /// Where (`YAMLPosition.file` for the whole file).
    public var position: YAMLPosition
    /// The field at fault, as a path (`values[0].metrics[1].target`), or empty.
    public var field: String
    /// What is wrong and, where one can be given, what would be right.
    public var message: String

    /// Creates a finding.
    public init(_ severity: Severity, _ code: Code, at position: YAMLPosition, field: String, message: String) {
        self.severity = severity
        self.code = code
        self.position = position
        self.field = field
        self.message = message
    }

    /// `LINE:COLUMN: error: message` (or `error: message` without a place).
    public var description: String {
        let place = position.line > 0 ? (position.column > 0 ? "\(position): " : "\(position.line): ") : ""
        return "\(place)\(severity.rawValue): \(message)"
    }

    /// The finding prefixed by the file: `FILE:LINE:COLUMN: error: message`.
    public func description(file: String) -> String {
        position.line > 0 ? "\(file):\(description)" : "\(file): \(description)"
    }
}

/// The findings gathered while reading one file, in the order found.
public struct Diagnostics: Hashable, Sendable {
    /// Every finding.
    public private(set) var all: [Diagnostic] = []

    /// Creates an empty list.
    public init() {}

    /// The errors.
    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    /// The warnings.
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }
    /// Whether any finding is an error.
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// Records an error.
    public mutating func error(_ code: Diagnostic.Code, at position: YAMLPosition, field: String, _ message: String) {
        all.append(Diagnostic(.error, code, at: position, field: field, message: message))
    }

    /// Records a warning.
    public mutating func warning(_ code: Diagnostic.Code, at position: YAMLPosition, field: String, _ message: String) {
        all.append(Diagnostic(.warning, code, at: position, field: field, message: message))
    }

    /// Records a finding.
    public mutating func append(_ diagnostic: Diagnostic) {
        all.append(diagnostic)
    }

    /// The findings sorted by position (file-wide ones first), errors before warnings at one place.
    public var sorted: [Diagnostic] {
        all.enumerated().sorted { lhs, rhs in
            if lhs.element.position != rhs.element.position { return lhs.element.position < rhs.element.position }
            if lhs.element.severity != rhs.element.severity { return lhs.element.severity == .error }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
