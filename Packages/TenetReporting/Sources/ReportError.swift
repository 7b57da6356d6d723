/// Why a report could not be made.
public struct ReportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem.
    public struct Code: RawRepresentable, Hashable, Sendable {
        /// The code as text.
        public var rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A reply carried an instant that is not RFC 3339.
        public static let badInstant = Code(rawValue: "bad_instant")
        /// The report's period is not `day`, `week` or `month`.
        public static let badPeriod = Code(rawValue: "bad_period")
    }

    /// What kind of problem.
    public var code: Code
    /// The field that was wrong (`scorecard.at`, `period`).
    public var field: String
    /// Its value.
    public var value: String
    /// Why it does not do.
    public var reason: String

    /// Creates an error.
    public init(code: Code, field: String, value: String, reason: String) {
        self.code = code
        self.field = field
        self.value = value
        self.reason = reason
    }

    /// `scorecard.at = 'yesterday': not an RFC 3339 instant`.
    public var description: String { "\(field) = '\(value)': \(reason)" }
}
