import Foundation
import TenetReporting

/// The calendar of the scheduled reports: which day or week an instant falls in, when a
/// period's report is due, and the latest period whose report is due. Pure: every instant comes
/// in as an argument.
///
/// Periods are cut in the organisation's time zone with its first weekday (``ReportSpan``, the
/// arithmetic `tenet report --period` uses), so a day across a daylight-saving change is 23 or
/// 25 hours long. A period's report is due at ``afterMinutes`` past midnight (local wall time)
/// of the day after the period: with `00:10`, Tuesday's report at 00:10 on Wednesday, the
/// week's report at 00:10 on the first day of the next week.
public struct ReportSchedule: Hashable, Sendable {
    /// The IANA time zone (an unknown one reads as UTC, as the metrics plugin does).
    public var zone: String
    /// The first day of a week: 1 = Monday … 7 = Sunday.
    public var weekStart: Int
    /// Minutes after midnight on the day after a period when its report is due (0–1439).
    public var afterMinutes: Int

    /// Creates a schedule.
    public init(zone: String, weekStart: Int = 1, afterMinutes: Int = 10) {
        self.zone = zone
        self.weekStart = weekStart
        self.afterMinutes = min(max(0, afterMinutes), 1439)
    }

    /// The period of kind `period` that contains `instant`.
    public func span(_ period: ReportPeriod, containing instant: Date) -> ReportSpan {
        // `day` and `week` always give a span; the fallback is never taken.
        ReportSpan.containing(instant, period: period.rawValue, zone: zone, weekStart: weekStart) ?? ReportSpan(from: instant, to: instant)
    }

    /// The period just before `span`.
    public func previous(_ period: ReportPeriod, before span: ReportSpan) -> ReportSpan {
        self.span(period, containing: span.from.addingTimeInterval(-1))
    }

    /// The period just after `span`.
    public func following(_ period: ReportPeriod, after span: ReportSpan) -> ReportSpan {
        self.span(period, containing: span.to)
    }

    /// When the report of `span` is due: ``afterMinutes`` of local wall time on the day its end
    /// falls on. A time that does not exist that day (the hour skipped when clocks go forward)
    /// is the first instant after it.
    public func due(_ span: ReportSpan) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
        let fallback = span.to.addingTimeInterval(Double(afterMinutes) * 60)
        guard afterMinutes > 0 else { return span.to }
        return calendar.date(
            bySettingHour: afterMinutes / 60, minute: afterMinutes % 60, second: 0, of: span.to, matchingPolicy: .nextTime,
            repeatedTimePolicy: .first, direction: .forward) ?? fallback
    }

    /// The latest period of kind `period` whose report is due at `now` (its due time has come).
    public func latestDue(_ period: ReportPeriod, now: Date) -> ReportSpan {
        var candidate = previous(period, before: span(period, containing: now))
        // With a due time after midnight, the period just ended may not be due yet: then the one before it is.
        while due(candidate) > now { candidate = previous(period, before: candidate) }
        return candidate
    }

    /// The period's first day in the zone (`2026-11-23`): the name of its files.
    public func start(_ span: ReportSpan) -> String {
        ReportSpan.localText(span.from, zone: zone)
    }

    /// The period of kind `period` holding the day `date` (`YYYY-MM-DD`) in the zone; `nil` for
    /// text that is not a date.
    public func span(_ period: ReportPeriod, day date: String) -> ReportSpan? {
        let parts = date.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), parts[0].count == 4,
            parts[1].count == 2, parts[2].count == 2
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day, hour: 12)
        guard components.isValidDate(in: calendar), let noon = calendar.date(from: components) else { return nil }
        return span(period, containing: noon)
    }
}
