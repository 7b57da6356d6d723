/// A failure of a benchmark program: bad arguments, a run whose work does not check out, or
/// results that cannot be read.
public struct BenchmarkError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure.
    public struct Code: RawRepresentable, Hashable, Sendable {
        /// The code's name.
        public var rawValue: String
        /// A code named `rawValue`.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The command line is wrong.
        public static let usage = Code(rawValue: "usage")
        /// A run did not do the work it was timed for (a count or a report does not match).
        public static let checkFailed = Code(rawValue: "check_failed")
        /// A program, a file or a system call failed.
        public static let failed = Code(rawValue: "failed")
        /// A results file does not hold measurements.
        public static let badResults = Code(rawValue: "bad_results")
        /// The tree being measured is not a committed tree.
        public static let dirtyTree = Code(rawValue: "dirty_tree")
    }

    /// What kind of failure.
    public var code: Code
    /// What failed, naming the value or file and the reason.
    public var message: String

    /// A failure of kind `code`.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
