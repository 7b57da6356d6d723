import Foundation
import TenetCalendar
import TenetModels
import TenetPhilosophy

/// Cuts time into the philosophy's periods in the organisation's time zone: the hour, day, week
/// (from the week start) or month containing an instant, or the rolling window ending at it.
public struct PeriodCalendar: Sendable {
    /// The organisation's zone.
    public let zone: TimeZone
    /// The first day of a week.
    public let weekStart: Weekday
    private let calendar: Calendar

    /// A calendar for `organisation`; UTC when its zone is unknown.
    public init(_ organisation: Organisation) {
        zone = TimeZone(identifier: organisation.zone) ?? TimeZone(identifier: "UTC")!
        weekStart = organisation.weekStart
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        // Foundation numbers weekdays Sunday 1 … Saturday 7.
        calendar.firstWeekday = weekStart == .sunday ? 1 : weekStart.rawValue + 1
        calendar.minimumDaysInFirstWeek = 1
        self.calendar = calendar
    }

    /// The period of kind `period` that contains `instant`: `[start, end)`. A rolling window is
    /// the `days` days up to `instant`.
    public func bounds(of period: Period, containing instant: Timestamp) -> (start: Timestamp, end: Timestamp) {
        let date = Date(timeIntervalSince1970: Double(instant.nanosecondsSinceEpoch) / 1e9)
        let component: Calendar.Component
        switch period {
        case .rolling(let days):
            return (Timestamp(nanosecondsSinceEpoch: instant.nanosecondsSinceEpoch - Int64(days) * 86_400_000_000_000), instant)
        case .hour: component = .hour
        case .day: component = .day
        case .week: component = .weekOfYear
        case .month: component = .month
        }
        guard let interval = calendar.dateInterval(of: component, for: date) else { return (instant, instant) }
        return (Self.timestamp(interval.start), Self.timestamp(interval.end))
    }

    /// The period before the one containing `instant` (for trends).
    public func previous(of period: Period, containing instant: Timestamp) -> (start: Timestamp, end: Timestamp) {
        let current = bounds(of: period, containing: instant)
        if case .rolling = period {
            let length = current.end.nanosecondsSinceEpoch - current.start.nanosecondsSinceEpoch
            return (Timestamp(nanosecondsSinceEpoch: current.start.nanosecondsSinceEpoch - length), current.start)
        }
        return bounds(of: period, containing: Timestamp(nanosecondsSinceEpoch: current.start.nanosecondsSinceEpoch - 1))
    }

    /// The local date and the minute of the day of `instant` in the organisation's zone.
    public func local(_ instant: Timestamp) -> (date: LocalDate, minute: Int) {
        let seconds = instant.nanosecondsSinceEpoch / 1_000_000_000
        let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
        let local = seconds + offset
        let day = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
        let minute = Int((local - Int64(day) * 86_400) / 60)
        return (LocalDate(dayNumber: day), minute)
    }

    static func timestamp(_ date: Date) -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: Int64((date.timeIntervalSince1970 * 1000).rounded()) * 1_000_000)
    }
}
