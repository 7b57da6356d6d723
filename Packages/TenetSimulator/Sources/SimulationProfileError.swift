import TenetYAML

/// A simulation profile that cannot be used: where (file, line, column), which key, and why.
///
/// Printed `FILE:LINE:COLUMN: error: `phone.talk.log_sd`: -1 is outside 0.0…5.0`; a problem
/// that has no single place (an unreadable file) prints `FILE: error: …`. When a file has
/// several problems, the error is the first by position and ``others`` lists the rest, so a
/// person can fix them all in one go.
public struct SimulationProfileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem: stable names for tools and tests.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Not YAML, or YAML Tenet refuses (too large, too deep).
        public static let syntax = Code(rawValue: "syntax")
        /// The file cannot be read.
        public static let unreadable = Code(rawValue: "unreadable")
        /// A key the profile does not know.
        public static let unknownKey = Code(rawValue: "unknown_key")
        /// A key given twice in one mapping.
        public static let duplicateKey = Code(rawValue: "duplicate_key")
        /// A required key is missing.
        public static let missingKey = Code(rawValue: "missing_key")
        /// A list where a single value belongs, and the like.
        public static let wrongType = Code(rawValue: "wrong_type")
        /// A value of the right kind that is not valid here (out of range, shares that do not add up).
        public static let invalidValue = Code(rawValue: "invalid_value")
        /// A scenario name that is not one of ``ScheduledScenario/names``.
        public static let unknownScenario = Code(rawValue: "unknown_scenario")
        /// The profile does not fit the philosophy (a team the philosophy does not have, a channel
        /// that no team with agents can take).
        public static let mismatch = Code(rawValue: "mismatch")
    }

    /// What kind of problem.
    public var code: Code
    /// The profile file as named by the caller (`<standard>` for the built-in profile), or empty
    /// when the problem is not in a file (a scenario named on the command line).
    public var file: String
    /// Where: 1-based line and column; `line == 0` when no place applies.
    public var position: YAMLPosition
    /// The key at fault, as a path (`arrivals.rates.chat`), or empty.
    public var field: String
    /// What is wrong and, where one can be given, what would be right.
    public var message: String
    /// The file's other problems, each printed as ``description`` prints this one.
    public var others: [String]

    /// Creates an error.
    public init(code: Code, file: String = "", position: YAMLPosition = .file, field: String = "", message: String, others: [String] = []) {
        self.code = code
        self.file = file
        self.position = position
        self.field = field
        self.message = message
        self.others = others
    }

    /// `FILE:LINE:COLUMN: error: message` (the place as far as it is known), then the other
    /// problems, one a line.
    public var description: String {
        ([Self.line(file: file, position: position, message: message)] + others).joined(separator: "\n")
    }

    static func line(file: String, position: YAMLPosition, message: String) -> String {
        let place: String
        if position.line > 0 {
            place = file.isEmpty ? "\(position): " : "\(file):\(position): "
        } else {
            place = file.isEmpty ? "" : "\(file): "
        }
        return "\(place)error: \(message)"
    }

    /// The error for a file's findings: the first error by position, the others after it;
    /// `nil` when none is an error.
    static func from(_ diagnostics: Diagnostics, file: String) -> SimulationProfileError? {
        let errors = diagnostics.sorted.filter { $0.severity == .error }
        guard let first = errors.first else { return nil }
        return SimulationProfileError(
            code: Code(rawValue: first.code.rawValue), file: file, position: first.position, field: first.field,
            message: first.message,
            others: errors.dropFirst().map { line(file: file, position: $0.position, message: $0.message) })
    }
}
