/// One standing series' figure: the body of a `metric.<name>` event and a row of the scorecard.
public struct SeriesFigure: Codable, Hashable, Sendable {
    /// The series' id (`value:Speed:0`, `team:support:1`, `backlog:by_team`).
    public var series: String
    /// The metric.
    public var metric: String
    /// The statistic.
    public var stat: String
    /// `calendar` or `business`.
    public var hours: String
    /// The period (`week`, `rolling_28d`…).
    public var period: String
    /// The current period's start (RFC 3339).
    public var from: String
    /// Its end.
    public var to: String
    /// The series' filter (`{"channel": ["chat", "email"]}`).
    public var filter: [String: [String]]
    /// The figure (its `dimensions` are the group's values).
    public var figure: FigureBody
    /// The unit of the value.
    public var unit: String
    /// The target (`<= 1h`), when the philosophy sets one.
    public var target: String?
    /// `met`, `at_risk`, `missed` or `no_data`, with a target.
    public var status: String?
    /// The value of the philosophy it belongs to, if any (`value_name` on the wire, apart from
    /// the figure's numeric `value`).
    public var value: String?
    /// The team that owns it, if any.
    public var team: String?
    /// The store sequence number of the last event included.
    public var lastSeq: Int64

    enum CodingKeys: String, CodingKey {
        case series, metric, stat, hours, period, from, to, filter, figure, unit, target, status, team
        case value = "value_name"
        case lastSeq = "last_seq"
    }

    /// Creates a figure.
    public init(
        series: String, metric: String, stat: String, hours: String, period: String, from: String, to: String,
        filter: [String: [String]], figure: FigureBody, unit: String, target: String?, status: String?, value: String?, team: String?,
        lastSeq: Int64
    ) {
        self.series = series
        self.metric = metric
        self.stat = stat
        self.hours = hours
        self.period = period
        self.from = from
        self.to = to
        self.filter = filter
        self.figure = figure
        self.unit = unit
        self.target = target
        self.status = status
        self.value = value
        self.team = team
        self.lastSeq = lastSeq
    }
}
