import Testing
import TenetModels

@testable import TenetCalendar

/// Business durations checked by hand: each test's comment does the arithmetic.
@Suite struct BusinessDurationTests {
    typealias F = Fixture

    /// Berlin, Monday to Friday 09:00-17:00 (8 hours a day).
    static let office = F.schedule("Europe/Berlin", F.weekly(F.weekdays, "09:00-17:00"))

    @Test func acrossAWeekend() {
        let calendar = F.calendar(Self.office)
        // Fri 2026-01-16 15:00 CET → Mon 2026-01-19 11:00 CET: Fri 15-17 = 2h, Sat and Sun
        // closed, Mon 09-11 = 2h: 4h (of 68h of calendar time).
        #expect(calendar.businessDuration(from: F.at("2026-01-16T15:00:00+01:00"), to: F.at("2026-01-19T11:00:00+01:00")) == F.hours(4))
        // Backwards or empty: zero.
        #expect(calendar.businessDuration(from: F.at("2026-01-19T11:00:00+01:00"), to: F.at("2026-01-16T15:00:00+01:00")) == .zero)
        #expect(calendar.businessNanoseconds(from: F.at("2026-01-16T15:00:00+01:00"), to: F.at("2026-01-16T15:00:00+01:00")) == 0)
    }

    @Test func startsAndEndsOutsideBusinessHours() {
        let calendar = F.calendar(Self.office)
        // Mon 2026-01-19 07:00 → Wed 2026-01-21 20:00 (CET): three whole days, 3 × 8h = 24h.
        #expect(calendar.businessDuration(from: F.at("2026-01-19T07:00:00+01:00"), to: F.at("2026-01-21T20:00:00+01:00")) == F.hours(24))
        // Sat 2026-01-17 08:00 → Sun 2026-01-18 20:00: closed throughout.
        #expect(calendar.businessDuration(from: F.at("2026-01-17T08:00:00+01:00"), to: F.at("2026-01-18T20:00:00+01:00")) == .zero)
        // Fri 2026-01-16 18:00 → Mon 2026-01-19 08:30: from a closing to before the opening, 0.
        #expect(calendar.businessDuration(from: F.at("2026-01-16T18:00:00+01:00"), to: F.at("2026-01-19T08:30:00+01:00")) == .zero)
    }

    @Test func acrossHolidaysFromTheList() {
        // 2026-12-24 (Thu) as a date; Dec 25 (Fri) and 26 (Sat) every year from 2000.
        let schedule = F.schedule(
            "Europe/Berlin", F.weekly(F.weekdays, "09:00-17:00"),
            holidays: [
                Holiday(.date(F.date("2026-12-24")), name: "Christmas Eve"),
                Holiday(.yearly(month: 12, day: 25, from: 2000, until: nil), name: "Christmas Day"),
                Holiday(.yearly(month: 12, day: 26, from: 2000, until: nil)),
            ])
        let calendar = F.calendar(schedule)
        // Wed 2026-12-23 16:00 → Mon 2026-12-28 10:00: Wed 16-17 = 1h, Thu 24 holiday, Fri 25
        // holiday, weekend, Mon 09-10 = 1h: 2h.
        #expect(calendar.businessDuration(from: F.at("2026-12-23T16:00:00+01:00"), to: F.at("2026-12-28T10:00:00+01:00")) == F.hours(2))
        // The same span a year earlier: Tue 2025-12-23 16:00 → Sat 2025-12-27 10:00: Tue 1h,
        // Wed 24 is no holiday in 2025 (a date, not yearly) 8h, Thu 25 and Fri 26 holidays: 9h.
        #expect(calendar.businessDuration(from: F.at("2025-12-23T16:00:00+01:00"), to: F.at("2025-12-27T10:00:00+01:00")) == F.hours(9))
    }

    @Test func acrossAHolidayFromAnICalendarFile() throws {
        let ics = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            BEGIN:VEVENT\r
            DTSTART;VALUE=DATE:20261231\r
            SUMMARY:New Year's Eve\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            DTSTART;VALUE=DATE:20200101\r
            RRULE:FREQ=YEARLY\r
            SUMMARY:New Year's Day\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let holidays = try ICalendarHolidays.parse(ics)
        let calendar = F.calendar(F.schedule("Europe/Berlin", F.weekly(F.weekdays, "09:00-17:00"), holidays: holidays))
        // Wed 2026-12-30 12:00 → Mon 2027-01-04 12:00: Wed 12-17 = 5h, Thu 31 (the file's date)
        // closed, Fri 2027-01-01 (its yearly rule) closed, weekend, Mon 09-12 = 3h: 8h.
        #expect(calendar.businessDuration(from: F.at("2026-12-30T12:00:00+01:00"), to: F.at("2027-01-04T12:00:00+01:00")) == F.hours(8))
    }

    @Test func overnightShift() {
        // London in January is UTC+0. Nights Monday to Friday 22:00-06:00; each shift belongs to
        // the evening it starts.
        let calendar = F.calendar(F.schedule("Europe/London", F.weekly(F.weekdays, "22:00-06:00")))
        // Fri 2026-01-16 23:00 → Mon 2026-01-19 23:00: Friday's shift 23:00-Sat 06:00 = 7h, no
        // shift starts Sat or Sun, Monday's 22:00-23:00 = 1h: 8h.
        #expect(calendar.businessDuration(from: F.at("2026-01-16T23:00:00Z"), to: F.at("2026-01-19T23:00:00Z")) == F.hours(8))
        #expect(calendar.isOpen(at: F.at("2026-01-17T05:59:59Z")))
        #expect(!calendar.isOpen(at: F.at("2026-01-17T06:00:00Z")))
        // Sunday night: closed, although Monday is a working day (Monday's shift starts at 22:00).
        #expect(!calendar.isOpen(at: F.at("2026-01-19T02:00:00Z")))
        #expect(calendar.nextOpening(after: F.at("2026-01-17T06:00:00Z")) == F.at("2026-01-19T22:00:00Z"))
        #expect(calendar.nextClosing(after: F.at("2026-01-16T22:30:00Z")) == F.at("2026-01-17T06:00:00Z"))
        // A holiday on Friday removes the whole Friday-night shift, Saturday morning included.
        let friday = F.calendar(
            F.schedule("Europe/London", F.weekly(F.weekdays, "22:00-06:00"), holidays: [Holiday(.date(F.date("2026-01-16")))]))
        #expect(!friday.isOpen(at: F.at("2026-01-17T02:00:00Z")))
        #expect(friday.businessDuration(from: F.at("2026-01-16T23:00:00Z"), to: F.at("2026-01-19T23:00:00Z")) == F.hours(1))
    }

    @Test func datedOverridesOpenCloseAndShorten() {
        let schedule = F.schedule(
            "Europe/Berlin", F.weekly(F.weekdays, "09:00-17:00"),
            holidays: [Holiday(.date(F.date("2026-01-17")))],  // the override wins over it
            overrides: [
                DateOverride(date: F.date("2026-01-17"), intervals: F.intervals("10:00-14:00")),  // a Saturday opening
                DateOverride(date: F.date("2026-01-21"), intervals: []),  // a Wednesday closing
                DateOverride(date: F.date("2026-01-22"), intervals: F.intervals("09:00-12:00")),  // a short Thursday
            ])
        let calendar = F.calendar(schedule)
        // Fri 2026-01-16 09:00 → Fri 2026-01-23 09:00 (CET): Fri 8h, Sat 4h (override), Sun 0,
        // Mon 8h, Tue 8h, Wed 0 (closed), Thu 3h, Fri before opening 0: 31h.
        #expect(calendar.businessDuration(from: F.at("2026-01-16T09:00:00+01:00"), to: F.at("2026-01-23T09:00:00+01:00")) == F.hours(31))
        #expect(calendar.isOpen(at: F.at("2026-01-17T13:59:00+01:00")))
        #expect(!calendar.isOpen(at: F.at("2026-01-21T12:00:00+01:00")))
        #expect(!calendar.isOpen(at: F.at("2026-01-22T12:00:00+01:00")))
    }

    @Test func versionChangeInTheMiddleOfTheDuration() {
        let before = F.weekly(F.weekdays, "09:00-17:00")
        let after = F.weekly("sat", "10:00-14:00", base: F.weekly(F.weekdays, "08:00-12:00 13:00-18:00"))
        let schedule = Schedule(
            name: "test", zone: "Europe/Berlin",
            versions: [ScheduleVersion(effective: nil, weekly: before), ScheduleVersion(effective: F.date("2026-02-02"), weekly: after)])
        let calendar = F.calendar(schedule)
        // Thu 2026-01-29 12:00 → Tue 2026-02-03 10:00: Thu 12-17 = 5h, Fri 30 = 8h, Sat 31
        // (still the old hours) 0, Sun 0, Mon Feb 2 (new) 4h + 5h = 9h, Tue 08-10 = 2h: 24h.
        #expect(calendar.businessDuration(from: F.at("2026-01-29T12:00:00+01:00"), to: F.at("2026-02-03T10:00:00+01:00")) == F.hours(24))
        // The first Saturday of the new hours: Sat 2026-02-07 10:00-14:00 = 4h.
        #expect(calendar.businessDuration(from: F.at("2026-02-07T00:00:00+01:00"), to: F.at("2026-02-08T00:00:00+01:00")) == F.hours(4))
        // 12:30 is a lunch break only under the new hours.
        #expect(calendar.isOpen(at: F.at("2026-01-30T12:30:00+01:00")))
        #expect(!calendar.isOpen(at: F.at("2026-02-02T12:30:00+01:00")))
    }

    @Test func beforeAFirstVersionWithADateTheScheduleIsClosed() {
        let schedule = Schedule(
            name: "test", zone: "UTC",
            versions: [ScheduleVersion(effective: F.date("2026-03-02"), weekly: F.weekly(F.everyDay, "09:00-17:00"))])
        let calendar = F.calendar(schedule)
        // 2026-02-28 00:00Z → 2026-03-03 00:00Z: Feb 28 and Mar 1 have no version, Mar 2 8h.
        #expect(calendar.businessDuration(from: F.at("2026-02-28T00:00:00Z"), to: F.at("2026-03-03T00:00:00Z")) == F.hours(8))
    }

    @Test func kolkataHalfHourOffset() {
        // Asia/Kolkata is UTC+05:30 all year. Mon-Fri 09:00-17:30 IST = 03:30-12:00Z.
        let calendar = F.calendar(F.schedule("Asia/Kolkata", F.weekly(F.weekdays, "09:00-17:30")))
        // Fri 2026-01-16 10:00Z (15:30 IST) → Mon 2026-01-19 04:00Z (09:30 IST): Fri 15:30-17:30
        // = 2h, Mon 09:00-09:30 = 0.5h: 2.5h.
        #expect(calendar.businessDuration(from: F.at("2026-01-16T10:00:00Z"), to: F.at("2026-01-19T04:00:00Z")) == F.hours(2.5))
        #expect(!calendar.isOpen(at: F.at("2026-01-19T03:29:59Z")))
        #expect(calendar.isOpen(at: F.at("2026-01-19T03:30:00Z")))
        #expect(calendar.nextOpening(after: F.at("2026-01-16T12:00:00Z")) == F.at("2026-01-19T03:30:00Z"))
    }

    @Test func yearlyHolidaysOnFebruary29thAndUntilAYear() {
        let schedule = F.schedule(
            "UTC", F.weekly(F.everyDay, "09:00-17:00"),
            holidays: [
                Holiday(.yearly(month: 2, day: 29, from: 2020, until: nil), name: "Leap day"),
                Holiday(.yearly(month: 7, day: 4, from: 2020, until: 2026), name: "Founders' day"),
            ])
        let calendar = F.calendar(schedule)
        func day(_ date: String) -> Duration {
            calendar.businessDuration(from: F.at(date + "T00:00:00Z"), to: F.at(date + "T23:59:59Z"))
        }
        #expect(day("2028-02-29") == .zero)  // a leap year: the holiday
        #expect(day("2024-02-29") == .zero)
        // 2027 has no Feb 29: Feb 28 and Mar 1 both open, 2 × 8h.
        #expect(calendar.businessDuration(from: F.at("2027-02-28T00:00:00Z"), to: F.at("2027-03-02T00:00:00Z")) == F.hours(16))
        #expect(day("2026-07-04") == .zero)  // the last year of the rule
        #expect(day("2027-07-04") == F.hours(8))  // after it
        #expect(day("2019-07-04") == F.hours(8))  // before it
        #expect(day("2016-02-29") == F.hours(8))  // a leap year before the rule's first
    }

    @Test func aDurationAcrossTheBoundaryOfTwoCompiledSpans() {
        // Compiled spans are 2^55 ns: span 50 starts at 2027-01-31T23:57:30.948Z, inside the
        // Sunday-night shift 22:00-06:00 CET (21:00Z-05:00Z).
        let calendar = F.calendar(F.schedule("Europe/Berlin", F.weekly(F.everyDay, "22:00-06:00")))
        #expect(CalendarChunk.bounds(of: 50).lowerBound == 50 << 55)
        // The whole shift: 8h.
        #expect(calendar.businessDuration(from: F.at("2027-01-31T20:00:00Z"), to: F.at("2027-02-01T06:00:00Z")) == F.hours(8))
        // Deadlines on each side of the boundary: 21:00Z + 3h = 00:00Z, + 4h = 01:00Z.
        #expect(calendar.deadline(from: F.at("2027-01-31T21:00:00Z"), adding: F.hours(3)) == F.at("2027-02-01T00:00:00Z"))
        #expect(calendar.deadline(from: F.at("2027-01-31T21:00:00Z"), adding: F.hours(2.95)) == F.at("2027-01-31T23:57:00Z"))
        // The shift is one interval, though stored in two spans.
        #expect(calendar.nextClosing(after: F.at("2027-01-31T22:00:00Z")) == F.at("2027-02-01T05:00:00Z"))
        #expect(
            calendar.openIntervals(from: F.at("2027-01-31T20:00:00Z"), to: F.at("2027-02-01T06:00:00Z"))
                == [F.at("2027-01-31T21:00:00Z")..<F.at("2027-02-01T05:00:00Z")])
    }

    @Test func alwaysOpenIsCalendarTimeAndNeverCloses() {
        let calendar = F.calendar(.always)
        // Three years and a bit, across several compiled spans: business = calendar time.
        let from = F.at("2025-03-01T10:00:00.123456789Z"), to = F.at("2028-04-01T11:30:00Z")
        #expect(calendar.businessNanoseconds(from: from, to: to) == to.nanosecondsSinceEpoch - from.nanosecondsSinceEpoch)
        #expect(calendar.nextClosing(after: from) == nil)
        #expect(calendar.nextOpening(after: from) == from)
        #expect(calendar.deadline(from: from, adding: .seconds(1000)) == Timestamp(nanosecondsSinceEpoch: from.nanosecondsSinceEpoch + 1_000_000_000_000))
    }

    @Test func closedForeverHasNoOpeningNorDeadline() {
        let calendar = F.calendar(F.schedule("UTC", WeeklyHours()))
        #expect(calendar.nextOpening(after: F.at("2026-01-01T00:00:00Z")) == nil)
        #expect(calendar.deadline(from: F.at("2026-01-01T00:00:00Z"), adding: .seconds(1)) == nil)
        #expect(calendar.deadline(from: F.at("2026-01-01T00:00:00Z"), adding: .zero) == F.at("2026-01-01T00:00:00Z"))
        #expect(calendar.nextClosing(after: F.at("2026-01-01T00:00:00Z")) == F.at("2026-01-01T00:00:00Z"))
    }

    @Test func deadlinesOnTheOfficeSchedule() {
        let calendar = F.calendar(Self.office)
        // Fri 2026-01-16 15:00 CET + 4h: Fri 15-17 (2h), then Mon 09-11: Mon 11:00.
        #expect(calendar.deadline(from: F.at("2026-01-16T15:00:00+01:00"), adding: F.hours(4)) == F.at("2026-01-19T11:00:00+01:00"))
        // Exactly the rest of Friday: the closing itself, not Monday's opening.
        #expect(calendar.deadline(from: F.at("2026-01-16T15:00:00+01:00"), adding: F.hours(2)) == F.at("2026-01-16T17:00:00+01:00"))
        // From a Saturday, one hour: Mon 10:00.
        #expect(calendar.deadline(from: F.at("2026-01-17T12:00:00+01:00"), adding: F.hours(1)) == F.at("2026-01-19T10:00:00+01:00"))
    }
}
