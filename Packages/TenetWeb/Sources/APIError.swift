import Hummingbird
import TenetHTTP

/// An answer of the web API that is not a success: an HTTP status, a stable code and a message
/// naming the parameter, the value and the reason. Its body is `{"error":{"code":…,"message":…}}`.
public struct APIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable error code, as sent in the body.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// 401: the bearer token is missing or wrong.
        public static let unauthorized = Code(rawValue: "unauthorized")
        /// 404: no such route, or no such conversation.
        public static let notFound = Code(rawValue: "not_found")
        /// 404: the metric is neither built in nor a custom metric of the philosophy in force.
        public static let unknownMetric = Code(rawValue: "unknown_metric")
        /// 405: the route exists with other methods.
        public static let methodNotAllowed = Code(rawValue: "method_not_allowed")
        /// 400: a query parameter is unknown, repeated or has a wrong value.
        public static let badParameter = Code(rawValue: "bad_parameter")
        /// 400: the plugin asked refused the request as given (its message says why).
        public static let badRequest = Code(rawValue: "bad_request")
        /// 400: the body holds no events.
        public static let empty = Code(rawValue: "empty")
        /// 413: the body is over the limit.
        public static let tooLarge = Code(rawValue: "too_large")
        /// 408: the body did not arrive in time.
        public static let timedOut = Code(rawValue: "timed_out")
        /// 503: the plugin asked did not answer, or the web plugin is stopping: retry.
        public static let unavailable = Code(rawValue: "unavailable")
        /// 502: the plugin asked failed, or answered something unreadable: a defect, do not retry.
        public static let upstreamError = Code(rawValue: "upstream_error")
    }

    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// The code.
    public var code: Code
    /// What went wrong.
    public var message: String

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, _ code: Code, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// A 400 naming a query parameter.
    public static func parameter(_ name: String, _ reason: String) -> APIError {
        APIError(.badRequest, .badParameter, "query parameter '\(name)': \(reason)")
    }

    /// The body `{"error":{"code":…,"message":…}}`.
    public var body: [UInt8] { JSONResponse.errorBody(code: code.rawValue, message: message) }

    /// The answer; connections whose body was not read to the end are closed after it.
    public var response: Response {
        var response = JSONResponse.json(status, body)
        if [.contentTooLarge, .requestTimeout].contains(status) { response.headers[.connection] = "close" }
        return response
    }

    public var description: String { "\(status.code) \(code.rawValue): \(message)" }
}
