import Foundation
import TenetMetricsProtocol
import TenetPhilosophy
import TenetRulesProtocol

/// Asks the metrics and rules plugins everything a report shows, in the order `tenet report`
/// does: the scorecard; per key metric the earlier periods' figures (`query` with explicit
/// `from`/`to`) and the rows behind its figure (`conversations`); the staffing observations;
/// then the rules plugin's `sla` and `alerts`. A rules plugin that is missing or fails becomes a
/// note in the report, not a failure.
public struct ReportCollector {
    /// Which key metrics' rows to fetch.
    public enum Rows: Sendable {
        /// None (Markdown, JSON).
        case none
        /// The duration metrics' (the HTML's distributions).
        case durations
        /// Every key metric's (the row-level CSV).
        case all
    }

    /// The philosophy the stack runs.
    public var philosophy: Philosophy
    /// `day`, `week` or `month`.
    public var period: String
    /// How many earlier periods per key metric (the last is the trend's reference).
    public var history: Int
    /// Which rows to fetch.
    public var rows: Rows
    /// The most rows per key metric.
    public var rowsLimit: Int
    /// The staffing table's slot length.
    public var staffingIntervalMinutes: Int

    /// Creates a collector.
    public init(philosophy: Philosophy, period: String, history: Int = 6, rows: Rows = .none, rowsLimit: Int = 100_000, staffingIntervalMinutes: Int = 60) {
        self.philosophy = philosophy
        self.period = period
        self.history = history
        self.rows = rows
        self.rowsLimit = rowsLimit
        self.staffingIntervalMinutes = staffingIntervalMinutes
    }

    /// The inputs and the report's span: from `metrics`, and from `rules` when given (else
    /// `rulesNote` says why not).
    ///
    /// - Throws: the metrics plugin's failures as they come; ``ReportError`` for a period that is
    ///   not `day`, `week` or `month`, or a scorecard whose instant does not read.
    public func collect(metrics: some ReportSource, rules: (any ReportSource)?, rulesNote: String? = nil) throws -> (inputs: ReportInputs, span: ReportSpan) {
        guard ["day", "week", "month"].contains(period) else {
            throw ReportError(code: .badPeriod, field: "period", value: period, reason: "use day, week or month")
        }
        let zone = philosophy.organisation.zone
        let scorecard = try metrics.ask(MetricsMethod.scorecard.rawValue, body: NoBody(), as: ScorecardReply.self)
        guard let at = ReportSpan.instant(scorecard.at),
            let span = ReportSpan.containing(at, period: period, zone: zone, weekStart: philosophy.organisation.weekStart.rawValue)
        else {
            throw ReportError(code: .badInstant, field: "scorecard.at", value: scorecard.at, reason: "not an RFC 3339 instant")
        }
        return (try complete(scorecard, metrics: metrics, rules: rules, rulesNote: rulesNote), span)
    }

    /// The inputs given the scorecard: each figure's earlier periods and rows, the staffing
    /// observations, and the rules plugin's replies (or why they are missing).
    func complete(_ scorecard: ScorecardReply, metrics: some ReportSource, rules: (any ReportSource)?, rulesNote: String?) throws
        -> ReportInputs
    {
        let zone = philosophy.organisation.zone
        var inputs = ReportInputs(scorecard: scorecard)
        var asked: Set<String> = []
        for figure in inputs.scorecard.series where (figure.value != nil || figure.team != nil) && asked.insert(figure.series).inserted {
            inputs.history[figure.series] = try earlierFigures(figure, zone: zone, metrics: metrics)
            if figure.figure.dimensions.isEmpty && rowsLimit > 0 && wantsRows(figure.metric) {
                var request = MetricQueryRequest(
                    metric: figure.metric, stat: figure.stat, hours: figure.hours, from: figure.from, to: figure.to,
                    where: figure.filter.isEmpty ? nil : figure.filter)
                request.limit = rowsLimit
                inputs.conversations[figure.series] = try metrics.ask(
                    MetricsMethod.conversations.rawValue, body: request, as: ConversationsReply.self)
            }
        }
        inputs.staffing = try? metrics.ask(
            MetricsMethod.staffing.rawValue, body: StaffingRequest(intervalMinutes: staffingIntervalMinutes), as: StaffingObservationsReply.self)
        if let rules {
            do {
                inputs.sla = try rules.ask(RulesMethod.sla.rawValue, body: SLARequest(limit: 1), as: SLAReply.self)
                inputs.alerts = try rules.ask(RulesMethod.alerts.rawValue, body: AlertsRequest(recent: 1000), as: AlertsReply.self)
            } catch {
                inputs.sla = nil
                inputs.alerts = nil
                inputs.rulesNote = "the rules plugin did not answer: \(error)"
            }
        } else {
            inputs.rulesNote = rulesNote ?? "no rules plugin was asked"
        }
        return inputs
    }

    func wantsRows(_ metric: String) -> Bool {
        switch rows {
        case .none: false
        case .durations: philosophy.kind(ofMetric: metric) == .duration
        case .all: true
        }
    }

    /// The figures of the `history` periods before the current one, oldest first.
    func earlierFigures(_ figure: SeriesFigure, zone: String, metrics: some ReportSource) throws -> [MetricQueryReply] {
        guard history > 0, let from = ReportSpan.instant(figure.from), let to = ReportSpan.instant(figure.to) else { return [] }
        let by = figure.figure.dimensions.keys.sorted()
        return try ReportSpan(from: from, to: to).earlier(history, period: figure.period, zone: zone).map { span in
            let request = MetricQueryRequest(
                metric: figure.metric, stat: figure.stat, hours: figure.hours, from: span.fromText, to: span.toText,
                where: figure.filter.isEmpty ? nil : figure.filter, by: by.isEmpty ? nil : by)
            return try metrics.ask(MetricsMethod.query.rawValue, body: request, as: MetricQueryReply.self)
        }
    }

    /// `{}`.
    struct NoBody: Encodable {}
}
