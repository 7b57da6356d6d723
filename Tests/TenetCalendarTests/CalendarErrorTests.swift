import Testing

@testable import TenetCalendar

@Suite struct CalendarErrorTests {
    typealias F = Fixture

    static func error(_ schedule: Schedule) -> CalendarError? {
        do {
            _ = try BusinessCalendar(schedule)
            return nil
        } catch {
            return error
        }
    }

    @Test func unknownZone() {
        #expect(
            Self.error(F.schedule("Europe/Berlln", WeeklyHours()))
                == CalendarError(
                    code: .unknownZone, schedule: "test",
                    message: "unknown time zone `Europe/Berlln`: give an IANA zone name such as `Europe/Berlin` or `America/New_York`"))
    }

    @Test func overlappingIntervalsInWeeklyHoursAndOverrides() {
        var weekly = F.weekly(F.weekdays, "09:00-17:00")
        weekly[.monday] = F.intervals("12:00-17:00 09:00-13:00")
        let versions = [
            ScheduleVersion(effective: nil, weekly: F.weekly(F.weekdays, "09:00-17:00")),
            ScheduleVersion(effective: F.date("2026-07-01"), weekly: weekly),
        ]
        #expect(
            Self.error(Schedule(name: "support", zone: "UTC", versions: versions))?.description
                == "schedule support: weekly hours from 2026-07-01, mon: 09:00-13:00 overlaps 12:00-17:00")
        // An overnight shift overlapping a later one of the same day.
        #expect(
            Self.error(F.schedule("UTC", F.weekly("fri", "20:00-02:00 23:00-24:00")))?.message
                == "weekly hours, fri: 20:00-02:00 overlaps 23:00-24:00")
        #expect(
            Self.error(F.schedule("UTC", WeeklyHours(), overrides: [DateOverride(date: F.date("2026-12-24"), intervals: F.intervals("09:00-12:00 11:00-13:00"))]))?.code
                == .overlappingIntervals)
        // Touching intervals are fine, and merge.
        let touching = F.calendar(F.schedule("UTC", F.weekly("mon", "09:00-12:00 12:00-13:00")))
        #expect(touching.nextClosing(after: F.at("2026-01-19T09:00:00Z")) == F.at("2026-01-19T13:00:00Z"))
    }

    @Test func versionsOutOfOrder() {
        let hours = F.weekly(F.weekdays, "09:00-17:00")
        #expect(
            Self.error(Schedule(name: "s", zone: "UTC", versions: [
                ScheduleVersion(effective: F.date("2026-07-01"), weekly: hours), ScheduleVersion(effective: F.date("2026-01-01"), weekly: hours),
            ]))?.message == "weekly hours from 2026-01-01 come after those from 2026-07-01: list versions oldest first, one per date")
        #expect(
            Self.error(Schedule(name: "s", zone: "UTC", versions: [
                ScheduleVersion(effective: F.date("2026-07-01"), weekly: hours), ScheduleVersion(effective: nil, weekly: hours),
            ]))?.code == .unorderedVersions)
    }

    @Test func duplicateOverrideAndImpossibleHoliday() {
        let override = DateOverride(date: F.date("2026-12-24"), intervals: [])
        #expect(
            Self.error(F.schedule("UTC", WeeklyHours(), overrides: [override, override]))?.message
                == "two overrides for 2026-12-24: give one, with all of that date's intervals")
        #expect(
            Self.error(F.schedule("UTC", WeeklyHours(), holidays: [Holiday(.yearly(month: 2, day: 30, from: 2020, until: nil), name: "Never")]))?
                .message == "yearly holiday Never on month 2, day 30: no year has that date")
    }

    @Test func hoursOnADateFollowPrecedence() {
        let schedule = Schedule(
            name: "s", zone: "UTC",
            versions: [
                ScheduleVersion(effective: nil, weekly: F.weekly(F.weekdays, "09:00-17:00")),
                ScheduleVersion(effective: F.date("2026-07-01"), weekly: F.weekly(F.weekdays, "08:00-16:00")),
            ],
            holidays: [Holiday(.date(F.date("2026-07-02")))],
            overrides: [DateOverride(date: F.date("2026-07-02"), intervals: F.intervals("10:00-11:00")), DateOverride(date: F.date("2026-07-03"), intervals: [])])
        #expect(schedule.hours(on: F.date("2026-06-30")) == F.intervals("09:00-17:00"))
        #expect(schedule.hours(on: F.date("2026-07-01")) == F.intervals("08:00-16:00"))
        #expect(schedule.hours(on: F.date("2026-07-02")) == F.intervals("10:00-11:00"))
        #expect(schedule.hours(on: F.date("2026-07-03")) == [])
        #expect(schedule.version(on: F.date("2020-01-01"))?.effective == nil)
    }
}
