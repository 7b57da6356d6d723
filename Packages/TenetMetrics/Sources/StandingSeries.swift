import TenetModels
import TenetPhilosophy

/// A series the metrics plugin keeps current and publishes: a key metric of a value or a team,
/// or volume and backlog overall and per team.
public struct StandingSeries: Hashable, Sendable {
    /// A stable id (`value:Speed:0`, `team:support:1`, `volume_opened:team=support`).
    public var id: String
    /// The key metric: metric, statistic, clock, period, filter, target.
    public var keyMetric: KeyMetric
    /// Dimensions the figure is split by (empty: one figure).
    public var groupBy: [FilterField]
    /// The value it belongs to, when it is one of a value's key metrics.
    public var value: String?
    /// The team that owns it, when it is a team's metric.
    public var team: String?

    /// Creates a series.
    public init(id: String, keyMetric: KeyMetric, groupBy: [FilterField] = [], value: String? = nil, team: String? = nil) {
        self.id = id
        self.keyMetric = keyMetric
        self.groupBy = groupBy
        self.value = value
        self.team = team
    }

    /// The standing series of a philosophy: every key metric of its values and teams, plus
    /// conversations opened and solved per day and the backlog, overall and by team.
    public static func of(_ philosophy: Philosophy) -> [StandingSeries] {
        var series = philosophy.keyMetricEntries.map {
            StandingSeries(id: $0.id, keyMetric: $0.keyMetric, value: $0.value, team: $0.team)
        }
        for metric in ["volume_opened", "volume_solved"] {
            let key = KeyMetric(metric: metric, statistic: .count, target: nil, period: .day)
            series.append(StandingSeries(id: "\(metric)", keyMetric: key))
            series.append(StandingSeries(id: "\(metric):by_team", keyMetric: key, groupBy: [.dimension(.team)]))
        }
        let backlog = KeyMetric(metric: "backlog", statistic: .last, target: nil, period: .day)
        series.append(StandingSeries(id: "backlog", keyMetric: backlog))
        series.append(StandingSeries(id: "backlog:by_team", keyMetric: backlog, groupBy: [.dimension(.team)]))
        return series
    }

    /// Where a figure stands against the key metric's target: met, at risk (within the margin of
    /// missing it), missed, or no data; `nil` without a target.
    public func status(of figure: Figure, defaultMargin: Double) -> TargetStatus? {
        keyMetric.status(of: figure.value, defaultMargin: defaultMargin)
    }
}
