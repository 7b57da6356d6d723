/// A checkpoint that could not be written or read back: what went wrong, and where.
///
/// A checkpoint that fails to load is never fatal: the metrics plugin logs the error and
/// measures again from the first stored event.
public struct CheckpointError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Reading or writing the file failed.
        public static let io = Code(rawValue: "io")
        /// The file ends before its last section.
        public static let truncated = Code(rawValue: "truncated")
        /// The bytes do not add up to their checksum: the file was damaged.
        public static let checksum = Code(rawValue: "checksum")
        /// The bytes are not a checkpoint of this format (a count too large, a tag out of place,
        /// a reference to nothing).
        public static let malformed = Code(rawValue: "malformed")
        /// A checkpoint of another format version, or of another philosophy, or of another store.
        public static let stale = Code(rawValue: "stale")

        public var description: String { rawValue }
    }

    /// What kind of failure.
    public var code: Code
    /// What failed and why.
    public var message: String

    /// A failure of kind `code`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "checkpoint \(code): \(message)" }
}
