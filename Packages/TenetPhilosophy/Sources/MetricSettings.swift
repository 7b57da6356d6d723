import TenetCalendar
import TenetModels

/// The organisation-wide settings of the built-in metrics, each with the default docs/METRICS.md
/// gives.
public struct MetricSettings: Hashable, Sendable {
    /// Service level counts contacts answered within this (default 20 s: the 80/20 rule).
    public var serviceLevelThreshold: Duration = .seconds(20)
    /// Abandons shorter than this are excluded from abandonment and service level (default 5 s).
    public var shortAbandonThreshold: Duration = .seconds(5)
    /// A solved conversation reopened within this is not a first-contact resolution (7 days).
    public var fcrReopenWindow: Duration = .seconds(7 * 86_400)
    /// Whether a bot hand-off restarts the first-response clock (default true).
    public var botHandoffRestartsFirstResponse = true
    /// Statuses that count as solved (default `solved`, `closed`).
    public var solvedStatuses: [String] = ["solved", "closed"]
    /// Statuses in which an agent works a ticket, for handle time (default `open`).
    public var workStatuses: [String] = ["open"]
    /// Statuses in which the customer is waited on: SLA clocks pause (default `pending`).
    public var pendingStatuses: [String] = ["pending"]
    /// The at-risk margin of a target that sets none, as a fraction of the target (0.1).
    public var atRiskMargin = 0.1

    /// The defaults.
    public init() {}

    /// The statuses Tenet knows, for checking the lists.
    public static let knownStatuses = ["open", "pending", "on_hold", "solved", "closed"]
}

/// The organisation: its name, time zone and the first day of its week.
public struct Organisation: Hashable, Sendable {
    /// A display name.
    public var name: String
    /// The IANA time zone periods are cut in (days, weeks, months).
    public var zone: String
    /// The first day of a week.
    public var weekStart: Weekday

    /// Creates an organisation; UTC and Monday unless given.
    public init(name: String = "", zone: String = "UTC", weekStart: Weekday = .monday) {
        self.name = name
        self.zone = zone
        self.weekStart = weekStart
    }
}
