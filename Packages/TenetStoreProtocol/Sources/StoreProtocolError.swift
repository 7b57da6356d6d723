/// A store request or reply body that does not have the documented shape.
public struct StoreProtocolError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The body is not the documented JSON shape.
        public static let badBody = Code(rawValue: "bad_body")
        public var description: String { rawValue }
    }

    /// What kind of problem.
    public var code: Code
    /// What is wrong, naming the field.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
