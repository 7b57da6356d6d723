import Foundation
import TenetMetrics
import TenetMetricsProtocol
import TenetPhilosophy

extension ReportCollector {
    /// The inputs of the report of a closed `span` (a day or a week that has ended, for the
    /// scheduled reports): as ``collect(metrics:rules:rulesNote:)`` does, except that the
    /// scorecard is not the metrics plugin's current one. Every standing series is asked with
    /// `query` over exactly `span` (its statistic, clock, filter and grouping unchanged), and its
    /// status is the key metric's rule applied to that figure (``KeyMetric/status(of:defaultMargin:)``,
    /// the rule the metrics plugin applies to its current figures). Each line's period is the
    /// collector's ``period``, so the trend's earlier periods are the days or weeks before `span`.
    ///
    /// - Parameter at: when the report is made (its `generated_at`).
    /// - Throws: the metrics plugin's failures as they come; ``ReportError`` for a period that is
    ///   not `day`, `week` or `month`.
    public func collect(span: ReportSpan, at: Date, metrics: some ReportSource, rules: (any ReportSource)?, rulesNote: String? = nil) throws
        -> ReportInputs
    {
        guard ["day", "week", "month"].contains(period) else {
            throw ReportError(code: .badPeriod, field: "period", value: period, reason: "use day, week or month")
        }
        let card = try scorecard(of: span, at: at, metrics: metrics)
        return try complete(card, metrics: metrics, rules: rules, rulesNote: rulesNote)
    }

    /// The scorecard of a closed `span`: one `query` per standing series (``StandingSeries/of(_:)``:
    /// the key metrics of the values and teams, then volume and backlog), in the order the
    /// metrics plugin's `scorecard` lists them. `last_seq` is the smallest of the replies' (the
    /// events every figure includes).
    public func scorecard(of span: ReportSpan, at: Date, metrics: some ReportSource) throws -> ScorecardReply {
        var figures: [SeriesFigure] = []
        var lastSeq: Int64?
        for standing in StandingSeries.of(philosophy) {
            let key = standing.keyMetric
            let filter = Dictionary(key.filter.clauses.map { ($0.field.description, $0.values) }) { first, _ in first }
            let by = standing.groupBy.map(\.description)
            let request = MetricQueryRequest(
                metric: key.metric, stat: key.statistic.description, hours: key.hours.rawValue, from: span.fromText, to: span.toText,
                where: filter.isEmpty ? nil : filter, by: by.isEmpty ? nil : by)
            let reply = try metrics.ask(MetricsMethod.query.rawValue, body: request, as: MetricQueryReply.self)
            lastSeq = min(lastSeq ?? reply.lastSeq, reply.lastSeq)
            for group in reply.groups {
                figures.append(
                    SeriesFigure(
                        series: standing.id, metric: key.metric, stat: key.statistic.description, hours: key.hours.rawValue, period: period,
                        from: span.fromText, to: span.toText, filter: filter, figure: group, unit: reply.unit,
                        target: key.target?.description,
                        status: key.status(of: group.value, defaultMargin: philosophy.settings.atRiskMargin)?.rawValue,
                        value: standing.value, team: standing.team, lastSeq: reply.lastSeq))
            }
        }
        return ScorecardReply(at: ReportSpan.text(at), series: figures, lastSeq: lastSeq ?? 0)
    }
}
