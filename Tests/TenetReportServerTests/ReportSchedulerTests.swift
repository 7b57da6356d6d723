import Foundation
import Testing
import TenetReportServer
import TenetReporting

/// What is due, decided from the time and the files already written, without waiting: catch-up
/// after downtime writes only the latest missed period of each kind, nothing is rewritten, a
/// failure is retried with backoff and given up once a later period is due.
@Suite struct ReportSchedulerTests {
    static func instant(_ text: String) -> Date { ReportSpan.instant(text)! }

    /// Files on disk, by period and start: the formats present.
    final class Disk {
        var files: [String: Set<String>] = [:]
        func existing(_ period: ReportPeriod, _ start: String) -> Set<String> { files["\(period.rawValue)/\(start)"] ?? [] }
        func write(_ job: ReportScheduler.Job) { files["\(job.period.rawValue)/\(job.start)", default: []].formUnion(job.formats) }
    }

    static func scheduler(_ periods: [ReportPeriod] = [.day, .week], formats: [String] = ["html", "md", "csv", "json"]) -> ReportScheduler {
        ReportScheduler(
            schedule: ReportSchedule(zone: "UTC", weekStart: 1, afterMinutes: 10), periods: periods, formats: formats,
            retryInitial: .seconds(30), retryMax: .seconds(600))
    }

    @Test func onTimeItWritesTheDayJustEndedOnceThenWaitsForTheNext() {
        var scheduler = Self.scheduler([.day])
        let disk = Disk()
        let before = scheduler.plan(now: Self.instant("2026-11-26T00:09:00Z"), existing: disk.existing)
        // At 00:09 the 25th is not due; the 24th, never written, is the latest due.
        #expect(before.jobs.map(\.start) == ["2026-11-24"])
        disk.files["day/2026-11-24"] = ["html", "md", "csv", "json"]
        let waiting = scheduler.plan(now: Self.instant("2026-11-26T00:09:00Z"), existing: disk.existing)
        #expect(waiting.jobs.isEmpty)
        #expect(waiting.upcoming.map(\.start) == ["2026-11-25"])
        #expect(waiting.nextWake == Self.instant("2026-11-26T00:10:00Z"))
        let due = scheduler.plan(now: Self.instant("2026-11-26T00:10:01Z"), existing: disk.existing)
        #expect(due.jobs.map(\.start) == ["2026-11-25"])
        #expect(due.jobs.first?.late == false)
        #expect(due.jobs.first?.formats == ["html", "md", "csv", "json"])
        disk.write(due.jobs[0])
        let after = scheduler.plan(now: Self.instant("2026-11-26T00:10:02Z"), existing: disk.existing)
        #expect(after.jobs.isEmpty)
        #expect(after.nextWake == Self.instant("2026-11-27T00:10:00Z"))
    }

    @Test func afterDowntimeOnlyTheLatestMissedPeriodOfEachKindIsWritten() {
        var scheduler = Self.scheduler()
        let disk = Disk()
        disk.files["day/2026-11-19"] = ["html", "md", "csv", "json"]
        disk.files["week/2026-11-09"] = ["html", "md", "csv", "json"]
        // Down from the 20th to noon on the 26th: six days and one week were missed.
        let plan = scheduler.plan(now: Self.instant("2026-11-26T12:00:00Z"), existing: disk.existing)
        #expect(plan.jobs.map { "\($0.period.rawValue) \($0.start)" } == ["day 2026-11-25", "week 2026-11-16"])
        #expect(plan.jobs.allSatisfy { $0.late })
        #expect(plan.jobs.map(\.span.fromText) == ["2026-11-25T00:00:00Z", "2026-11-16T00:00:00Z"])
        #expect(plan.jobs.map(\.span.toText) == ["2026-11-26T00:00:00Z", "2026-11-23T00:00:00Z"])
        plan.jobs.forEach(disk.write)
        let next = scheduler.plan(now: Self.instant("2026-11-26T12:00:01Z"), existing: disk.existing)
        #expect(next.jobs.isEmpty)
        #expect(next.upcoming.map { "\($0.period.rawValue) \($0.start) \(ReportSpan.text($0.at))" } == [
            "day 2026-11-26 2026-11-27T00:10:00Z", "week 2026-11-23 2026-11-30T00:10:00Z",
        ])
    }

    @Test func nothingIsRewrittenOnlyMissingFormatsAreMade() {
        var scheduler = Self.scheduler([.day])
        let disk = Disk()
        disk.files["day/2026-11-25"] = ["html", "csv"]
        let plan = scheduler.plan(now: Self.instant("2026-11-26T08:00:00Z"), existing: disk.existing)
        #expect(plan.jobs.map(\.formats) == [["md", "json"]])
        disk.files["day/2026-11-25"] = ["html", "md", "csv", "json"]
        #expect(scheduler.plan(now: Self.instant("2026-11-26T08:00:00Z"), existing: disk.existing).jobs.isEmpty)
        #expect(scheduler.plan(now: Self.instant("2026-11-26T23:59:59Z"), existing: disk.existing).jobs.isEmpty)
    }

    @Test func aFailureIsRetriedWithBackoffThenGivenUpForTheNextPeriod() {
        var scheduler = Self.scheduler([.day])
        let disk = Disk()
        var now = Self.instant("2026-11-26T00:10:00Z")
        var waits: [TimeInterval] = []
        for attempt in 0..<6 {
            let plan = scheduler.plan(now: now, existing: disk.existing)
            #expect(plan.jobs.map(\.attempts) == [attempt])
            let next = scheduler.failed(plan.jobs[0], now: now)
            waits.append(next.timeIntervalSince(now))
            // Just before the retry: nothing to do, the retry is what comes next.
            let quiet = scheduler.plan(now: next.addingTimeInterval(-1), existing: disk.existing)
            #expect(quiet.jobs.isEmpty)
            #expect(quiet.upcoming.map(\.attempts) == [attempt + 1] && quiet.nextWake == next)
            now = next
        }
        #expect(waits == [30, 60, 120, 240, 480, 600])
        // The next day is due: the 25th is given up, the 26th is written.
        let later = scheduler.plan(now: Self.instant("2026-11-27T00:10:00Z"), existing: disk.existing)
        #expect(later.abandoned.map(\.start) == ["2026-11-25"])
        #expect(later.abandoned.map(\.attempts) == [6])
        #expect(later.jobs.map(\.start) == ["2026-11-26"])
        #expect(later.jobs.map(\.attempts) == [0])
    }

    @Test func aSuccessAfterAFailureClearsTheBackoff() {
        var scheduler = Self.scheduler([.week])
        let disk = Disk()
        let now = Self.instant("2026-11-30T00:10:00Z")
        let job = scheduler.plan(now: now, existing: disk.existing).jobs[0]
        scheduler.failed(job, now: now)
        scheduler.succeeded(job)
        #expect(scheduler.plan(now: now, existing: disk.existing).jobs.map(\.attempts) == [0])
    }

    @Test func withTheScheduleOffNothingIsDue() {
        var scheduler = Self.scheduler([])
        let plan = scheduler.plan(now: Self.instant("2026-11-26T12:00:00Z"), existing: { _, _ in [] })
        #expect(plan.jobs.isEmpty && plan.upcoming.isEmpty && plan.nextWake == nil)
    }
}
