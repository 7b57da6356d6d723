/// A notification that could not be built, read, written or delivered: what failed, on what,
/// and why, in words a person can act on (`webhook team-chat: POST http://…: HTTP 403`).
public struct NotifyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure it is.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's text (`timeout`, `http_status`, …).
        public var rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A JSON document is not a notification (a field missing or of the wrong type).
        public static let invalidNotification = Code(rawValue: "invalid_notification")
        /// The receiver could not be reached (refused, reset, DNS, TLS).
        public static let connection = Code(rawValue: "connection")
        /// The receiver or the command did not finish within the notifier's timeout.
        public static let timeout = Code(rawValue: "timeout")
        /// The receiver answered with a status that is not 2xx.
        public static let httpStatus = Code(rawValue: "http_status")
        /// The notifier is set up wrongly (a bad URL, a missing secret).
        public static let configuration = Code(rawValue: "configuration")
        /// The command could not be started.
        public static let spawn = Code(rawValue: "spawn")
        /// The command exited with a status other than 0, or was killed by a signal.
        public static let exitStatus = Code(rawValue: "exit_status")
        /// A file could not be opened, written or synced.
        public static let file = Code(rawValue: "file")

        /// The code's text.
        public var description: String { rawValue }
    }

    /// What kind of failure it is.
    public var code: Code
    /// What failed and why.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message, prefixed by nothing: it already names the operation and its subject.
    public var description: String { message }
}
