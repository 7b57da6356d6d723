import TenetMetricsProtocol
import TenetPhilosophy

extension MetricCondition {
    /// The `query` request that gives this condition's series from the metrics plugin: metric,
    /// statistic, clock, current period, filter, and the `by` dimensions as groups. Its reply
    /// goes to ``AlertEngine/observe(rule:samples:at:)`` through ``AlertSample/samples(from:)``.
    public var query: MetricQueryRequest {
        let filter = Dictionary(series.filter.clauses.map { ($0.field.description, $0.values) }) { first, _ in first }
        return MetricQueryRequest(
            metric: series.metric, stat: series.statistic.description, hours: series.hours.rawValue, period: series.period.description,
            where: filter.isEmpty ? nil : filter, by: groupBy.isEmpty ? nil : groupBy.map(\.description))
    }
}

extension AlertEngine {
    /// The metric rules and the `query` each needs, by rule name: what the rules plugin asks the
    /// metrics plugin for at each evaluation, before ``observe(rule:samples:at:)``.
    public var metricQueries: [(rule: String, query: MetricQueryRequest)] {
        rules.values.sorted { $0.name < $1.name }.compactMap { rule in
            guard case .metric(let condition) = rule.source else { return nil }
            return (rule.name, condition.query)
        }
    }
}
