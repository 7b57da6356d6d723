import TenetCalendar

/// The schedule the calendar benchmark measures: a support desk in Berlin whose hours change on
/// 2026-07-01 (a lunch break, a Saturday morning and a Friday-night shift), with Germany's
/// fixed public holidays every year, the movable ones of 2025-2027 as dates, and overrides.
enum BenchmarkSchedule {
    static func make() -> Schedule {
        func intervals(_ text: String) -> [DailyInterval] { text.split(separator: " ").map { DailyInterval($0)! } }
        func date(_ text: String) -> LocalDate { LocalDate(text)! }
        var before = WeeklyHours()
        for day in [Weekday.monday, .tuesday, .wednesday, .thursday, .friday] { before[day] = intervals("08:00-12:00 13:00-18:00") }
        before[.saturday] = intervals("10:00-14:00")
        var after = WeeklyHours()
        for day in [Weekday.monday, .tuesday, .wednesday, .thursday] { after[day] = intervals("07:00-12:30 13:00-19:00") }
        after[.friday] = intervals("07:00-12:30 13:00-19:00 22:00-02:00")
        after[.saturday] = intervals("09:00-15:00")
        let fixed = [(1, 1, "New Year's Day"), (5, 1, "Labour Day"), (10, 3, "German Unity Day"), (12, 25, "Christmas Day"), (12, 26, "St Stephen's Day")]
        let movable = [
            "2025-04-18", "2025-04-21", "2025-05-29", "2025-06-09", "2026-04-03", "2026-04-06", "2026-05-14", "2026-05-25",
            "2027-03-26", "2027-03-29", "2027-05-06", "2027-05-17",
        ]
        return Schedule(
            name: "support", zone: "Europe/Berlin",
            versions: [
                ScheduleVersion(effective: nil, weekly: before),
                ScheduleVersion(effective: date("2026-07-01"), weekly: after),
            ],
            holidays: fixed.map { Holiday(.yearly(month: $0.0, day: $0.1, from: 2000, until: nil), name: $0.2) }
                + movable.map { Holiday(.date(date($0))) },
            overrides: [
                DateOverride(date: date("2025-12-24"), intervals: intervals("08:00-12:00")),
                DateOverride(date: date("2026-12-24"), intervals: intervals("08:00-12:00")),
                DateOverride(date: date("2026-12-31"), intervals: []),
                DateOverride(date: date("2027-01-02"), intervals: intervals("10:00-14:00")),
            ])
    }

    /// In words, for BENCHMARKS.md.
    static let summary =
        "Europe/Berlin; until 2026-06-30 Mon-Fri 08:00-12:00 13:00-18:00 and Sat 10:00-14:00, from 2026-07-01 "
        + "Mon-Fri 07:00-12:30 13:00-19:00, Fri 22:00-02:00 overnight, Sat 09:00-15:00; 5 yearly holidays, "
        + "12 dated holidays, 4 overrides"
}
