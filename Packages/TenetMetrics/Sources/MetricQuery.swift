import TenetModels
import TenetPhilosophy

/// A question to the metrics engine: one metric's statistic over a span of time, filtered, and
/// grouped by up to two dimensions.
public struct MetricQuery: Hashable, Sendable {
    /// The metric's canonical name (built-in or custom).
    public var metric: String
    /// The statistic.
    public var statistic: Statistic
    /// Calendar or business time, for durations.
    public var hours: Hours
    /// The first instant included (`nil`: from the beginning).
    public var from: Timestamp?
    /// The first instant excluded (`nil`: up to now). For `backlog`, the instant it is counted at.
    public var to: Timestamp?
    /// Which measurements count.
    public var filter: MetricFilter
    /// Dimensions to group by (at most two); empty for one overall figure.
    public var groupBy: [FilterField]

    /// Creates a query.
    public init(
        metric: String, statistic: Statistic, hours: Hours = .calendar, from: Timestamp? = nil, to: Timestamp? = nil,
        filter: MetricFilter = MetricFilter(), groupBy: [FilterField] = []
    ) {
        self.metric = metric
        self.statistic = statistic
        self.hours = hours
        self.from = from
        self.to = to
        self.filter = filter
        self.groupBy = groupBy
    }
}

/// One group of a query's answer: the values of the grouping dimensions and the figure.
public struct MetricGroup: Hashable, Sendable {
    /// One value per grouping dimension, in the query's order (`nil`: not given).
    public var key: [String?]
    /// For money metrics, the currency (amounts in different currencies are never mixed).
    public var currency: String?
    /// The figure.
    public var figure: Figure

    /// Creates a group.
    public init(key: [String?], currency: String? = nil, figure: Figure) {
        self.key = key
        self.currency = currency
        self.figure = figure
    }
}
