/// A report file or directory that could not be written.
public struct ReportWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem.
    public struct Code: RawRepresentable, Hashable, Sendable {
        /// The code as text.
        public var rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A directory or a file could not be created or written.
        public static let cannotWrite = Code(rawValue: "cannot_write")
    }

    /// What kind of problem.
    public var code: Code
    /// The file or directory.
    public var path: String
    /// What failed.
    public var reason: String

    /// Creates an error.
    public init(code: Code, path: String, reason: String) {
        self.code = code
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
