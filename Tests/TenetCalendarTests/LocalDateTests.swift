import Testing

@testable import TenetCalendar

@Suite struct LocalDateTests {
    /// Every day of years 1…9999: the day number and the date convert into each other, and the
    /// next day number is the next date of the calendar (counted here by hand: day + 1, else the
    /// 1st of the next month, else January 1st).
    @Test func dayNumberRoundTripsAndCountsEveryDayOfTenThousandYears() {
        var date = LocalDate(year: 1, month: 1, day: 1)!
        let first = date.dayNumber
        #expect(first == -719_162)  // 1969 years of 365 days + 477 leap days before 1970
        var mismatches = 0
        for number in first...LocalDate(year: 9999, month: 12, day: 31)!.dayNumber {
            if LocalDate(dayNumber: number) != date || date.dayNumber != number { mismatches += 1 }
            if date.day < LocalDate.daysIn(month: date.month, year: date.year) {
                date = LocalDate(year: date.year, month: date.month, day: date.day + 1)!
            } else if date.month < 12 {
                date = LocalDate(year: date.year, month: date.month + 1, day: 1)!
            } else if date.year < 9999 {
                date = LocalDate(year: date.year + 1, month: 1, day: 1)!
            }
        }
        #expect(mismatches == 0)
        #expect(LocalDate(year: 9999, month: 12, day: 31)!.dayNumber == 2_932_896)
    }

    @Test func weekdaysOfKnownDates() {
        #expect(Fixture.date("1970-01-01").weekday == .thursday)
        #expect(Fixture.date("2000-01-01").weekday == .saturday)
        #expect(Fixture.date("2024-02-29").weekday == .thursday)
        #expect(Fixture.date("2026-12-25").weekday == .friday)
        #expect(Fixture.date("1969-12-31").weekday == .wednesday)
        #expect(Fixture.date("1900-01-01").weekday == .monday)
    }

    @Test func parsesBothFormsAndRejectsImpossibleDates() {
        #expect(LocalDate("20261225") == LocalDate(year: 2026, month: 12, day: 25))
        #expect(LocalDate("2028-02-29") == LocalDate(year: 2028, month: 2, day: 29))
        #expect(LocalDate("2027-02-29") == nil)
        #expect(LocalDate("2026-13-01") == nil)
        #expect(LocalDate("2026-1-01") == nil)
    }
}
