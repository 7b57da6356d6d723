import Testing
import TenetModels

@testable import TenetCalendar

/// Random schedules (weekly intervals with overnight shifts, holidays, overrides, a version
/// change, a zone from a list with odd offsets and daylight saving) and random instants: the
/// compiled calendar agrees with the day-by-day reference (``BusinessCalendar/dayByDayOpenIntervals(from:to:)``:
/// Foundation's offsets, no compiled spans), and deadlines invert durations.
@Suite struct DeadlinePropertyTests {
    static let zones = [
        "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "America/St_Johns", "UTC",
        "Pacific/Chatham", "Asia/Kathmandu", "America/Santiago", "Pacific/Apia",
    ]
    /// 2025-01-01 … 2028-01-01, seconds.
    static let firstSecond = 1_735_689_600, lastSecond = 1_830_297_600
    static let nanosecondsPerDay: Int64 = 86_400 * 1_000_000_000

    static func randomIntervals(_ random: inout SeededRandom, upTo count: Int) -> [DailyInterval] {
        let wanted = Int.random(in: 0...count, using: &random)
        // 2 × wanted distinct quarter hours in 0...96, paired in order; the last may run overnight.
        var points = Set<Int>()
        while points.count < wanted * 2 { points.insert(Int.random(in: 0...96, using: &random) * 15) }
        let sorted = points.sorted()
        var intervals: [DailyInterval] = []
        for pair in 0..<wanted {
            var end = sorted[2 * pair + 1]
            if pair == wanted - 1 && sorted[2 * pair] > 0 && Bool.random(using: &random) {
                end = Int.random(in: 0..<sorted[2 * pair], using: &random)  // overnight
            }
            if let interval = DailyInterval(start: LocalTime(minutes: sorted[2 * pair])!, end: LocalTime(minutes: end)!) {
                intervals.append(interval)
            }
        }
        return intervals
    }

    static func randomDate(_ random: inout SeededRandom) -> LocalDate {
        LocalDate(dayNumber: Int.random(in: (firstSecond / 86_400)...(lastSecond / 86_400), using: &random))
    }

    static func randomSchedule(_ random: inout SeededRandom) -> Schedule {
        func weekly() -> WeeklyHours {
            var hours = WeeklyHours()
            for day in Weekday.allCases { hours[day] = randomIntervals(&random, upTo: 3) }
            return hours
        }
        let versions = [
            ScheduleVersion(effective: nil, weekly: weekly()),
            ScheduleVersion(effective: randomDate(&random), weekly: weekly()),
        ]
        var holidays: [Holiday] = []
        for _ in 0..<Int.random(in: 0...12, using: &random) { holidays.append(Holiday(.date(randomDate(&random)))) }
        let yearly = randomDate(&random)
        holidays.append(Holiday(.yearly(month: yearly.month, day: yearly.day, from: 2025, until: Bool.random(using: &random) ? 2026 : nil)))
        var overrides: [Int: DateOverride] = [:]
        for _ in 0..<Int.random(in: 0...8, using: &random) {
            let date = randomDate(&random)
            overrides[date.dayNumber] = DateOverride(date: date, intervals: randomIntervals(&random, upTo: 2))
        }
        return Schedule(
            name: "random", zone: zones.randomElement(using: &random)!, versions: versions, holidays: holidays,
            overrides: overrides.keys.sorted().map { overrides[$0]! })
    }

    @Test(arguments: 0..<40) func compiledCalendarMatchesTheDayByDayReferenceAndDeadlinesInvertDurations(seed: UInt64) throws {
        var random = SeededRandom(seed: 0xCA1E_0000 + seed)
        let schedule = Self.randomSchedule(&random)
        let calendar = try BusinessCalendar(schedule)
        var failures: [String] = []
        for _ in 0..<25 {
            let a = Int64(Int.random(in: Self.firstSecond...Self.lastSecond, using: &random)) * 1_000_000_000
                + Int64.random(in: 0..<1_000_000_000, using: &random)
            let b = a + Int64.random(in: 0...(30 * Self.nanosecondsPerDay), using: &random)
            let from = Timestamp(nanosecondsSinceEpoch: a), to = Timestamp(nanosecondsSinceEpoch: b)
            let context = "\(schedule.zone) seed \(seed) from \(from) to \(to)"

            // The same open intervals and total as the reference.
            let expected = calendar.dayByDayOpenIntervals(from: from, to: to).map { $0.lowerBound.nanosecondsSinceEpoch..<$0.upperBound.nanosecondsSinceEpoch }
            let intervals = calendar.openIntervals(from: from, to: to).map { $0.lowerBound.nanosecondsSinceEpoch..<$0.upperBound.nanosecondsSinceEpoch }
            if intervals != expected { failures.append("\(context): intervals \(intervals) != reference \(expected)") }
            let duration = calendar.businessNanoseconds(from: from, to: to)
            let expectedTotal = expected.reduce(Int64(0)) { $0 + ($1.upperBound - $1.lowerBound) }
            if duration != expectedTotal { failures.append("\(context): \(duration) ns != reference \(expectedTotal)") }
            if calendar.businessDuration(from: from, to: to) != .nanoseconds(duration) { failures.append("\(context): Duration differs") }

            // The deadline for the span's own business time is not after its end.
            if duration > 0, let end = calendar.deadline(from: from, adding: .nanoseconds(duration)) {
                if end > to { failures.append("\(context): deadline(from, duration(from, to)) = \(end) is after to") }
            } else if duration > 0 {
                failures.append("\(context): no deadline for \(duration) ns")
            }

            // A random business duration: the deadline is where exactly that much has passed, and
            // the earliest such instant; it lies in open time or at an interval's end.
            let wanted = Int64.random(in: 1...(10 * Self.nanosecondsPerDay), using: &random)
            if let deadline = calendar.deadline(from: from, adding: .nanoseconds(wanted)) {
                let elapsed = calendar.businessNanoseconds(from: from, to: deadline)
                if elapsed != wanted { failures.append("\(context): duration to deadline(+\(wanted)) is \(elapsed)") }
                let before = Timestamp(nanosecondsSinceEpoch: deadline.nanosecondsSinceEpoch - 1)
                if calendar.businessNanoseconds(from: from, to: before) != wanted - 1 {
                    failures.append("\(context): deadline(+\(wanted)) = \(deadline) is not the earliest")
                }
                if !calendar.isOpen(at: deadline) && !calendar.isOpen(at: before) {
                    failures.append("\(context): deadline \(deadline) is neither open nor an interval's end")
                }
            } else if calendar.schedule.versions.contains(where: { $0.weekly.minutesPerWeek > 0 }) {
                failures.append("\(context): no deadline for +\(wanted) ns under a schedule with open hours")
            }

            // isOpen, the next opening and the next closing agree with the durations.
            let open = calendar.isOpen(at: from)
            let nextNanosecond = Timestamp(nanosecondsSinceEpoch: a + 1)
            if calendar.businessNanoseconds(from: from, to: nextNanosecond) != (open ? 1 : 0) {
                failures.append("\(context): isOpen \(open) disagrees with the duration of its nanosecond")
            }
            if b > a && open != expected.contains(where: { $0.contains(a) }) {
                failures.append("\(context): isOpen \(open) disagrees with the reference")
            }
            if let opening = calendar.nextOpening(after: from) {
                if !calendar.isOpen(at: opening) || calendar.businessNanoseconds(from: from, to: opening) != 0 || (open && opening != from) {
                    failures.append("\(context): next opening \(opening) is wrong")
                }
            }
            if let closing = calendar.nextClosing(after: from) {
                let span = closing.nanosecondsSinceEpoch - a
                if calendar.isOpen(at: closing) || calendar.businessNanoseconds(from: from, to: closing) != span {
                    failures.append("\(context): next closing \(closing) is wrong")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5).joined(separator: "\n"))")
    }
}
