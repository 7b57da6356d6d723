import TenetModels

@testable import TenetCalendar

/// Shorthands for the tests: instants from RFC 3339, hours as durations, schedules from text.
enum Fixture {
    /// The instant written in RFC 3339 (offsets as the zone has them that day).
    static func at(_ text: String) -> Timestamp {
        guard let instant = Timestamp(rfc3339: text) else { fatalError("bad RFC 3339 in a test: \(text)") }
        return instant
    }

    static func date(_ text: String) -> LocalDate {
        guard let date = LocalDate(text) else { fatalError("bad date in a test: \(text)") }
        return date
    }

    static func hours(_ value: Double) -> Duration { .seconds(value * 3600) }

    /// Intervals from `"09:00-12:00 13:00-17:00"`.
    static func intervals(_ text: String) -> [DailyInterval] {
        text.split(separator: " ").map { piece in
            guard let interval = DailyInterval(piece) else { fatalError("bad interval in a test: \(piece)") }
            return interval
        }
    }

    /// Weekly hours: the same intervals on each day named (`"mon tue wed thu fri"`).
    static func weekly(_ days: String, _ hours: String, base: WeeklyHours = WeeklyHours()) -> WeeklyHours {
        var weekly = base
        for name in days.split(separator: " ") { weekly[Weekday(name: name)!] = intervals(hours) }
        return weekly
    }

    static let weekdays = "mon tue wed thu fri"
    static let everyDay = "mon tue wed thu fri sat sun"

    /// A schedule with one version of weekly hours.
    static func schedule(
        _ zone: String, _ weekly: WeeklyHours, holidays: [Holiday] = [], overrides: [DateOverride] = []
    ) -> Schedule {
        Schedule(name: "test", zone: zone, versions: [ScheduleVersion(effective: nil, weekly: weekly)], holidays: holidays, overrides: overrides)
    }

    static func calendar(_ schedule: Schedule) -> BusinessCalendar {
        do { return try BusinessCalendar(schedule) } catch { fatalError("a test schedule does not compile: \(error)") }
    }
}
