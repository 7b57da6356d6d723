import Testing
import TenetModels

@testable import TenetCalendar

/// Daylight-saving transitions in Europe/Berlin (2026-03-29 02:00 CET → 03:00 CEST; 2026-10-25
/// 03:00 CEST → 02:00 CET, both Sundays, at 01:00Z) and America/New_York (2026-03-08 02:00 EST
/// → 03:00 EDT at 07:00Z; 2026-11-01 02:00 EDT → 01:00 EST at 06:00Z, both Sundays).
@Suite struct DaylightSavingTests {
    typealias F = Fixture

    static func days(_ zone: String) -> BusinessCalendar { F.calendar(F.schedule(zone, F.weekly(F.everyDay, "09:00-17:00"))) }
    static func nights(_ zone: String) -> BusinessCalendar { F.calendar(F.schedule(zone, F.weekly(F.everyDay, "22:00-06:00"))) }

    @Test func berlinNineToFiveIsEightHoursOnBothTransitionDays() {
        let calendar = Self.days("Europe/Berlin")
        // The spring day alone (23 hours long): 09:00-17:00 CEST = 8h.
        #expect(calendar.businessDuration(from: F.at("2026-03-29T00:00:00+01:00"), to: F.at("2026-03-30T00:00:00+02:00")) == F.hours(8))
        // Sat 12:00 CET → Mon 12:00 CEST (47h of calendar time): Sat 5h + Sun 8h + Mon 3h = 16h.
        #expect(calendar.businessDuration(from: F.at("2026-03-28T12:00:00+01:00"), to: F.at("2026-03-30T12:00:00+02:00")) == F.hours(16))
        // Fall: Sat 12:00 CEST → Mon 12:00 CET (49h): 5h + 8h + 3h = 16h.
        #expect(calendar.businessDuration(from: F.at("2026-10-24T12:00:00+02:00"), to: F.at("2026-10-26T12:00:00+01:00")) == F.hours(16))
        // The opening on the spring day is 09:00 CEST = 07:00Z.
        #expect(calendar.nextOpening(after: F.at("2026-03-29T00:00:00Z")) == F.at("2026-03-29T07:00:00Z"))
        #expect(calendar.nextOpening(after: F.at("2026-10-25T00:00:00Z")) == F.at("2026-10-25T08:00:00Z"))
    }

    @Test func berlinOvernightShiftAcrossTheChangesIsSevenAndNineHours() {
        let calendar = Self.nights("Europe/Berlin")
        // Saturday's shift 22:00 CET (21:00Z) → Sunday 06:00 CEST (04:00Z): 7h.
        #expect(calendar.businessDuration(from: F.at("2026-03-28T20:00:00Z"), to: F.at("2026-03-29T06:00:00Z")) == F.hours(7))
        #expect(calendar.nextClosing(after: F.at("2026-03-28T21:00:00Z")) == F.at("2026-03-29T04:00:00Z"))
        #expect(calendar.deadline(from: F.at("2026-03-28T21:00:00Z"), adding: F.hours(7)) == F.at("2026-03-29T04:00:00Z"))
        // Saturday's shift 22:00 CEST (20:00Z) → Sunday 06:00 CET (05:00Z): 9h.
        #expect(calendar.businessDuration(from: F.at("2026-10-24T19:00:00Z"), to: F.at("2026-10-25T06:00:00Z")) == F.hours(9))
        #expect(calendar.deadline(from: F.at("2026-10-24T20:00:00Z"), adding: F.hours(8.5)) == F.at("2026-10-25T04:30:00Z"))
    }

    @Test func newYorkNineToFiveIsEightHoursOnBothTransitionDays() {
        let calendar = Self.days("America/New_York")
        // Sat 12:00 EST → Mon 12:00 EDT: 5h + 8h + 3h = 16h.
        #expect(calendar.businessDuration(from: F.at("2026-03-07T12:00:00-05:00"), to: F.at("2026-03-09T12:00:00-04:00")) == F.hours(16))
        #expect(calendar.businessDuration(from: F.at("2026-03-08T00:00:00-05:00"), to: F.at("2026-03-09T00:00:00-04:00")) == F.hours(8))
        // Sat 12:00 EDT → Mon 12:00 EST: 16h.
        #expect(calendar.businessDuration(from: F.at("2026-10-31T12:00:00-04:00"), to: F.at("2026-11-02T12:00:00-05:00")) == F.hours(16))
        #expect(calendar.businessDuration(from: F.at("2026-11-01T00:00:00-04:00"), to: F.at("2026-11-02T00:00:00-05:00")) == F.hours(8))
    }

    @Test func newYorkOvernightShiftAcrossTheChangesIsSevenAndNineHours() {
        let calendar = Self.nights("America/New_York")
        // Sat 22:00 EST (03:00Z) → Sun 06:00 EDT (10:00Z): 7h.
        #expect(calendar.businessDuration(from: F.at("2026-03-08T02:00:00Z"), to: F.at("2026-03-08T12:00:00Z")) == F.hours(7))
        // Sat 22:00 EDT (02:00Z) → Sun 06:00 EST (11:00Z): 9h.
        #expect(calendar.businessDuration(from: F.at("2026-11-01T01:00:00Z"), to: F.at("2026-11-01T12:00:00Z")) == F.hours(9))
        #expect(calendar.nextClosing(after: F.at("2026-11-01T05:00:00Z")) == F.at("2026-11-01T11:00:00Z"))
    }

    @Test func wallTimesInTheSpringGapMoveForwardAndRepeatedOnesTakeTheFirst() {
        // Sunday hours written inside the gap and the overlap.
        let spring = F.calendar(
            F.schedule("Europe/Berlin", WeeklyHours(), overrides: [
                DateOverride(date: F.date("2026-03-29"), intervals: F.intervals("02:30-04:00")),
                DateOverride(date: F.date("2026-10-25"), intervals: F.intervals("02:30-04:00")),
            ]))
        // Spring: 02:30 does not exist and is read with CET: 01:30Z (03:30 CEST); 04:00 CEST is
        // 02:00Z: 30 minutes.
        #expect(spring.openIntervals(from: F.at("2026-03-28T12:00:00Z"), to: F.at("2026-03-30T00:00:00Z"))
            == [F.at("2026-03-29T01:30:00Z")..<F.at("2026-03-29T02:00:00Z")])
        #expect(spring.shifts(startingOn: F.date("2026-03-29")) == [F.at("2026-03-29T01:30:00Z")..<F.at("2026-03-29T02:00:00Z")])
        // Fall: 02:30 happens twice and is the first, 02:30 CEST = 00:30Z; 04:00 CET is 03:00Z:
        // 2.5 hours.
        #expect(spring.openIntervals(from: F.at("2026-10-24T12:00:00Z"), to: F.at("2026-10-26T00:00:00Z"))
            == [F.at("2026-10-25T00:30:00Z")..<F.at("2026-10-25T03:00:00Z")])
        #expect(spring.businessDuration(from: F.at("2026-10-25T00:00:00Z"), to: F.at("2026-10-26T00:00:00Z")) == F.hours(2.5))
    }

    @Test func anIntervalWhollyInTheGapIsEmpty() {
        let calendar = F.calendar(
            F.schedule("Europe/Berlin", WeeklyHours(), overrides: [
                DateOverride(date: F.date("2026-03-29"), intervals: F.intervals("02:00-02:30 03:00-05:00"))
            ]))
        // 02:00-02:30 becomes 03:00-03:30 CEST (01:00-01:30Z), inside 03:00-05:00 CEST (01:00-03:00Z):
        // merged, 2 hours.
        #expect(calendar.businessDuration(from: F.at("2026-03-29T00:00:00Z"), to: F.at("2026-03-30T00:00:00Z")) == F.hours(2))
        // 02:30-03:00 alone: 02:30 is read as 01:30Z and 03:00 CEST is 01:00Z, before it: nothing.
        let gap = F.calendar(
            F.schedule("Europe/Berlin", WeeklyHours(), overrides: [
                DateOverride(date: F.date("2026-03-29"), intervals: F.intervals("02:30-03:00"))
            ]))
        #expect(gap.businessDuration(from: F.at("2026-03-29T00:00:00Z"), to: F.at("2026-03-30T00:00:00Z")) == .zero)
        #expect(gap.shifts(startingOn: F.date("2026-03-29")) == [])
    }
}
