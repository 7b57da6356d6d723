/// A schedule that cannot be compiled into a ``BusinessCalendar``: an unknown time zone,
/// overlapping intervals within a day, versions out of order, two overrides for one date.
///
/// The message names the schedule, the day or version and the values at fault, so that
/// `tenet check` can show it as it is:
/// `schedule support, weekly hours from 2026-07-01, mon: 09:00-13:00 overlaps 12:00-17:00`.
public struct CalendarError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of mistake.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's name.
        public var rawValue: String
        /// A code named `rawValue`.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The zone is not an IANA time zone known to the system (`Europe/Berlln`).
        public static let unknownZone = Code(rawValue: "unknown_zone")
        /// Two intervals of one day (weekly hours or an override) overlap.
        public static let overlappingIntervals = Code(rawValue: "overlapping_intervals")
        /// The versions are not in strictly increasing order of their effective dates, or a
        /// version other than the first has no effective date.
        public static let unorderedVersions = Code(rawValue: "unordered_versions")
        /// Two overrides name the same date.
        public static let duplicateOverride = Code(rawValue: "duplicate_override")
        /// A yearly holiday names a month or day that no year has (`02-30`, `13-01`).
        public static let impossibleHoliday = Code(rawValue: "impossible_holiday")

        public var description: String { rawValue }
    }

    /// What kind of mistake.
    public var code: Code
    /// The schedule's name.
    public var schedule: String
    /// What is wrong, naming the day or version and the values.
    public var message: String

    /// An error of kind `code` in the schedule named `schedule`.
    public init(code: Code, schedule: String, message: String) {
        self.code = code
        self.schedule = schedule
        self.message = message
    }

    /// `schedule NAME: message`.
    public var description: String { "schedule \(schedule): \(message)" }
}
