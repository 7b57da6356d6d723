/// Why the supervisor could not start or had to stop.
public struct SupervisorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The data directory cannot be used.
        public static let dataDirectory = Code(rawValue: "data_directory")
        /// Another supervisor runs on the same data directory.
        public static let alreadyRunning = Code(rawValue: "already_running")
        /// A bus endpoint could not be bound or connected.
        public static let bus = Code(rawValue: "bus")
        /// Signal handling could not be set up.
        public static let signals = Code(rawValue: "signals")
        public var description: String { rawValue }
    }

    /// What kind of failure.
    public var code: Code
    /// What failed and why.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
