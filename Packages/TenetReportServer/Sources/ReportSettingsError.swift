import TenetPlugin

/// An environment variable of the report plugin with a value it cannot take: the plugin exits
/// with 78, a configuration error.
///
/// Printed as `TENET_REPORT_AT: '25:00' is not a time of day HH:MM (00:00 to 23:59)`.
public struct ReportSettingsError: PluginConfigurationError, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem.
    public struct Code: RawRepresentable, Hashable, Sendable {
        /// The code as text.
        public var rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The value does not read as the variable's kind of value.
        public static let invalidValue = Code(rawValue: "invalid_value")
    }

    /// What kind of problem.
    public var code: Code
    /// The variable.
    public var variable: String
    /// Its value.
    public var value: String
    /// Why it does not do, and what would.
    public var reason: String

    /// Creates an error.
    public init(code: Code = .invalidValue, variable: String, value: String, reason: String) {
        self.code = code
        self.variable = variable
        self.value = value
        self.reason = reason
    }

    public var description: String { "\(variable): '\(value)' \(reason)" }
}
