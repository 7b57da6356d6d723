/// Coverage: when a team or channel is open for business, in one time zone.
///
/// A schedule has weekly hours that may change over time (``versions``, each from its date),
/// holidays on which it is closed, and overrides that replace one date's hours (a special
/// opening, or an extra closing). Precedence on a date: an override, else a holiday (closed),
/// else the weekly hours of the version in force on that date.
public struct Schedule: Hashable, Sendable {
    /// The schedule's name, as the philosophy file gives it.
    public var name: String
    /// The IANA time zone the hours are written in (`Europe/Berlin`).
    public var zone: String
    /// Weekly hours, oldest first; each applies from its ``ScheduleVersion/effective`` date (the
    /// first may have none: it applies to every earlier date as well).
    public var versions: [ScheduleVersion]
    /// Dates on which the schedule is closed.
    public var holidays: [Holiday]
    /// Dates whose hours replace the weekly hours (and win over holidays).
    public var overrides: [DateOverride]

    /// Creates a schedule.
    public init(
        name: String, zone: String, versions: [ScheduleVersion], holidays: [Holiday] = [], overrides: [DateOverride] = []
    ) {
        self.name = name
        self.zone = zone
        self.versions = versions
        self.holidays = holidays
        self.overrides = overrides
    }

    /// Open every minute of every day (24/7), in UTC: business time equals calendar time.
    public static let always = Schedule(
        name: "always", zone: "UTC",
        versions: [ScheduleVersion(effective: nil, weekly: WeeklyHours(every: [DailyInterval("00:00-24:00")!]))])
}

/// The weekly hours in force from a date on.
public struct ScheduleVersion: Hashable, Sendable {
    /// The first date (in the schedule's zone) these hours apply to; `nil` for "always before
    /// the next version".
    public var effective: LocalDate?
    /// The hours of each weekday.
    public var weekly: WeeklyHours

    /// Creates a version.
    public init(effective: LocalDate?, weekly: WeeklyHours) {
        self.effective = effective
        self.weekly = weekly
    }
}

/// Open intervals for each day of the week, sorted by start, not overlapping.
public struct WeeklyHours: Hashable, Sendable {
    /// Index 0 is Monday … 6 Sunday.
    private var days: [[DailyInterval]]

    /// Closed every day.
    public init() {
        days = Array(repeating: [], count: 7)
    }

    /// The same intervals every day.
    public init(every intervals: [DailyInterval]) {
        days = Array(repeating: intervals.sorted { $0.start < $1.start }, count: 7)
    }

    /// The intervals of `day`, sorted by start.
    public subscript(day: Weekday) -> [DailyInterval] {
        get { days[day.rawValue - 1] }
        set { days[day.rawValue - 1] = newValue.sorted { $0.start < $1.start } }
    }

    /// Open minutes in a week (overnight shifts counted whole, for the day they start on).
    public var minutesPerWeek: Int {
        days.joined().reduce(0) { $0 + $1.lengthInMinutes }
    }
}

/// A date on which a schedule is closed.
public struct Holiday: Hashable, Sendable {
    /// Which dates.
    public enum Rule: Hashable, Sendable {
        /// One date (several days are several holidays).
        case date(LocalDate)
        /// The same month and day every year from `from` (the first year) up to `until` (the
        /// last year, included) when given; February 29th only in leap years.
        case yearly(month: Int, day: Int, from: Int, until: Int?)
    }

    /// Which dates.
    public var rule: Rule
    /// A name for reports (`Christmas Day`), when known.
    public var name: String?

    /// Creates a holiday.
    public init(_ rule: Rule, name: String? = nil) {
        self.rule = rule
        self.name = name
    }

    /// Whether the holiday falls on `date`.
    public func falls(on date: LocalDate) -> Bool {
        switch rule {
        case .date(let day): day == date
        case .yearly(let month, let day, let from, let until):
            date.month == month && date.day == day && date.year >= from && (until.map { date.year <= $0 } ?? true)
        }
    }
}

/// One date's own hours, replacing the weekly hours and any holiday: a special opening, shorter
/// hours, or (with no intervals) a closing.
public struct DateOverride: Hashable, Sendable {
    /// The date, in the schedule's zone.
    public var date: LocalDate
    /// The hours of that date; empty means closed all day.
    public var intervals: [DailyInterval]

    /// Creates an override.
    public init(date: LocalDate, intervals: [DailyInterval]) {
        self.date = date
        self.intervals = intervals.sorted { $0.start < $1.start }
    }
}
