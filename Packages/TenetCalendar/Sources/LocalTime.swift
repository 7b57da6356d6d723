import TenetModels

/// A time of day on the wall clock, to the minute: `09:00`. `24:00` is the end of the day and
/// is valid only as the end of an interval.
public struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Minutes since midnight (0…1440).
    public let minutes: Int

    /// The time `minutes` after midnight (0…1440).
    public init?(minutes: Int) {
        guard (0...1440).contains(minutes) else { return nil }
        self.minutes = minutes
    }

    /// Parses `HH:MM` (`H:MM` too), `24:00` included.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let hours = Int(parts[0]), let minutes = Int(parts[1]), minutes < 60,
            hours < 24 || (hours == 24 && minutes == 0)
        else { return nil }
        self.minutes = hours * 60 + minutes
    }

    /// Midnight at the start of the day.
    public static let midnight = LocalTime(minutes: 0)!
    /// `24:00`, the end of the day.
    public static let endOfDay = LocalTime(minutes: 1440)!

    /// `HH:MM`.
    public var description: String {
        let hours = minutes / 60
        let rest = minutes % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.minutes < rhs.minutes }
}

/// Open hours within one day: `09:00-17:00`. An interval whose end is not after its start runs
/// overnight (`22:00-06:00` closes at 06:00 the next day) and belongs to the day it starts on:
/// a holiday or an override on that day removes or replaces the whole shift.
public struct DailyInterval: Hashable, Sendable, CustomStringConvertible {
    /// When it opens.
    public let start: LocalTime
    /// When it closes (on the next day when not after `start`).
    public let end: LocalTime

    /// Creates an interval; `nil` when it is empty (`start == end`) or opens at `24:00`.
    public init?(start: LocalTime, end: LocalTime) {
        guard start != end, start != .endOfDay, !(start == .midnight && end == .midnight) else { return nil }
        self.start = start
        self.end = end
    }

    /// Parses `HH:MM-HH:MM`.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let start = LocalTime(parts[0].trimmingSpaces), let end = LocalTime(parts[1].trimmingSpaces)
        else { return nil }
        self.init(start: start, end: end)
    }

    /// Whether the interval runs past midnight into the next day.
    public var isOvernight: Bool { end <= start }

    /// Its length in minutes.
    public var lengthInMinutes: Int { isOvernight ? 1440 - start.minutes + end.minutes : end.minutes - start.minutes }

    /// Minutes from the start of its own day: `start` and `end` (end may pass 1440 when overnight).
    public var minuteRange: Range<Int> { start.minutes..<(start.minutes + lengthInMinutes) }

    /// `HH:MM-HH:MM`.
    public var description: String { "\(start)-\(end)" }
}
