/// The span a key metric's figure covers.
public enum Period: Hashable, Sendable, CustomStringConvertible {
    /// A clock hour in the organisation's time zone.
    case hour
    /// A calendar day in the organisation's time zone.
    case day
    /// A week starting on the organisation's week start.
    case week
    /// A calendar month.
    case month
    /// The last N days up to now (7 or 28), moving continuously.
    case rolling(days: Int)

    /// The names a file may write.
    public static let names = ["hour", "day", "week", "month", "rolling_7d", "rolling_28d"]

    /// Reads a period's name.
    public init?(name: String) {
        switch name {
        case "hour": self = .hour
        case "day": self = .day
        case "week": self = .week
        case "month": self = .month
        case "rolling_7d": self = .rolling(days: 7)
        case "rolling_28d": self = .rolling(days: 28)
        default: return nil
        }
    }

    /// The name as files and the bus write it.
    public var description: String {
        switch self {
        case .hour: "hour"
        case .day: "day"
        case .week: "week"
        case .month: "month"
        case .rolling(let days): "rolling_\(days)d"
        }
    }
}

/// Which clock a duration is measured on.
public enum Hours: String, Hashable, Sendable, CaseIterable {
    /// Wall-clock time: every second counts.
    case calendar
    /// Only the time the schedule that applied was open.
    case business
}
