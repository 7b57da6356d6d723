/// Text that is not valid JSON, with the place and the reason.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem, for callers that react to one (``Code/tooDeep``) differently.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The text breaks the JSON grammar (a missing comma, a bad escape, a leading zero…).
        public static let syntax = Code(rawValue: "syntax")
        /// Arrays and objects nest deeper than the parser was allowed to go.
        public static let tooDeep = Code(rawValue: "too_deep")
        /// A number too large for a 64-bit floating-point value (`1e999`).
        public static let numberOutOfRange = Code(rawValue: "number_out_of_range")
        /// A string that is not valid UTF-8.
        public static let invalidUTF8 = Code(rawValue: "invalid_utf8")

        public var description: String { rawValue }
    }

    /// What kind of problem it is.
    public var code: Code
    /// The byte offset of the problem, from 0.
    public var offset: Int
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, in bytes.
    public var column: Int
    /// What is wrong, e.g. "expected ':' after an object key". A value it repeats is cut to
    /// ``Swift/String/excerpt``.
    public var reason: String

    /// Creates an error.
    public init(code: Code, offset: Int, line: Int, column: Int, reason: String) {
        self.code = code
        self.offset = offset
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String { "not valid JSON at line \(line), column \(column): \(reason)" }
}
