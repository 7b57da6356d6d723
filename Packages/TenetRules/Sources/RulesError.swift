/// A request the rules core cannot carry out: its code says which kind, its message names the
/// rule or field and the reason.
public struct RulesError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: RawRepresentable, Hashable, Sendable {
        /// The code as text (`unknown_rule`).
        public var rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// No alert rule has the name given.
        public static let unknownRule = Code(rawValue: "unknown_rule")
        /// The rule watches a target, not a metric series, so it takes no samples.
        public static let notAMetricRule = Code(rawValue: "not_a_metric_rule")
        /// A snapshot written by another version of the format.
        public static let unsupportedSnapshot = Code(rawValue: "unsupported_snapshot")
    }

    /// The kind of failure.
    public var code: Code
    /// What failed and why (`observe(rule: Slow): no alert rule is named `Slow``).
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
