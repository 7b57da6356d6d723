import TenetCalendar

/// Why an ``SLAClockBook`` could not be built or restored: which part, which value, and why.
public struct SLAError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A schedule the coverage names could not be compiled into a business calendar.
        public static let badSchedule = Code(rawValue: "bad_schedule")
        /// A coverage rule names a schedule the philosophy does not define.
        public static let unknownSchedule = Code(rawValue: "unknown_schedule")
        /// A snapshot does not hold together (a count, an index or a value out of range).
        public static let badSnapshot = Code(rawValue: "bad_snapshot")

        public var description: String { rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// A sentence naming the field, the value and the reason.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
