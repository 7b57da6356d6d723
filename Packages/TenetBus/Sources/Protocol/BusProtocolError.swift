/// A message that does not follow the wire protocol, or a request that got no good answer.
public struct BusProtocolError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The message does not have the three frames `[topic, header, body]`.
        public static let wrongFrameCount = Code(rawValue: "wrong_frame_count")
        /// The topic frame is not UTF-8.
        public static let badTopic = Code(rawValue: "bad_topic")
        /// The header frame is not a JSON object with the required fields.
        public static let badHeader = Code(rawValue: "bad_header")
        /// The header's `version` is newer than this build understands.
        public static let unsupportedVersion = Code(rawValue: "unsupported_version")
        /// The body is not the JSON the message type calls for.
        public static let badBody = Code(rawValue: "bad_body")
        /// No reply arrived in time.
        public static let timedOut = Code(rawValue: "timed_out")
        /// The peer answered with an error reply (see ``BusProtocolError/remote``).
        public static let remoteError = Code(rawValue: "remote_error")
        /// The ZeroMQ layer failed (see the message for the operation and errno).
        public static let transport = Code(rawValue: "transport")

        public var description: String { rawValue }
    }

    /// What kind of failure.
    public var code: Code
    /// What went wrong, naming the field or value at fault.
    public var message: String
    /// With ``Code/remoteError``: the error body the peer sent.
    public var remote: BusErrorBody?

    /// Creates an error.
    public init(code: Code, message: String, remote: BusErrorBody? = nil) {
        self.code = code
        self.message = message
        self.remote = remote
    }

    /// Wraps a ZeroMQ failure.
    public init(_ error: ZMQError) {
        self.init(code: .transport, message: error.description)
    }

    public var description: String { "\(code): \(message)" }
}

/// The body of an error reply: a stable machine-readable code and a sentence for people.
public struct BusErrorBody: Codable, Hashable, Sendable, Error, CustomStringConvertible {
    /// A stable code such as `unknown_method`, `bad_request`, `unknown_plugin`.
    public var code: BusErrorCode
    /// What went wrong, naming the field, the value and the reason.
    public var message: String

    /// Creates an error body.
    public init(code: BusErrorCode, message: String) {
        self.code = code
        self.message = message
    }

    /// The method is not one this endpoint answers.
    public static func unknownMethod(_ method: String) -> BusErrorBody {
        BusErrorBody(code: .unknownMethod, message: "no method named '\(method)' on this endpoint")
    }

    /// The request body could not be read.
    public static func badRequest(_ message: String) -> BusErrorBody {
        BusErrorBody(code: .badRequest, message: message)
    }

    public var description: String { "\(code): \(message)" }
}
