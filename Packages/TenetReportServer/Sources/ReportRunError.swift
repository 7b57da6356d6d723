import TenetBus

/// Why a report could not be written this time.
public struct ReportRunError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem.
    public struct Code: RawRepresentable, Hashable, Sendable {
        /// The code as text.
        public var rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The inputs are not ready: the metrics plugin is behind the store, or a plugin did not answer. Retried later.
        public static let notReady = Code(rawValue: "not_ready")
        /// A request names a period or a date that is not one.
        public static let badRequest = Code(rawValue: "bad_request")
        /// A file or a directory could not be written.
        public static let cannotWrite = Code(rawValue: "cannot_write")
        /// Nothing was stored before the period's end: the stack was not collecting yet, and the
        /// period has no report (rather than an empty one). Not retried.
        public static let beforeData = Code(rawValue: "before_data")
    }

    /// What kind of problem.
    public var code: Code
    /// A sentence saying what failed and why.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// The error reply for a `run` request.
    var errorBody: BusErrorBody {
        switch code {
        case .notReady: BusErrorBody(code: .notReady, message: message)
        case .badRequest, .beforeData: .badRequest(message)
        default: BusErrorBody(code: .reportFailed, message: message)
        }
    }
}
