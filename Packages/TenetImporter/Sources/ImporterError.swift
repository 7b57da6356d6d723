/// Why a file could not be imported, or why the importer cannot run.
///
/// Printed as the reason in a file's report (`failed/NAME.report.json`) and in the log:
/// `tickets.xlsx: unknown_format: the importer reads .ndjson, .jsonl and .csv files`.
public struct ImporterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The file's name does not end with an extension the importer reads.
        public static let unknownFormat = Code(rawValue: "unknown_format")
        /// A CSV file for which no mapping file is found.
        public static let noMapping = Code(rawValue: "no_mapping")
        /// The mapping file cannot be read or is wrong.
        public static let badMapping = Code(rawValue: "bad_mapping")
        /// The file cannot be opened or read.
        public static let unreadable = Code(rawValue: "unreadable")
        /// Ingest refused a batch for good (a retry would get the same answer).
        public static let refused = Code(rawValue: "refused")
        /// Ingest could not be reached, or did not acknowledge within the retry window: the
        /// file stays in `processing/` and is tried again later.
        public static let unavailable = Code(rawValue: "unavailable")
        /// The importer was asked to stop before the file was done: it stays in `processing/`.
        public static let stopped = Code(rawValue: "stopped")
        /// A directory of the inbox cannot be made, listed, or a file cannot be moved.
        public static let directory = Code(rawValue: "directory")
    }

    /// What went wrong.
    public var code: Code
    /// The file concerned (its name in the inbox), or the directory.
    public var subject: String
    /// A sentence naming the value and the reason.
    public var message: String

    /// Creates an error.
    public init(code: Code, subject: String, message: String) {
        self.code = code
        self.subject = subject
        self.message = message
    }

    /// Whether the file should be tried again later rather than moved to `failed/`.
    public var isTransient: Bool { code == .unavailable || code == .stopped }

    public var description: String { "\(subject): \(code.rawValue): \(message)" }
}
