/// An iCalendar holiday file that cannot be read: where (the 1-based line of the file; for a
/// folded property, the line it starts on) and what is wrong.
public struct ICalendarError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of mistake.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public var rawValue: String
        /// A code named `rawValue`.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A line that is not `NAME[;PARAM=VALUE…]:VALUE`, or content outside `BEGIN:VCALENDAR`.
        public static let syntax = Code(rawValue: "syntax")
        /// `BEGIN` and `END` do not match, or a component is never closed.
        public static let unterminated = Code(rawValue: "unterminated")
        /// A VEVENT without a DTSTART.
        public static let missingStart = Code(rawValue: "missing_start")
        /// A VEVENT with a start time: only all-day events can be holidays.
        public static let timedEvent = Code(rawValue: "timed_event")
        /// A date that is not `YYYYMMDD`, names no real day, or ends before it starts.
        public static let badDate = Code(rawValue: "bad_date")
        /// An RRULE (or another property) this reader does not turn into holidays, such as
        /// `FREQ=MONTHLY`, `BYDAY`, `EXDATE`.
        public static let unsupported = Code(rawValue: "unsupported")
        /// A property given twice in one event, or two that exclude each other (DTEND and
        /// DURATION, UNTIL and COUNT).
        public static let conflict = Code(rawValue: "conflict")

        public var description: String { rawValue }
    }

    /// What kind of mistake.
    public var code: Code
    /// The 1-based line of the file.
    public var line: Int
    /// What is wrong and, where it helps, what would be right.
    public var message: String

    /// An error of kind `code` at `line`.
    public init(code: Code, line: Int, message: String) {
        self.code = code
        self.line = line
        self.message = message
    }

    /// `line N: message`.
    public var description: String { "line \(line): \(message)" }
}
