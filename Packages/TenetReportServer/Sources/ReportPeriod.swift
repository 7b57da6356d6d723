/// A period the report plugin writes reports of: a calendar day or week in the organisation's
/// time zone, cut as `tenet report --period` cuts them.
public enum ReportPeriod: String, CaseIterable, Hashable, Sendable, Comparable {
    /// A calendar day (`TENET_REPORT_SCHEDULE=daily`).
    case day
    /// A calendar week from the philosophy's `week_start` (`TENET_REPORT_SCHEDULE=weekly`).
    case week

    /// The schedule's word for it: `daily`, `weekly`.
    public var scheduleName: String {
        switch self {
        case .day: "daily"
        case .week: "weekly"
        }
    }

    /// Days before weeks.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs == .day && rhs == .week }
}
