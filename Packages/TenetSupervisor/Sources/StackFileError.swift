/// A stack file that cannot be used, with the place and the reason.
///
/// Printed as `stack.yaml:12:14: plugins[0].restart: 'sometimes' is not one of always,
/// on-failure, never`.
public struct StackFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The file could not be read.
        public static let unreadable = Code(rawValue: "unreadable")
        /// The file is not valid YAML.
        public static let syntax = Code(rawValue: "syntax")
        /// A key the stack file does not have (usually a typo).
        public static let unknownKey = Code(rawValue: "unknown_key")
        /// A key given twice in one mapping.
        public static let duplicateKey = Code(rawValue: "duplicate_key")
        /// A required key is missing.
        public static let missingKey = Code(rawValue: "missing_key")
        /// A value of the wrong kind or out of range.
        public static let invalidValue = Code(rawValue: "invalid_value")
        /// Two plugins share a name.
        public static let duplicateName = Code(rawValue: "duplicate_name")
    }

    /// What kind of problem.
    public var code: Code
    /// The file.
    public var file: String
    /// The 1-based line, or 0 if the problem has no place.
    public var line: Int
    /// The 1-based column, or 0.
    public var column: Int
    /// The field path, e.g. `plugins[0].restart`.
    public var field: String
    /// The reason, naming the value.
    public var message: String

    public var description: String {
        let place = line > 0 ? "\(file):\(line):\(column)" : file
        let subject = field.isEmpty ? "" : "\(field): "
        return "\(place): \(subject)\(message)"
    }
}
