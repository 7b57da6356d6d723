import Foundation
import TenetMetricsProtocol
import TenetPhilosophy
import TenetReporting
import TenetRulesProtocol

/// A small report: two values with one key metric each, one team, a volume figure, the rows
/// behind every key metric, SLA and alerts replies and one staffing slot. Its figures are
/// consistent: the p90 of the response times 600, 1200, 2000, 3000 s is 2700 s; 3 of 4 first
/// contacts resolved; 2 of 3 CSAT answers positive.
enum ReportFixture {
    static let philosophyText = """
        organisation: { name: Acme Help, zone: UTC }
        purpose: "Strengthen human connection."
        vision: "We create happiness."
        values:
          - name: Speed
            action: "Treat every customer with urgency."
            metrics:
              - { metric: first_response_time, stat: p90, target: "<= 1h" }
          - name: Quality
            action: "Get it right the first time."
            metrics:
              - { metric: first_contact_resolution, target: ">= 70%" }
        teams:
          support:
            name: Customer Support
            metrics:
              - { metric: csat, target: ">= 90%" }
        """

    static var philosophy: Philosophy {
        get throws {
            let result = PhilosophyParser.parse(philosophyText)
            guard let philosophy = result.philosophy else { throw FixtureError(diagnostics: "\(result.diagnostics)") }
            return philosophy
        }
    }

    struct FixtureError: Error { var diagnostics: String }

    static let from = "2026-11-23T00:00:00Z"
    static let to = "2026-11-30T00:00:00Z"
    static let previousFrom = "2026-11-16T00:00:00Z"

    static func figure(
        _ series: String, _ metric: String, stat: String, filter: [String: [String]] = [:], value: Double?, n: Int, numerator: Int? = nil,
        denominator: Int? = nil, unit: String, target: String?, status: String?, valueName: String? = nil, team: String? = nil
    ) -> SeriesFigure {
        SeriesFigure(
            series: series, metric: metric, stat: stat, hours: "calendar", period: "week", from: from, to: to, filter: filter,
            figure: FigureBody(dimensions: [:], value: value, sampleSize: n, numerator: numerator, denominator: denominator, currency: nil),
            unit: unit, target: target, status: status, value: valueName, team: team, lastSeq: 42)
    }

    static let scorecard = ScorecardReply(
        at: "2026-11-25T12:00:00Z",
        series: [
            figure(
                "value:Speed:0", "first_response_time", stat: "p90", value: 2700, n: 4, unit: "seconds", target: "<= 1h", status: "met",
                valueName: "Speed"),
            figure(
                "value:Quality:0", "first_contact_resolution", stat: "rate", value: 75, n: 4, numerator: 3, denominator: 4, unit: "percent",
                target: ">= 70%", status: "met", valueName: "Quality"),
            figure(
                "team:support:0", "csat", stat: "rate", filter: ["team": ["support"]], value: 200.0 / 3, n: 3, numerator: 2, denominator: 3,
                unit: "percent", target: ">= 90%", status: "missed", team: "support"),
            figure("volume:opened", "conversations_opened", stat: "count", value: 5, n: 5, unit: "count", target: nil, status: nil),
        ],
        lastSeq: 42)

    static func previous(_ metric: String, stat: String, unit: String, value: Double, n: Int, numerator: Int? = nil, denominator: Int? = nil)
        -> MetricQueryReply
    {
        MetricQueryReply(
            metric: metric, stat: stat, hours: "calendar", from: previousFrom, to: from, unit: unit,
            groups: [FigureBody(dimensions: [:], value: value, sampleSize: n, numerator: numerator, denominator: denominator, currency: nil)],
            lastSeq: 42)
    }

    static let history: [String: [MetricQueryReply]] = [
        "value:Speed:0": [previous("first_response_time", stat: "p90", unit: "seconds", value: 3000, n: 3)],
        "value:Quality:0": [previous("first_contact_resolution", stat: "rate", unit: "percent", value: 80, n: 5, numerator: 4, denominator: 5)],
    ]

    static func row(_ conversation: String, _ at: String, _ value: Double, business: Double? = nil, channel: String = "email") -> RowBody {
        RowBody(
            conversation: conversation, at: at, value: value, businessValue: business ?? value, currency: nil,
            dimensions: ["team": "support", "channel": channel])
    }

    static let conversations: [String: ConversationsReply] = [
        "value:Speed:0": ConversationsReply(
            metric: "first_response_time", from: from, to: to, total: 4,
            rows: [
                row("c1", "2026-11-23T09:00:00Z", 600, business: 300), row("c2", "2026-11-23T10:00:00Z", 1200),
                row("c3", "2026-11-24T10:00:00Z", 2000), row("c4", "2026-11-24T11:00:00Z", 3000, business: 1500),
            ]),
        "value:Quality:0": ConversationsReply(
            metric: "first_contact_resolution", from: from, to: to, total: 4,
            rows: [
                row("c1", "2026-11-23T12:00:00Z", 1), row("c2", "2026-11-23T13:00:00Z", 1), row("c3", "2026-11-24T15:00:00Z", 0),
                row("c4", "2026-11-24T16:00:00Z", 1),
            ]),
        "team:support:0": ConversationsReply(
            metric: "csat", from: from, to: to, total: 3,
            rows: [
                row("c1", "2026-11-23T14:00:00Z", 1), row("c1", "2026-11-25T08:00:00Z", 0),
                row("c5", "2026-11-25T09:00:00Z", 1, channel: "chat"),
            ]),
    ]

    static let sla = SLAReply(
        at: "2026-11-25T12:00:00Z", live: true, total: 0, clocks: [],
        attainment: [SLAAttainmentBody(policy: "urgent", metric: "first_response", applied: 4, met: 3, breached: 1, nearBreaches: 1, percent: 75)],
        breaches: [
            SLAEmissionBody(
                id: "b1", kind: "breach", conversation: "c3", policy: "urgent", metric: "first_response", at: "2026-11-24T10:15:00.123456789Z",
                targetSeconds: 900, elapsedSeconds: 900, breachAt: nil),
            SLAEmissionBody(
                id: "b0", kind: "breach", conversation: "c0", policy: "urgent", metric: "first_response", at: "2026-11-20T10:15:00Z",
                targetSeconds: 900, elapsedSeconds: 900, breachAt: nil),
        ],
        nearBreaches: [])

    static let alerts = AlertsReply(
        at: "2026-11-25T12:00:00Z", active: [], targets: [],
        recent: [
            TransitionBody(
                id: "t2", alertID: "a1", rule: "frt_slow", severity: "warning", labels: ["team": "support"], from: "pending", to: "firing",
                at: "2026-11-24T09:00:00Z", activeAt: "2026-11-24T08:55:00Z", value: 3900, valueText: "1h 05m", annotations: [:]),
            TransitionBody(
                id: "t1", alertID: "a0", rule: "frt_slow", severity: "warning", labels: ["team": "support"], from: "firing", to: "resolved",
                at: "2026-11-10T09:00:00Z", activeAt: "2026-11-10T08:00:00Z", value: 1200, valueText: "20m 00s", annotations: [:]),
        ])

    static let staffing = StaffingObservationsReply(
        zone: "UTC", intervalMinutes: 60, firstDay: "2026-11-16", lastDay: "2026-11-24",
        slots: [SlotObservation(weekday: "mon", startMinute: 540, days: 2, contacts: 20, handled: 20, handleSeconds: 6000)])

    static let span = ReportSpan(from: ReportSpan.instant(from)!, to: ReportSpan.instant(to)!)

    static var model: ReportModel {
        get throws {
            ReportBuilder(philosophy: try philosophy, period: "week", span: span).build(
                ReportInputs(
                    scorecard: scorecard, history: history, conversations: conversations, sla: sla, alerts: alerts, staffing: staffing))
        }
    }

    /// The fixture cut to one key metric with its trend, the SLA and alerts replies: small
    /// enough to compare JSON byte for byte.
    static var smallModel: ReportModel {
        get throws {
            var card = scorecard
            card.series = [scorecard.series[0]]
            return ReportBuilder(philosophy: try philosophy, period: "week", span: span).build(
                ReportInputs(scorecard: card, history: history, sla: sla, alerts: alerts))
        }
    }
}
