import TenetYAML

/// One key metric of a value or a team: which figure, over which events and period, against
/// which target.
public struct KeyMetric: Hashable, Sendable {
    /// The metric's canonical name (a built-in one, or a custom metric of the file).
    public var metric: String
    /// How measurements become the figure.
    public var statistic: Statistic
    /// The goal, when one is set (a team may list a metric only to see it).
    public var target: Target?
    /// Which clock durations use.
    public var hours: Hours
    /// The span one figure covers.
    public var period: Period
    /// Which conversations or events count.
    public var filter: MetricFilter
    /// How close to the target, on the bad side of it, a met figure is "at risk", in the
    /// target's unit; `nil` uses the philosophy's default relative margin.
    public var atRisk: Quantity?
    /// Where the entry is written.
    public var position: YAMLPosition

    /// Creates a key metric.
    public init(
        metric: String, statistic: Statistic, target: Target?, hours: Hours = .calendar, period: Period = .week,
        filter: MetricFilter = MetricFilter(), atRisk: Quantity? = nil, position: YAMLPosition = .file
    ) {
        self.metric = metric
        self.statistic = statistic
        self.target = target
        self.hours = hours
        self.period = period
        self.filter = filter
        self.atRisk = atRisk
        self.position = position
    }

    /// A stable key for the series this key metric reads: metric, statistic, clock, period and
    /// filter (`first_response_time:p90:business:week:channel=chat,email`).
    public var seriesKey: String {
        let filterText = filter.clauses.map { "\($0.field)=\($0.values.sorted().joined(separator: ","))" }.sorted()
            .joined(separator: ";")
        return "\(metric):\(statistic):\(hours.rawValue):\(period)" + (filterText.isEmpty ? "" : ":\(filterText)")
    }
}

/// A value of the philosophy: its name, the action statement that lives it, and the key
/// metrics that show whether it is lived.
public struct PhilosophyValue: Hashable, Sendable {
    /// `Speed`.
    public var name: String
    /// `Treat every customer with urgency.`
    public var action: String
    /// Its key metrics, in file order.
    public var metrics: [KeyMetric]
    /// Where the value is written.
    public var position: YAMLPosition

    /// Creates a value.
    public init(name: String, action: String, metrics: [KeyMetric], position: YAMLPosition = .file) {
        self.name = name
        self.action = action
        self.metrics = metrics
        self.position = position
    }
}

/// A team and the metrics it owns.
public struct Team: Hashable, Sendable {
    /// The team's id, as events carry it in `team` (`support`).
    public var id: String
    /// A display name (`Customer Support`).
    public var name: String
    /// The metrics it owns, with a target where one is set; filtered to the team.
    public var metrics: [KeyMetric]
    /// Where the team is written.
    public var position: YAMLPosition

    /// Creates a team.
    public init(id: String, name: String, metrics: [KeyMetric], position: YAMLPosition = .file) {
        self.id = id
        self.name = name
        self.metrics = metrics
        self.position = position
    }
}
