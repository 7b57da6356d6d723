import TenetYAML

/// A simulation profile that cannot be used: where (file, line, column), which key, and why.
///
/// Printed `FILE:LINE:COLUMN: error: `phone.talk.log_sd`: -1 is outside 0.0…5.0`; a problem
/// that has no single place (an unreadable file) prints `FILE: error: …`. When a file has
/// several problems, the error is the first by position and ``others`` lists the rest, so a
/// person can fix them all in one go.
public struct SimulationProfileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem: the codes of every configuration reader (``Diagnostic/Code``:
    /// `syntax`, `unreadable`, `unknown_key`, `duplicate_key`, `missing_key`, `wrong_type`,
    /// `invalid_value`), and the simulator's own ``Diagnostic/Code/unknownScenario`` and
    /// ``Diagnostic/Code/mismatch``.
    public typealias Code = Diagnostic.Code

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
            code: first.code, file: file, position: first.position, field: first.field,
            message: first.message,
            others: errors.dropFirst().map { line(file: file, position: $0.position, message: $0.message) })
    }
}

extension Diagnostic.Code {
    /// A scenario name that is not one of ``ScheduledScenario/names``.
    public static let unknownScenario = Diagnostic.Code(rawValue: "unknown_scenario")
    /// A simulation profile that does not fit itself or the philosophy (a team the philosophy
    /// does not have, a channel that no team with agents can take).
    public static let mismatch = Diagnostic.Code(rawValue: "mismatch")
}
