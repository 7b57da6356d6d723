/// A validated schedule reduced to integers for compiling: given a day number, the open
/// minute ranges that start on it (minutes from that day's midnight; an overnight interval
/// ends past 1440). Same precedence as ``Schedule/hours(on:)``: override, holiday, version.
struct DayResolver: Sendable {
    private struct Version: Sendable {
        /// The first day number it applies to (`Int.min` for the first version without a date).
        var effective: Int
        /// Minute ranges of each weekday, index 0 = Monday.
        var days: [[Range<Int>]]
    }

    private struct YearlyRule: Sendable {
        var month: Int
        var day: Int
        var from: Int
        var until: Int
    }

    private let versions: [Version]
    private let overrides: [Int: [Range<Int>]]
    private let holidayDays: Set<Int>
    private let yearly: [YearlyRule]

    /// Validates `schedule` (everything but its zone) and reduces it.
    init(_ schedule: Schedule) throws(CalendarError) {
        func fail(_ code: CalendarError.Code, _ message: String) -> CalendarError {
            CalendarError(code: code, schedule: schedule.name, message: message)
        }
        func ranges(_ intervals: [DailyInterval], _ place: String) throws(CalendarError) -> [Range<Int>] {
            let sorted = intervals.sorted { $0.start < $1.start }
            for (first, second) in zip(sorted, sorted.dropFirst()) where first.minuteRange.upperBound > second.minuteRange.lowerBound {
                throw fail(.overlappingIntervals, "\(place): \(first) overlaps \(second)")
            }
            return sorted.map(\.minuteRange)
        }

        var versions: [Version] = []
        var previous: LocalDate?
        for (index, version) in schedule.versions.enumerated() {
            let name: String
            if let effective = version.effective {
                if let previous, effective <= previous {
                    throw fail(
                        .unorderedVersions,
                        "weekly hours from \(effective) come after those from \(previous): list versions oldest first, one per date")
                }
                previous = effective
                name = "weekly hours from \(effective)"
            } else {
                guard index == 0 else {
                    throw fail(
                        .unorderedVersions,
                        "version \(index + 1) has no effective date: only the first version may omit it (it then covers every earlier date)")
                }
                name = "weekly hours"
            }
            var days: [[Range<Int>]] = []
            for weekday in Weekday.allCases {
                days.append(try ranges(version.weekly[weekday], "\(name), \(weekday)"))
            }
            versions.append(Version(effective: version.effective?.dayNumber ?? Int.min, days: days))
        }

        var overrides: [Int: [Range<Int>]] = [:]
        for override in schedule.overrides {
            let day = override.date.dayNumber
            guard overrides[day] == nil else {
                throw fail(.duplicateOverride, "two overrides for \(override.date): give one, with all of that date's intervals")
            }
            overrides[day] = try ranges(override.intervals, "override on \(override.date)")
        }

        var holidayDays: Set<Int> = []
        var yearly: [YearlyRule] = []
        for holiday in schedule.holidays {
            switch holiday.rule {
            case .date(let date):
                holidayDays.insert(date.dayNumber)
            case .yearly(let month, let day, let from, let until):
                guard (1...12).contains(month), (1...LocalDate.daysIn(month: month, year: 2000)).contains(day) else {
                    throw fail(.impossibleHoliday, "yearly holiday\(holiday.name.map { " \($0)" } ?? "") on month \(month), day \(day): no year has that date")
                }
                yearly.append(YearlyRule(month: month, day: day, from: from, until: until ?? Int.max))
            }
        }
        self.versions = versions
        self.overrides = overrides
        self.holidayDays = holidayDays
        self.yearly = yearly
    }

    /// The open minute ranges starting on day `day` (days since 1970-01-01), sorted.
    func minuteRanges(onDay day: Int) -> [Range<Int>] {
        if let override = overrides[day] { return override }
        if holidayDays.contains(day) { return [] }
        if !yearly.isEmpty {
            let date = LocalDate(dayNumber: day)
            if yearly.contains(where: { $0.month == date.month && $0.day == date.day && date.year >= $0.from && date.year <= $0.until }) {
                return []
            }
        }
        guard let version = versions.last(where: { $0.effective <= day }) else { return [] }
        return version.days[Weekday(dayNumber: day).rawValue - 1]
    }
}
