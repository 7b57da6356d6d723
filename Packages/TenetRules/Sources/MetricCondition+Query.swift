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
