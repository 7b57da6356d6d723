import TenetModels
import TenetNotify
import TenetRules
import TenetRulesProtocol
import TenetSLA

/// A request the rules plugin refuses, with the reason shown to the caller.
public struct RulesRequestError: Error, Sendable {
    /// What was wrong.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }
}

extension RulesService {
    /// Answers `alerts` at `now`.
    public func alerts(_ request: AlertsRequest, now: Timestamp) throws(RulesRequestError) -> AlertsReply {
        let recent = request.recent ?? 50
        guard (0...Self.historyLimit).contains(recent) else { throw RulesRequestError("`recent` must be 0…\(Self.historyLimit)") }
        let order: [AlertState: Int] = [.firing: 0, .pending: 1, .resolved: 2, .inactive: 3]
        let instances = engine.instances.filter { $0.state != .inactive }.sorted { a, b in
            (order[a.state] ?? 9, a.rule, a.labels.sorted { $0.key < $1.key }.description)
                < (order[b.state] ?? 9, b.rule, b.labels.sorted { $0.key < $1.key }.description)
        }
        let latest = Dictionary(history.map { ($0.alertID, $0) }) { _, last in last }
        let active = instances.map { instance in
            AlertBody(
                alertID: instance.alertID, rule: instance.rule, state: instance.state.rawValue, severity: instance.severity.rawValue,
                labels: instance.labels, annotations: latest[instance.alertID]?.annotations ?? [:],
                activeAt: instance.activeAt.exactText, firedAt: instance.firedAt?.exactText, resolvedAt: instance.resolvedAt?.exactText,
                value: instance.value, valueText: latest[instance.alertID]?.valueText)
        }
        let targets = tracker.readings.values.filter { $0.status != .met }.sorted { $0.series < $1.series }.map { reading in
            TargetBody(
                series: reading.series, valueName: reading.valueName, team: reading.team, metric: reading.metric, stat: reading.stat,
                period: reading.period, target: reading.target, from: nil, status: reading.status.rawValue, value: reading.value,
                sampleSize: reading.sampleSize, at: reading.at.exactText)
        }
        return AlertsReply(at: now.rfc3339, active: active, targets: targets, recent: Array(history.suffix(recent).reversed()))
    }

    /// Answers `sla` with the clocks read at `slaTime`.
    public func sla(_ request: SLARequest, slaTime: Timestamp, live: Bool) throws(RulesRequestError) -> SLAReply {
        let filter: SLAClockBook.RunningFilter
        switch request.filter ?? "all" {
        case "all": filter = .all
        case "breached": filter = .breached
        case "at_risk": filter = .atRisk
        case let other: throw RulesRequestError("`filter`: `\(other)` is not all, breached or at_risk")
        }
        let limit = request.limit ?? 100
        guard (1...10_000).contains(limit) else { throw RulesRequestError("`limit` must be 1…10000") }
        let running = book.running(at: slaTime, filter: filter)
        let clocks = running.prefix(limit).map { clock in
            SLAClockBody(
                conversation: clock.conversation, policy: clock.policy, metric: clock.metric.rawValue,
                targetSeconds: Self.seconds(clock.target), elapsedSeconds: Self.seconds(clock.elapsed),
                remainingSeconds: Self.seconds(clock.remaining), breachAt: clock.breachAt?.exactText, warned: clock.warned,
                breached: clock.breached, paused: clock.paused)
        }
        let attainment = book.attainment().map { row in
            SLAAttainmentBody(
                policy: row.policy, metric: row.metric.rawValue, applied: row.applied, met: row.met, breached: row.breached,
                nearBreaches: row.nearBreaches, percent: row.percent)
        }
        return SLAReply(
            at: slaTime.rfc3339, live: live, total: running.count, clocks: Array(clocks), attainment: attainment,
            breaches: Self.latest(book.breaches), nearBreaches: Self.latest(book.nearBreaches))
    }

    /// The 50 latest outcomes, newest first, as bodies.
    static func latest(_ outcomes: [SLAOutcome]) -> [SLAEmissionBody] {
        outcomes.sorted { $0.at > $1.at }.prefix(50).map { outcome in
            SLAEmissionBody(
                id: emissionID(
                    kind: outcome.kind.rawValue, conversation: outcome.conversation, metric: outcome.metric.rawValue,
                    policy: outcome.policy, at: outcome.at),
                kind: outcome.kind.rawValue, conversation: outcome.conversation, policy: outcome.policy,
                metric: outcome.metric.rawValue, at: outcome.at.exactText, targetSeconds: seconds(outcome.target),
                elapsedSeconds: seconds(outcome.elapsed), breachAt: nil)
        }
    }

    /// Answers `silences` at `now`.
    public func silenceList(_ request: SilencesRequest, now: Timestamp) -> SilencesReply {
        SilencesReply(
            at: now.rfc3339, silences: silences.list(at: now, includeInactive: request.all ?? false).map { Self.body(of: $0, now: now) })
    }

    /// The silence a `silence` request asks for, at `now`, with id `id`.
    public func silence(from request: SilenceRequest, id: String, now: Timestamp) throws(RulesRequestError) -> Silence {
        let labels = request.labels ?? [:]
        if let rule = request.rule {
            guard engine.rules[rule] != nil || rule.hasPrefix("sla:") else {
                throw RulesRequestError("no alert rule is named `\(rule)` (SLA notifications are `sla:<policy>`)")
            }
        } else if labels.isEmpty {
            throw RulesRequestError("a silence needs a `rule` or at least one label: one with neither would silence everything")
        }
        var starts = now
        if let text = request.startsAt {
            guard let instant = Timestamp(rfc3339: text) else { throw RulesRequestError("`starts_at`: `\(text)` is not an RFC 3339 time") }
            starts = instant
        }
        let ends: Timestamp
        switch (request.duration, request.endsAt) {
        case (let text?, nil):
            guard let duration = DurationText.parse(text), duration > .zero else {
                throw RulesRequestError("`duration`: `\(text)` is not a positive duration such as 30m or 2h")
            }
            ends = starts.adding(duration)
        case (nil, let text?):
            guard let instant = Timestamp(rfc3339: text) else { throw RulesRequestError("`ends_at`: `\(text)` is not an RFC 3339 time") }
            ends = instant
        case (nil, nil):
            throw RulesRequestError("give `duration` or `ends_at`")
        case (.some, .some):
            throw RulesRequestError("give `duration` or `ends_at`, not both")
        }
        guard ends > starts, ends > now else { throw RulesRequestError("the silence would end before it starts (or has ended already)") }
        return Silence(
            id: id, rule: request.rule, labels: labels, startsAt: starts, endsAt: ends, createdBy: request.createdBy ?? "",
            comment: request.comment ?? "")
    }

    /// A silence's body at `now`.
    public static func body(of silence: Silence, now: Timestamp) -> SilenceBody {
        SilenceBody(
            id: silence.id, rule: silence.rule, labels: silence.labels, startsAt: silence.startsAt.rfc3339, endsAt: silence.endsAt.rfc3339,
            createdBy: silence.createdBy, comment: silence.comment, active: silence.isActive(at: now))
    }
}
