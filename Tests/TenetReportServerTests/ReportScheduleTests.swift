import Foundation
import Testing
import TenetReportServer
import TenetReporting

/// The calendar of the scheduled reports: period bounds, due times, and the latest period due,
/// in UTC and across daylight-saving changes.
@Suite struct ReportScheduleTests {
    static func instant(_ text: String) -> Date { ReportSpan.instant(text)! }

    @Test func aDaysReportIsDueAtTheSetTimeOnTheNextDay() {
        let schedule = ReportSchedule(zone: "UTC", afterMinutes: 10)
        let day = schedule.span(.day, containing: Self.instant("2026-11-25T13:00:00Z"))
        #expect(day.fromText == "2026-11-25T00:00:00Z" && day.toText == "2026-11-26T00:00:00Z")
        #expect(ReportSpan.text(schedule.due(day)) == "2026-11-26T00:10:00Z")
        // Before 00:10 the day just ended is not due yet: the one before is the latest due.
        #expect(schedule.start(schedule.latestDue(.day, now: Self.instant("2026-11-26T00:09:59Z"))) == "2026-11-24")
        #expect(schedule.start(schedule.latestDue(.day, now: Self.instant("2026-11-26T00:10:00Z"))) == "2026-11-25")
        // 00:00: due at the period's end.
        let midnight = ReportSchedule(zone: "UTC", afterMinutes: 0)
        #expect(schedule.start(midnight.latestDue(.day, now: Self.instant("2026-11-26T00:00:00Z"))) == "2026-11-25")
    }

    @Test func weeksStartOnThePhilosophysWeekStart() {
        let monday = ReportSchedule(zone: "UTC", weekStart: 1, afterMinutes: 10)
        let week = monday.span(.week, containing: Self.instant("2026-11-26T12:00:00Z"))  // a Thursday
        #expect(week.fromText == "2026-11-23T00:00:00Z" && week.toText == "2026-11-30T00:00:00Z")
        #expect(ReportSpan.text(monday.due(week)) == "2026-11-30T00:10:00Z")
        #expect(monday.start(monday.latestDue(.week, now: Self.instant("2026-11-30T00:10:00Z"))) == "2026-11-23")
        #expect(monday.start(monday.latestDue(.week, now: Self.instant("2026-11-30T00:09:00Z"))) == "2026-11-16")
        let sunday = ReportSchedule(zone: "UTC", weekStart: 7, afterMinutes: 10)
        #expect(sunday.span(.week, containing: Self.instant("2026-11-26T12:00:00Z")).fromText == "2026-11-22T00:00:00Z")
        #expect(sunday.start(sunday.latestDue(.week, now: Self.instant("2026-11-29T00:10:00Z"))) == "2026-11-22")
    }

    @Test func daysAcrossDaylightSavingAre23And25HoursAndDueInLocalTime() {
        let berlin = ReportSchedule(zone: "Europe/Berlin", afterMinutes: 10)
        // Clocks go forward on 29 March 2026: a 23-hour day, due at 00:10 CEST (22:10 UTC).
        let spring = berlin.span(.day, containing: Self.instant("2026-03-29T12:00:00Z"))
        #expect(spring.fromText == "2026-03-28T23:00:00Z" && spring.toText == "2026-03-29T22:00:00Z")
        #expect(ReportSpan.text(berlin.due(spring)) == "2026-03-29T22:10:00Z")
        #expect(berlin.start(spring) == "2026-03-29")
        // Back on 25 October 2026: 25 hours, due at 00:10 CET (23:10 UTC).
        let autumn = berlin.span(.day, containing: Self.instant("2026-10-25T12:00:00Z"))
        #expect(autumn.fromText == "2026-10-24T22:00:00Z" && autumn.toText == "2026-10-25T23:00:00Z")
        #expect(ReportSpan.text(berlin.due(autumn)) == "2026-10-25T23:10:00Z")
        #expect(berlin.start(berlin.latestDue(.day, now: Self.instant("2026-10-25T23:09:00Z"))) == "2026-10-24")
        #expect(berlin.start(berlin.latestDue(.day, now: Self.instant("2026-10-25T23:10:00Z"))) == "2026-10-25")
        // The week holding the change is 167 hours.
        let week = berlin.span(.week, containing: Self.instant("2026-03-27T12:00:00Z"))
        #expect(week.fromText == "2026-03-22T23:00:00Z" && week.toText == "2026-03-29T22:00:00Z")
        // 02:30 does not exist on 29 March in Berlin: the report of the 28th is due at 03:00 CEST.
        let skipped = ReportSchedule(zone: "Europe/Berlin", afterMinutes: 150)
        let saturday = skipped.span(.day, containing: Self.instant("2026-03-28T12:00:00Z"))
        #expect(ReportSpan.text(skipped.due(saturday)) == "2026-03-29T01:00:00Z")
    }

    @Test func aDayNamesItsPeriod() throws {
        let schedule = ReportSchedule(zone: "America/New_York")
        let day = try #require(schedule.span(.day, day: "2026-11-25"))
        #expect(day.fromText == "2026-11-25T05:00:00Z" && day.toText == "2026-11-26T05:00:00Z")
        #expect(schedule.span(.week, day: "2026-11-25")?.fromText == "2026-11-23T05:00:00Z")
        #expect(schedule.span(.day, day: "2026-02-30") == nil)
        #expect(schedule.span(.day, day: "yesterday") == nil)
    }
}
