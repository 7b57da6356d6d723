import TenetBus

/// Why an ``IngestSender`` stopped: ingest refused a batch for good, a batch could not be
/// delivered within the retry window, or the socket failed.
///
/// Printed as `ingest refused the batch from line 1001: invalid_request: …`.
public struct IngestSenderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Ingest answered with an error that a retry cannot cure.
        public static let refused = Code(rawValue: "refused")
        /// A batch was still not acknowledged when its retry window ended.
        public static let gaveUp = Code(rawValue: "gave_up")
        /// The request socket failed.
        public static let transport = Code(rawValue: "transport")
    }

    /// What went wrong.
    public var code: Code
    /// The first line of the batch concerned, when there is one.
    public var firstLine: Int?
    /// What happened, in a sentence.
    public var message: String

    /// Creates an error.
    public init(code: Code, firstLine: Int?, message: String) {
        self.code = code
        self.firstLine = firstLine
        self.message = message
    }

    public var description: String { message }
}
