import Testing
import TenetReporting

/// `tenet report --schedule-status`: the report plugin's `stats` as lines.
@Suite struct ReportPluginStatsTextTests {
    @Test func theScheduleTheLastReportTheFailuresAndWhatIsNext() {
        let written = ReportWritten(
            period: "day", start: "2026-11-26", from: "2026-11-26T00:00:00Z", to: "2026-11-27T00:00:00Z", files: ["a", "b", "c", "d", "e"],
            existing: [], at: "2026-11-27T00:10:02Z", lastSeq: 12, late: true)
        let stats = ReportPluginStats(
            schedule: ["day", "week"], formats: ["html", "json"], after: "00:10", zone: "UTC", directory: "/srv/tenet/reports", written: 2,
            failures: 1, lastWritten: written,
            lastFailure: .init(period: "week", start: "2026-11-16", at: "2026-11-27T00:10:00Z", reason: "the metrics plugin is catching up"),
            next: [
                .init(period: "day", start: "2026-11-27", at: "2026-11-28T00:10:00Z", attempts: 0),
                .init(period: "week", start: "2026-11-16", at: "2026-11-27T00:10:30Z", attempts: 1),
            ])
        #expect(
            stats.text == """
                schedule  daily, weekly at 00:10 UTC; html, json into /srv/tenet/reports
                written   2 since the plugin started; last: day 2026-11-26 (5 files) at 2026-11-27T00:10:02Z, a catch-up
                failures  1; last: week 2026-11-16 at 2026-11-27T00:10:00Z: the metrics plugin is catching up
                next      day 2026-11-27 at 2026-11-28T00:10:00Z
                          week 2026-11-16 at 2026-11-27T00:10:30Z (try 2, after 1 failed)

                """)
        var off = stats
        off.schedule = []
        off.next = []
        #expect(off.text.hasPrefix("schedule  off (reports only on request); html, json"))
    }
}
