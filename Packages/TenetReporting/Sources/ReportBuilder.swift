import Foundation
import TenetCalendar
import TenetMetricsProtocol
import TenetPhilosophy
import TenetRulesProtocol
import TenetStaffing

/// Builds a ``ReportModel`` from the plugins' replies and the philosophy: a pure function, so
/// the same replies always give the same report. Figures are the scorecard's own (the numbers
/// `tenet metrics` shows), written by ``FigureText``; nothing is recomputed.
public struct ReportBuilder: Sendable {
    /// The philosophy the stack runs.
    public var philosophy: Philosophy
    /// The report's period name (`day`, `week`, `month`).
    public var period: String
    /// The report's span: which alert transitions and SLA breaches it lists.
    public var span: ReportSpan
    /// The service-level target the staffing table plans for (`80/20`).
    public var staffingTarget: String

    /// Creates a builder.
    public init(philosophy: Philosophy, period: String, span: ReportSpan, staffingTarget: String = "80/20") {
        self.philosophy = philosophy
        self.period = period
        self.span = span
        self.staffingTarget = staffingTarget
    }

    /// The report the replies in `inputs` make.
    public func build(_ inputs: ReportInputs) -> ReportModel {
        let card = inputs.scorecard
        let entries = Dictionary(philosophy.keyMetricEntries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let lines = card.series.map { line($0, entry: entries[$0.series], history: inputs.history[$0.series] ?? []) }
        let owned = Array(zip(card.series, lines))
        let values = philosophy.values.map { value in
            ReportModel.ValueSection(name: value.name, action: value.action, metrics: owned.filter { $0.0.value == value.name }.map { $0.1 })
        }
        let teams = philosophy.teams.map { team in
            ReportModel.TeamSection(
                id: team.id, name: team.name, metrics: owned.filter { $0.0.value == nil && $0.0.team == team.id }.map { $0.1 })
        }
        let others = owned.filter { $0.0.value == nil && $0.0.team == nil && $0.0.figure.dimensions.isEmpty }.map { $0.1 }
        return ReportModel(
            organisation: philosophy.organisation.name, period: period, from: span.fromText, to: span.toText, generatedAt: card.at,
            lastSeq: card.lastSeq, purpose: philosophy.purpose, vision: philosophy.vision, values: values, teams: teams, others: others,
            sla: sla(inputs.sla, note: inputs.rulesNote), alerts: alerts(inputs.alerts, note: inputs.rulesNote),
            staffing: staffing(inputs.staffing), rows: rowSets(lines: values.flatMap(\.metrics) + teams.flatMap(\.metrics), inputs))
    }

    /// `dim=value` pairs, sorted; a missing value is `-`.
    static func groupText(_ dimensions: [String: String?]) -> String {
        dimensions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value ?? "-")" }.joined(separator: " ")
    }

    /// One scorecard figure with its trend and history.
    func line(_ figure: SeriesFigure, entry: KeyMetricEntry?, history: [MetricQueryReply]) -> ReportModel.KeyMetricLine {
        let filter = figure.filter.filter { $0.key != "team" || figure.team == nil }
            .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.joined(separator: ","))" }.joined(separator: " ")
        let body = figure.figure
        func matching(_ reply: MetricQueryReply) -> FigureBody? {
            reply.groups.first { $0.dimensions == body.dimensions } ?? (body.dimensions.isEmpty && reply.groups.count == 1 ? reply.groups[0] : nil)
        }
        var trend: ReportModel.Trend?
        if let previousReply = history.last {
            let previous = matching(previousReply)
            let change = body.value.flatMap { actual in previous?.value.map { actual - $0 } }
            var direction: String?
            if let change, let target = entry?.keyMetric.target {
                direction = FigureText.isNegligible(change, unit: figure.unit) ? "same" : (change < 0) == target.comparison.lowerIsBetter ? "better" : "worse"
            }
            trend = ReportModel.Trend(
                from: previousReply.from ?? "", to: previousReply.to ?? figure.from, previous: previous?.value,
                previousText: FigureText.value(previous?.value, unit: figure.unit, currency: previous?.currency),
                previousSampleSize: previous?.sampleSize ?? 0, change: change,
                changeText: FigureText.change(change, unit: figure.unit, currency: body.currency), direction: direction)
        }
        let points =
            history.isEmpty
            ? []
            : history.map { reply in
                let group = matching(reply)
                return ReportModel.HistoryPoint(
                    from: reply.from ?? "", label: label(reply.from ?? "", period: figure.period), value: group?.value,
                    sampleSize: group?.sampleSize ?? 0)
            } + [
                ReportModel.HistoryPoint(
                    from: figure.from, label: label(figure.from, period: figure.period), value: body.value, sampleSize: body.sampleSize)
            ]
        return ReportModel.KeyMetricLine(
            series: figure.series, metric: figure.metric, stat: figure.stat, hours: figure.hours, period: figure.period, filter: filter,
            group: Self.groupText(body.dimensions), from: figure.from, to: figure.to, target: figure.target, actual: body.value,
            actualText: FigureText.value(body.value, unit: figure.unit, currency: body.currency), unit: figure.unit, currency: body.currency,
            sampleSize: body.sampleSize, numerator: body.numerator, denominator: body.denominator, status: figure.status, trend: trend,
            history: points)
    }

    /// A period's first day in the organisation's zone (`2026-11-23`, `2026-11-23 14:00` for hours).
    func label(_ instant: String, period: String) -> String {
        guard let date = ReportSpan.instant(instant) else { return String(instant.prefix(10)) }
        return ReportSpan.localText(date, zone: philosophy.organisation.zone, withHour: period == "hour")
    }

    func sla(_ reply: SLAReply?, note: String?) -> ReportModel.SLASection {
        guard let reply else {
            return ReportModel.SLASection(available: false, note: note ?? "the rules plugin did not answer", attainment: [], breaches: [])
        }
        let attainment = reply.attainment.map {
            ReportModel.AttainmentLine(
                policy: $0.policy, clock: $0.metric, applied: $0.applied, met: $0.met, breached: $0.breached, nearBreaches: $0.nearBreaches,
                percent: $0.percent, percentText: FigureText.value($0.percent, unit: "percent"))
        }
        let breaches = reply.breaches.filter { $0.kind == "breach" && span.contains($0.at) }.map {
            ReportModel.BreachLine(
                at: $0.at, conversation: $0.conversation, policy: $0.policy, clock: $0.metric,
                targetText: FigureText.value($0.targetSeconds, unit: "seconds"), elapsedText: FigureText.value($0.elapsedSeconds, unit: "seconds"))
        }
        return ReportModel.SLASection(available: true, note: nil, attainment: attainment, breaches: breaches)
    }

    func alerts(_ reply: AlertsReply?, note: String?) -> ReportModel.AlertsSection {
        guard let reply else {
            return ReportModel.AlertsSection(available: false, note: note ?? "the rules plugin did not answer", transitions: [])
        }
        let transitions = reply.recent.filter { span.contains($0.at) }.map {
            ReportModel.TransitionLine(
                at: $0.at, rule: $0.rule, severity: $0.severity, from: $0.from, to: $0.to,
                labels: $0.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "), valueText: $0.valueText)
        }
        return ReportModel.AlertsSection(available: true, note: nil, transitions: transitions)
    }

    func staffing(_ reply: StaffingObservationsReply?) -> ReportModel.StaffingSection {
        guard let reply else {
            return ReportModel.StaffingSection(
                available: false, note: "no staffing observations", zone: philosophy.organisation.zone, intervalMinutes: 0,
                target: staffingTarget, slots: [])
        }
        do {
            let target = try StaffingTarget(goal: try StaffingTarget.serviceLevel(parsing: staffingTarget))
            let planner = try StaffingPlanner(intervalMinutes: reply.intervalMinutes, handleTime: .observed, target: target)
            let observations = reply.slots.compactMap { slot -> IntervalObservation? in
                guard let weekday = Weekday(name: slot.weekday), slot.days > 0 else { return nil }
                // As `tenet staffing` does: the slot's mean handle time over its handled contacts, for every contact.
                let mean = slot.handled > 0 ? slot.handleSeconds / Double(slot.handled) : 0
                return IntervalObservation(
                    slot: IntervalSlot(weekday: weekday, startMinute: slot.startMinute), dayCount: slot.days, contactCount: slot.contacts,
                    handleTimeSum: mean * Double(slot.contacts))
            }
            let slots = try planner.plan(observations).map {
                ReportModel.StaffingLine(
                    slot: $0.slot.description, contacts: $0.contactCount, days: $0.dayCount,
                    contactsPerDay: Double($0.contactCount) / Double(max(1, $0.dayCount)), aht: $0.aht, agents: $0.agents,
                    serviceLevel: $0.serviceLevel)
            }
            return ReportModel.StaffingSection(
                available: true, note: nil, zone: reply.zone, intervalMinutes: reply.intervalMinutes, target: staffingTarget, slots: slots)
        } catch {
            return ReportModel.StaffingSection(
                available: false, note: "\(error)", zone: reply.zone, intervalMinutes: reply.intervalMinutes, target: staffingTarget,
                slots: [])
        }
    }

    func rowSets(lines: [ReportModel.KeyMetricLine], _ inputs: ReportInputs) -> [ReportModel.RowSet] {
        var seen: Set<String> = []
        let withRows = lines.filter { inputs.conversations[$0.series] != nil && seen.insert($0.series).inserted }
        var metricCount: [String: Int] = [:]
        for line in withRows { metricCount[line.metric, default: 0] += 1 }
        return withRows.flatMap { line -> [ReportModel.RowSet] in
            guard let reply = inputs.conversations[line.series], reply.total > 0 || !reply.rows.isEmpty else { return [] }
            let column = metricCount[line.metric, default: 0] > 1 ? "\(line.metric) (\(line.series))" : line.metric
            func rows(_ part: String?) -> [ReportModel.Row] {
                reply.rows.filter { $0.part == part }.map {
                    ReportModel.Row(conversation: $0.conversation, at: $0.at, value: $0.value, businessValue: $0.businessValue, dimensions: $0.dimensions)
                }
            }
            // A rate measured from events, retention and churn: a column of 1s for the numerator
            // and one for the denominator, whose sums divide to the figure.
            if reply.rows.contains(where: { $0.part != nil }) {
                return ["numerator", "denominator"].map { part in
                    let counted = rows(part)
                    return ReportModel.RowSet(
                        series: line.series, column: "\(column)_\(part)", metric: line.metric, unit: "count", business: false,
                        total: reply.parts?[part] ?? counted.count, rows: counted)
                }
            }
            // A duration's rows are seconds whatever the statistic (`within_15m` is a percentage of them).
            let unit = philosophy.kind(ofMetric: line.metric) == .duration ? "seconds" : line.unit
            return [
                ReportModel.RowSet(
                    series: line.series, column: column, metric: line.metric, unit: unit, business: line.hours == "business",
                    total: reply.total, rows: rows(nil))
            ]
        }
    }
}
