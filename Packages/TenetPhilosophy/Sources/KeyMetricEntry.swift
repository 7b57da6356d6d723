/// One key metric of the philosophy with the series id the metrics plugin publishes it under
/// (`value:Speed:0`, `team:support:1`) and its owner: a value or a team. The one place these ids
/// are made, for the metrics plugin (its standing series) and the rules plugin (target statuses).
public struct KeyMetricEntry: Hashable, Sendable {
    /// The series id: `value:<value name>:<index>` or `team:<team id>:<index>`, the index counting
    /// the owner's key metrics in file order.
    public var id: String
    /// The key metric.
    public var keyMetric: KeyMetric
    /// The value it belongs to, when it is one of a value's key metrics.
    public var value: String?
    /// The team that owns it, when it is a team's metric.
    public var team: String?

    /// Creates an entry.
    public init(id: String, keyMetric: KeyMetric, value: String? = nil, team: String? = nil) {
        self.id = id
        self.keyMetric = keyMetric
        self.value = value
        self.team = team
    }
}

extension Philosophy {
    /// Every key metric of the values and then of the teams, in file order, with its series id.
    public var keyMetricEntries: [KeyMetricEntry] {
        var entries: [KeyMetricEntry] = []
        for value in values {
            for (index, metric) in value.metrics.enumerated() {
                entries.append(KeyMetricEntry(id: "value:\(value.name):\(index)", keyMetric: metric, value: value.name))
            }
        }
        for team in teams {
            for (index, metric) in team.metrics.enumerated() {
                entries.append(KeyMetricEntry(id: "team:\(team.id):\(index)", keyMetric: metric, team: team.id))
            }
        }
        return entries
    }
}

extension KeyMetric {
    /// Where a figure stands against the target: `nil` without a target; **no data** without a
    /// figure; **missed** when the target does not hold; **at risk** when it holds but the figure
    /// is within the margin of the target's quantity (the key metric's `at_risk`, else
    /// `defaultMargin` — `settings.at_risk_margin`, a fraction — of the quantity), the boundary
    /// included; **met** otherwise. For `<= 1h` with `at_risk: 6m`: 54m is at risk, 53m 59s met,
    /// 1h at risk, 1h 0m 1s missed.
    public func status(of figure: Double?, defaultMargin: Double) -> TargetStatus? {
        guard let target else { return nil }
        guard let figure else { return .noData }
        guard target.isMet(by: figure) else { return .missed }
        let margin = atRisk?.value ?? abs(target.quantity.value) * defaultMargin
        return abs(figure - target.quantity.value) <= margin ? .atRisk : .met
    }
}
