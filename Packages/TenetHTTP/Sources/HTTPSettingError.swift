import TenetPlugin

/// An HTTP plugin's setting that cannot be used: a listen address that is not `HOST:PORT`, or a
/// token file that cannot be written. The message names the setting, the value and the reason.
public struct HTTPSettingError: PluginConfigurationError, Hashable, Sendable, CustomStringConvertible {
    /// What kind of setting failed.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A listen address is not `HOST:PORT` with a port from 0 to 65535.
        public static let invalidAddress = Code(rawValue: "invalid_address")
        /// The generated token could not be written to its file.
        public static let tokenFile = Code(rawValue: "token_file")
        /// A setting has a value outside its allowed set.
        public static let invalidValue = Code(rawValue: "invalid_value")
    }

    /// What kind of setting failed.
    public var code: Code
    /// What is wrong, naming the setting.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
