import Foundation
import TenetModels
import TenetRulesProtocol

/// The replies the tests print: a support team at 09:30 UTC (10:30 in Berlin) on Friday
/// 27 November 2026, with one alert firing and one pending.
enum RulesTextExamples {
    static let now = Timestamp(rfc3339: "2026-11-27T09:30:00Z")!
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    /// Foundation names UTC `GMT`.
    static let utc = TimeZone(secondsFromGMT: 0)!
    static let support = ["team": "support", "channel": "chat"]

    static let alerts = AlertsReply(
        at: "2026-11-27T09:30:00Z",
        // Pending first on purpose: the text puts firing first whatever the order.
        active: [
            AlertBody(
                alertID: "a2", rule: "CsatDropping", state: "pending", severity: "warning", labels: ["team": "billing"], annotations: [:],
                activeAt: "2026-11-27T09:27:00Z", firedAt: nil, resolvedAt: nil, value: 83.5, valueText: "83.5%"),
            AlertBody(
                alertID: "a1", rule: "FirstResponseSlipping", state: "firing", severity: "critical", labels: support,
                annotations: ["summary": "p90 first response 1h 12m"], activeAt: "2026-11-27T09:08:00Z", firedAt: "2026-11-27T09:18:00Z",
                resolvedAt: nil, value: 4320, valueText: "1h 12m"),
        ],
        targets: [
            TargetBody(
                series: "speed/first_response_time", valueName: "Speed", team: nil, metric: "first_response_time", stat: "p90",
                period: "week", target: "<= 1h", from: "met", status: "missed", value: 4320, sampleSize: 225, at: "2026-11-27T09:18:00Z"),
            TargetBody(
                series: "team/billing/csat", valueName: nil, team: "billing", metric: "csat", stat: "rate", period: "rolling_28d",
                target: ">= 90%", from: nil, status: "at_risk", value: 88.4, sampleSize: 40, at: "2026-11-27T09:00:00Z"),
        ],
        recent: [
            TransitionBody(
                id: "t3", alertID: "a2", rule: "CsatDropping", severity: "warning", labels: ["team": "billing"], from: "inactive",
                to: "pending", at: "2026-11-27T09:27:00Z", activeAt: "2026-11-27T09:27:00Z", value: 83.5, valueText: "83.5%",
                annotations: [:]),
            TransitionBody(
                id: "t2", alertID: "a1", rule: "FirstResponseSlipping", severity: "critical", labels: support, from: "pending",
                to: "firing", at: "2026-11-27T09:18:00Z", activeAt: "2026-11-27T09:08:00Z", value: 4320, valueText: "1h 12m",
                annotations: [:]),
            TransitionBody(
                id: "t1", alertID: "a1", rule: "FirstResponseSlipping", severity: "critical", labels: support, from: "inactive",
                to: "pending", at: "2026-11-27T09:08:00.123456789Z", activeAt: "2026-11-27T09:08:00.123456789Z", value: 3900,
                valueText: "1h 05m", annotations: [:]),
        ])

    static let sla = SLAReply(
        at: "2026-11-27T09:30:00Z", live: true, total: 3,
        clocks: [
            SLAClockBody(
                conversation: "c-1042", policy: "standard", metric: "first_response", targetSeconds: 3600, elapsedSeconds: 4320,
                remainingSeconds: -720, breachAt: "2026-11-27T09:18:00Z", warned: true, breached: true, paused: false),
            SLAClockBody(
                conversation: "c-1043", policy: "standard", metric: "next_reply", targetSeconds: 7200, elapsedSeconds: 6960,
                remainingSeconds: 240, breachAt: "2026-11-27T09:34:00Z", warned: true, breached: false, paused: false),
            SLAClockBody(
                conversation: "c-1050", policy: "vip", metric: "resolution", targetSeconds: 86_400, elapsedSeconds: 10_800,
                remainingSeconds: 75_600, breachAt: nil, warned: false, breached: false, paused: true),
        ],
        attainment: [
            SLAAttainmentBody(policy: "standard", metric: "first_response", applied: 50, met: 45, breached: 5, nearBreaches: 3, percent: 90),
            SLAAttainmentBody(policy: "standard", metric: "next_reply", applied: 0, met: 0, breached: 0, nearBreaches: 0, percent: nil),
            SLAAttainmentBody(policy: "vip", metric: "resolution", applied: 3, met: 2, breached: 1, nearBreaches: 0, percent: 200.0 / 3),
        ],
        breaches: [
            SLAEmissionBody(
                id: "c-1042/first_response/breach/1", kind: "breach", conversation: "c-1042", policy: "standard", metric: "first_response",
                at: "2026-11-27T09:18:00Z", targetSeconds: 3600, elapsedSeconds: 3600, breachAt: nil)
        ],
        nearBreaches: [
            SLAEmissionBody(
                id: "c-0999/first_response/met/1", kind: "near_breach", conversation: "c-0999", policy: "standard",
                metric: "first_response", at: "2026-11-27T08:55:00Z", targetSeconds: 3600, elapsedSeconds: 3300, breachAt: nil)
        ])

    static let silence = SilenceBody(
        id: "s3", rule: "FirstResponseSlipping", labels: ["team": "support"], startsAt: "2026-11-27T09:30:00Z",
        endsAt: "2026-11-27T11:30:00Z", createdBy: "ops", comment: "migration", active: true)
}
