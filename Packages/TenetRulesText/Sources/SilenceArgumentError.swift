/// Why the arguments of `tenet silence add` do not make a silence. The command refuses them
/// before it asks the rules plugin anything (exit 64).
public struct SilenceArgumentError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code as text.
        public var rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Neither a rule nor a label: the silence would match everything.
        public static let nothingMatched = Code(rawValue: "nothing_matched")
        /// A rule name that is empty.
        public static let emptyRule = Code(rawValue: "empty_rule")
        /// A `--label` that is not `KEY=VALUE` with both parts.
        public static let badLabel = Code(rawValue: "bad_label")
        /// The same label given twice with different values.
        public static let conflictingLabel = Code(rawValue: "conflicting_label")
        /// Neither `--for` nor `--until`.
        public static let noEnd = Code(rawValue: "no_end")
        /// Both `--for` and `--until`.
        public static let twoEnds = Code(rawValue: "two_ends")
        /// A `--for` that is not a duration, or is longer than 100 years.
        public static let badDuration = Code(rawValue: "bad_duration")
        /// A `--for` of zero or less.
        public static let nonPositiveDuration = Code(rawValue: "non_positive_duration")
        /// An `--until` that is not an RFC 3339 instant.
        public static let badInstant = Code(rawValue: "bad_instant")
        /// An `--until` that is not after now.
        public static let endNotAfterNow = Code(rawValue: "end_not_after_now")

        /// The raw value.
        public var description: String { rawValue }
    }

    /// What kind of problem.
    public var code: Code
    /// The option at fault (`--label`, `--for`), or the options together.
    public var field: String
    /// The value given (empty when the problem is a value missing).
    public var value: String
    /// What is wrong and what to write instead.
    public var reason: String

    /// Creates an error.
    public init(_ code: Code, field: String, value: String = "", reason: String) {
        self.code = code
        self.field = field
        self.value = value
        self.reason = reason
    }

    /// `--label team: write KEY=VALUE, such as team=support`.
    public var description: String {
        value.isEmpty ? "\(field): \(reason)" : "\(field) \(value): \(reason)"
    }
}
