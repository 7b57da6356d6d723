import TenetModels
import TenetPhilosophy

/// Where one key metric stands against its target at an instant: the latest figure of its series
/// and the status it gives.
public struct TargetReading: Hashable, Sendable, Codable {
    /// The series id (`value:Speed:0`, `team:support:1`).
    public var series: String
    /// The value the key metric belongs to, when it is a value's.
    public var valueName: String?
    /// The team that owns it, when it is a team's.
    public var team: String?
    /// The metric (`first_response_time`).
    public var metric: String
    /// The statistic (`p90`, `rate`, `within_15m`).
    public var stat: String
    /// The period (`week`, `rolling_28d`).
    public var period: String
    /// The target as written (`<= 1h`).
    public var target: String
    /// The unit figures are written in.
    public var unit: ValueUnit
    /// The status.
    public var status: TargetStatus
    /// The figure (seconds, percent or a plain number); `nil` without data.
    public var value: Double?
    /// How many measurements the figure is made of.
    public var sampleSize: Int
    /// When the figure was observed.
    public var at: Timestamp

    /// Creates a reading.
    public init(
        series: String, valueName: String?, team: String?, metric: String, stat: String, period: String, target: String, unit: ValueUnit,
        status: TargetStatus, value: Double?, sampleSize: Int, at: Timestamp
    ) {
        self.series = series
        self.valueName = valueName
        self.team = team
        self.metric = metric
        self.stat = stat
        self.period = period
        self.target = target
        self.unit = unit
        self.status = status
        self.value = value
        self.sampleSize = sampleSize
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case series, team, metric, stat, period, target, unit, status, value, at
        case valueName = "value_name"
        case sampleSize = "sample_size"
    }

    /// Reads a reading (`at` as RFC 3339).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        series = try container.decode(String.self, forKey: .series)
        valueName = try container.decodeIfPresent(String.self, forKey: .valueName)
        team = try container.decodeIfPresent(String.self, forKey: .team)
        metric = try container.decode(String.self, forKey: .metric)
        stat = try container.decode(String.self, forKey: .stat)
        period = try container.decode(String.self, forKey: .period)
        target = try container.decode(String.self, forKey: .target)
        unit = try container.decode(ValueUnit.self, forKey: .unit)
        status = try container.decode(TargetStatus.self, forKey: .status)
        value = try container.decodeIfPresent(Double.self, forKey: .value)
        sampleSize = try container.decode(Int.self, forKey: .sampleSize)
        at = try container.decodeTime(forKey: .at)
    }

    /// Writes the reading; keys that do not apply are absent.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(series, forKey: .series)
        try container.encodeIfPresent(valueName, forKey: .valueName)
        try container.encodeIfPresent(team, forKey: .team)
        try container.encode(metric, forKey: .metric)
        try container.encode(stat, forKey: .stat)
        try container.encode(period, forKey: .period)
        try container.encode(target, forKey: .target)
        try container.encode(unit, forKey: .unit)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(value, forKey: .value)
        try container.encode(sampleSize, forKey: .sampleSize)
        try container.encode(at.exactText, forKey: .at)
    }
}
