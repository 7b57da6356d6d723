import Foundation
import TenetPhilosophy

/// A span of time `[from, to)` and the calendar arithmetic reports need: the report period that
/// contains an instant, and the periods before a key metric's current one (for the trend), cut
/// in the organisation's time zone as the metrics plugin cuts them.
public struct ReportSpan: Hashable, Sendable {
    /// The first instant included.
    public var from: Date
    /// The first instant excluded.
    public var to: Date

    /// Creates a span.
    public init(from: Date, to: Date) {
        self.from = from
        self.to = to
    }

    /// The calendar in `zone` with weeks starting on `weekStart` (1 = Monday … 7 = Sunday).
    static func calendar(zone: String, weekStart: Int) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
        calendar.firstWeekday = weekStart % 7 + 1  // Foundation: 1 = Sunday, 2 = Monday.
        return calendar
    }

    /// The `day`, `week` or `month` (or `hour`) in `zone` that contains `instant`; `nil` for another period name.
    public static func containing(_ instant: Date, period: String, zone: String, weekStart: Int = 1) -> ReportSpan? {
        let calendar = calendar(zone: zone, weekStart: weekStart)
        let component: Calendar.Component
        switch period {
        case "hour": component = .hour
        case "day": component = .day
        case "week": component = .weekOfYear
        case "month": component = .month
        default: return nil
        }
        guard let interval = calendar.dateInterval(of: component, for: instant) else { return nil }
        return ReportSpan(from: interval.start, to: interval.end)
    }

    /// The span of the same `period` just before this one (`rolling_7d`: the 7 days before).
    public func previous(period: String, zone: String) -> ReportSpan? {
        let calendar = Self.calendar(zone: zone, weekStart: 1)
        let start: Date?
        switch period {
        case "hour": start = from.addingTimeInterval(-3600)
        case "day": start = calendar.date(byAdding: .day, value: -1, to: from)
        case "week": start = calendar.date(byAdding: .day, value: -7, to: from)
        case "month": start = calendar.date(byAdding: .month, value: -1, to: from)
        default:
            guard period.hasPrefix("rolling_"), period.hasSuffix("d"), let days = Int(period.dropFirst(8).dropLast()) else { return nil }
            start = from.addingTimeInterval(-Double(days) * 86_400)
        }
        return start.map { ReportSpan(from: $0, to: from) }
    }

    /// The `count` spans before this one, oldest first.
    public func earlier(_ count: Int, period: String, zone: String) -> [ReportSpan] {
        var spans: [ReportSpan] = []
        var current = self
        for _ in 0..<count {
            guard let before = current.previous(period: period, zone: zone) else { break }
            spans.insert(before, at: 0)
            current = before
        }
        return spans
    }

    /// Reads an RFC 3339 instant, with or without fractional seconds (a `Date` keeps about a
    /// microsecond of them; ``contains(_:)`` compares nanoseconds exactly).
    public static func instant(_ text: String) -> Date? {
        parts(text).map { $0.whole.addingTimeInterval($0.fraction) }
    }

    /// The instant's whole seconds and its fraction of a second (0 ≤ fraction < 1).
    static func parts(_ text: String) -> (whole: Date, fraction: Double)? {
        var whole = text
        var fraction = 0.0
        if let dot = text.firstIndex(of: ".") {
            let digits = text[text.index(after: dot)...].prefix { $0.isNumber }
            fraction = Double("0." + digits) ?? 0
            whole = String(text[..<dot]) + String(text[text.index(after: dot)...].dropFirst(digits.count))
        }
        return ISO8601DateFormatter().date(from: whole).map { ($0, fraction) }
    }

    /// Whether the RFC 3339 instant `text` falls in the span (`false` when it does not read).
    /// The fraction is compared apart from the whole seconds, so `23:59:59.999999999` is still
    /// in the day that ends at midnight.
    public func contains(_ text: String) -> Bool {
        guard let parts = Self.parts(text) else { return false }
        return parts.fraction >= from.timeIntervalSince(parts.whole) && parts.fraction < to.timeIntervalSince(parts.whole)
    }

    /// Writes an instant as RFC 3339 in UTC, to the second (`2026-11-23T00:00:00Z`).
    public static func text(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    /// `2026-11-23` (or `2026-11-23 14:00` `withHour`): the instant's date in `zone`.
    public static func localText(_ date: Date, zone: String, withHour: Bool = false) -> String {
        let calendar = calendar(zone: zone, weekStart: 1)
        let parts = calendar.dateComponents([.year, .month, .day, .hour], from: date)
        let day = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        return withHour ? day + String(format: " %02d:00", parts.hour ?? 0) : day
    }

    /// `from` as RFC 3339.
    public var fromText: String { Self.text(from) }
    /// `to` as RFC 3339.
    public var toText: String { Self.text(to) }
}
