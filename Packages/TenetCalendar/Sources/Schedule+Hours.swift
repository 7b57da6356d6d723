extension Schedule {
    /// The version in force on `date`: the one with the latest effective date not after `date`
    /// (a version without an effective date counts as the earliest). `nil` when every version
    /// takes effect after `date`: the schedule has no hours yet and is closed.
    public func version(on date: LocalDate) -> ScheduleVersion? {
        var chosen: ScheduleVersion?
        for version in versions where version.effective.map({ $0 <= date }) ?? true {
            if let current = chosen?.effective, version.effective.map({ $0 < current }) ?? true { continue }
            chosen = version
        }
        return chosen
    }

    /// The first holiday that falls on `date`, if any.
    public func holiday(on date: LocalDate) -> Holiday? {
        holidays.first { $0.falls(on: date) }
    }

    /// The override of `date`, if any.
    public func override(on date: LocalDate) -> DateOverride? {
        overrides.first { $0.date == date }
    }

    /// The open intervals that start on `date`, by precedence: the date's override if it has
    /// one; else none on a holiday; else the weekly hours for its weekday of the version in
    /// force on that date (none before the first version takes effect). An overnight interval
    /// is listed on the day it starts.
    public func hours(on date: LocalDate) -> [DailyInterval] {
        if let override = override(on: date) { return override.intervals }
        if holiday(on: date) != nil { return [] }
        return version(on: date)?.weekly[date.weekday] ?? []
    }
}
