import TenetCalendar

/// One interval of the week, in the organisation's time zone: a weekday and the minute of the
/// day it starts at (`mon 09:30` is Monday, minute 570). Its length is the planner's interval.
public struct IntervalSlot: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The day of the week.
    public var weekday: Weekday
    /// Minutes after local midnight at which the interval starts, 0 ..< 1440.
    public var startMinute: Int

    /// The interval of `weekday` starting `startMinute` minutes after local midnight.
    public init(weekday: Weekday, startMinute: Int) {
        self.weekday = weekday
        self.startMinute = startMinute
    }

    /// Monday first, then by start.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.weekday.rawValue, lhs.startMinute) < (rhs.weekday.rawValue, rhs.startMinute)
    }

    /// `mon 09:30`.
    public var description: String {
        let hours = startMinute / 60
        let minutes = startMinute % 60
        return "\(weekday.shortName) \(hours < 10 ? "0" : "")\(hours):\(minutes < 10 ? "0" : "")\(minutes)"
    }
}
