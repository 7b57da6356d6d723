/// A key metric's target status (the body of a `target.<value>.<metric>` bus event, and a row of
/// an `alerts` reply).
public struct TargetBody: Codable, Hashable, Sendable {
    /// The standing series' id.
    public var series: String
    /// The value of the philosophy, if the metric is one of a value's.
    public var valueName: String?
    /// The team, if the metric is one of a team's.
    public var team: String?
    /// The metric.
    public var metric: String
    /// The statistic.
    public var stat: String
    /// The period.
    public var period: String
    /// The target (`<= 1h`).
    public var target: String
    /// The status left (absent for the first reading).
    public var from: String?
    /// `met`, `at_risk`, `missed` or `no_data`.
    public var status: String
    /// The figure (absent without data).
    public var value: Double?
    /// How many measurements the figure covers.
    public var sampleSize: Int
    /// When the status was read (RFC 3339).
    public var at: String

    enum CodingKeys: String, CodingKey {
        case series, team, metric, stat, period, target, from, status, value, at
        case valueName = "value_name"
        case sampleSize = "sample_size"
    }

    /// Creates a body.
    public init(
        series: String, valueName: String?, team: String?, metric: String, stat: String, period: String, target: String,
        from: String?, status: String, value: Double?, sampleSize: Int, at: String
    ) {
        self.series = series
        self.valueName = valueName
        self.team = team
        self.metric = metric
        self.stat = stat
        self.period = period
        self.target = target
        self.from = from
        self.status = status
        self.value = value
        self.sampleSize = sampleSize
        self.at = at
    }
}
