import Foundation
import TenetClock
import TenetMetricsProtocol
import TenetModels
import TenetNotify
import TenetPhilosophy
import TenetRules
import TenetRulesProtocol
import TenetRulesServer
import Testing

let servicePhilosophyText = """
    values:
      - name: Speed
        action: "Be quick."
        metrics:
          - { metric: first_response_time, stat: median, target: "<= 10m" }
    sla:
      - name: quick
        first_response: 10m
        next_reply: 1h
        resolution: 1d
        hours: calendar
        warning: 5m
    alerts:
      - name: BacklogHigh
        metric: backlog
        condition: "> 2"
        for: 2m
        severity: warning
        annotations: { summary: "{{ value }} open" }
    notifiers:
      hook: { type: log, path: alerts.jsonl }
      pager: { type: log, path: pager.jsonl }
    routes:
      - name: escalation
        severity: [warning, critical]
        steps:
          - { after: 0s, notify: [hook] }
          - { after: 30m, notify: [pager] }
        send_resolved: true
    """

func servicePhilosophy() throws -> Philosophy {
    let result = PhilosophyParser.parse(servicePhilosophyText)
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(errors)")
    return try #require(result.philosophy)
}

/// 2026-11-27T10:00:00Z plus `minutes` and `seconds`.
func at(_ minutes: Int, _ seconds: Int = 0) -> Timestamp {
    Timestamp(nanosecondsSinceEpoch: (1_795_773_600 + Int64(minutes) * 60 + Int64(seconds)) * 1_000_000_000)
}

func backlog(_ value: Double) -> MetricQueryReply {
    MetricQueryReply(
        metric: "backlog", stat: "last", hours: "calendar", from: nil, to: nil, unit: "count",
        groups: [FigureBody(dimensions: [:], value: value, sampleSize: Int(value), numerator: nil, denominator: nil, currency: nil)],
        lastSeq: 1)
}

func eventJSON(_ id: String, _ type: String, _ instant: Timestamp, _ extra: String = "") -> [UInt8] {
    Array(#"{"id":"\#(id)","type":"\#(type)","at":"\#(instant.rfc3339)","conversation":"c1","channel":"chat"\#(extra)}"#.utf8)
}

@Suite struct RulesServiceTests {
    @Test func anAlertIsRoutedOnceAndARestoredServiceDoesNotRouteItAgain() throws {
        var service = try RulesService(philosophy: try servicePhilosophy())
        var output = service.observe(rule: "BacklogHigh", reply: backlog(3), now: at(0))
        #expect(output.publications.map(\.topic) == ["alert.BacklogHigh.pending"])
        #expect(output.deliveries.isEmpty)
        #expect(output.stateChanged)
        service.acknowledge(output.transitionIDs)

        output = service.observe(rule: "BacklogHigh", reply: backlog(4), now: at(2))
        #expect(output.publications.map(\.topic) == ["alert.BacklogHigh.firing"])
        #expect(output.deliveries.map(\.notifier) == ["hook"])
        #expect(output.deliveries.first?.notification.kind == .firing)
        #expect(service.outbox.count == 1)
        service.acknowledge(output.transitionIDs)
        #expect(service.unpublished.isEmpty)

        // The state, through JSON, into a new service: still firing, nothing new to route.
        let data = try JSONEncoder().encode(service.state)
        var restored = try RulesService(philosophy: try servicePhilosophy())
        try restored.restore(try JSONDecoder().decode(RulesState.self, from: data))
        #expect(restored.engine.active.map(\.state) == [.firing])
        #expect(restored.outbox.map(\.delivery.notification.id) == service.outbox.map(\.delivery.notification.id))
        let quiet = restored.observe(rule: "BacklogHigh", reply: backlog(4), now: at(3))
        #expect(quiet.publications.isEmpty)
        #expect(quiet.deliveries.isEmpty)
        restored.delivered(key: restored.outbox[0].key, status: "delivered")
        #expect(restored.outbox.isEmpty)

        // The escalation step falls due 30 minutes after it started firing, once.
        #expect(restored.nextDeadline(after: at(3)) == at(32))
        #expect(restored.evaluate(now: at(31)).deliveries.isEmpty)
        let step = restored.evaluate(now: at(32))
        #expect(step.deliveries.map(\.notifier) == ["pager"])
        #expect(restored.evaluate(now: at(33)).deliveries.isEmpty)

        // Resolved: both notifiers that heard of it hear of the resolution.
        let resolved = restored.observe(rule: "BacklogHigh", reply: backlog(1), now: at(40))
        #expect(resolved.publications.map(\.topic) == ["alert.BacklogHigh.resolved"])
        #expect(resolved.deliveries.map(\.notifier).sorted() == ["hook", "pager"])
        #expect(resolved.deliveries.allSatisfy { $0.notification.kind == .resolved })
    }

    @Test func slaEmissionsOlderThanTheWindowArePublishedButNotNotified() throws {
        var service = try RulesService(philosophy: try servicePhilosophy())
        service.notifyWindow = .seconds(15 * 60)
        // A conversation opened at 10:00 with a waiting customer: warning 10:05, breach 10:10.
        _ = service.apply(seq: 1, id: "e1", json: eventJSON("e1", "conversation.opened", at(0)), now: at(0))
        _ = service.apply(seq: 2, id: "e2", json: eventJSON("e2", "message.created", at(0), #","author":"customer","public":true"#), now: at(0))
        #expect(service.book.nextDueInstant == at(5))

        // Live at 10:06: the warning is recent, so it is notified.
        let warning = service.advanceClocks(to: at(6), now: at(6))
        #expect(warning.publications.map(\.topic) == ["sla.warning"])
        #expect(warning.deliveries.map(\.notification.kind) == [.slaWarning])
        // Noticed only at 10:40 (history caught up with): the breach at 10:10 is too old to tell.
        let breach = service.advanceClocks(to: at(40), now: at(40))
        #expect(breach.publications.map(\.topic) == ["sla.breach"])
        #expect(breach.deliveries.isEmpty)
        #expect(service.stats.staleNotNotified == 1)
        guard case .sla(let body)? = breach.publications.first?.body else {
            Issue.record("not an SLA body")
            return
        }
        #expect(body.at == at(10).rfc3339)
        #expect(body.id.hasPrefix("sla-"))
        // The same emission always has the same id (a replay after a restart repeats it).
        var again = try RulesService(philosophy: try servicePhilosophy())
        _ = again.apply(seq: 1, id: "e1", json: eventJSON("e1", "conversation.opened", at(0)), now: at(0))
        _ = again.apply(seq: 2, id: "e2", json: eventJSON("e2", "message.created", at(0), #","author":"customer","public":true"#), now: at(0))
        let replayed = again.advanceClocks(to: at(40), now: at(40))
        guard case .sla(let replayedBody)? = replayed.publications.last?.body else {
            Issue.record("no SLA body")
            return
        }
        #expect(replayedBody.id == body.id)
    }

    @Test func unreadableEventsAreCountedAndOldOnesIgnored() throws {
        var service = try RulesService(philosophy: try servicePhilosophy())
        _ = service.apply(seq: 1, id: "x", json: Array("not json".utf8), now: at(0))
        _ = service.apply(seq: 1, id: "x", json: Array("not json".utf8), now: at(0))
        #expect(service.stats.unreadable == 1)
        #expect(service.stats.eventsApplied == 1)
        #expect(service.lastSeq == 1)
    }

    @Test func slaTimeFollowsTheEventsWhileHistoryIsCaughtUpWith() {
        var keeper = SLATimekeeper(liveLag: .seconds(60), quietAfter: .seconds(10))
        let start = MonotonicInstant(nanoseconds: 1_000_000_000)
        #expect(keeper.isLive(wall: at(0), now: start, caughtUp: true))
        #expect(!keeper.isLive(wall: at(0), now: start, caughtUp: false))
        // Events an hour old keep arriving: not live.
        keeper.noteEvent(at: at(-60), now: start)
        #expect(!keeper.isLive(wall: at(0), now: start + .seconds(1), caughtUp: true))
        // Quiet for 10 s: the wall clock drives the clocks.
        #expect(keeper.isLive(wall: at(0), now: start + .seconds(10), caughtUp: true))
        // A recent event: live at once.
        keeper.noteEvent(at: at(0, -30), now: start + .seconds(11))
        #expect(keeper.isLive(wall: at(0), now: start + .seconds(11), caughtUp: true))
        // An older event does not move the frontier back.
        keeper.noteEvent(at: at(-120), now: start + .seconds(12))
        #expect(keeper.frontier == at(0, -30))
    }

    @Test func silenceRequestsAreCheckedBeforeAnythingIsSilenced() throws {
        let service = try RulesService(philosophy: try servicePhilosophy())
        func refused(_ request: SilenceRequest) -> String? {
            do {
                _ = try service.silence(from: request, id: "s", now: at(0))
                return nil
            } catch {
                return error.message
            }
        }
        #expect(refused(SilenceRequest(duration: "1h"))?.contains("would silence everything") == true)
        #expect(refused(SilenceRequest(rule: "Nope", duration: "1h"))?.contains("no alert rule is named `Nope`") == true)
        #expect(refused(SilenceRequest(rule: "BacklogHigh"))?.contains("give `duration` or `ends_at`") == true)
        #expect(refused(SilenceRequest(rule: "BacklogHigh", duration: "-5m"))?.contains("positive duration") == true)
        #expect(refused(SilenceRequest(rule: "BacklogHigh", endsAt: at(-1).rfc3339))?.contains("end before") == true)
        let silence = try service.silence(
            from: SilenceRequest(rule: "BacklogHigh", labels: ["team": "support"], duration: "2h", createdBy: "ana", comment: "deploy"),
            id: "s1", now: at(0))
        #expect(silence.startsAt == at(0))
        #expect(silence.endsAt == at(120))
        #expect(silence.labels == ["team": "support"])
    }

    @Test func anOutboxEntryRoundTripsThroughJSON() throws {
        let notification = Notification(
            id: "n1", kind: .firing, rule: "BacklogHigh", severity: .warning, labels: ["team": "support"],
            annotations: ["summary": "3 open"], value: 3, at: at(1))
        let entry = OutboxEntry(PlannedDelivery(notifier: "hook", route: "escalation", at: at(1), notification: notification, reason: .step(0)))
        let decoded = try JSONDecoder().decode(OutboxEntry.self, from: try JSONEncoder().encode(entry))
        #expect(decoded.delivery.notification == notification)
        #expect(decoded.delivery.notifier == "hook")
        #expect(decoded.key == entry.key)
    }

    @Test func metAndBreachedClocksBecomeStoredOutcomeEvents() throws {
        var service = try RulesService(philosophy: try servicePhilosophy())
        _ = service.apply(seq: 1, id: "e1", json: eventJSON("e1", "conversation.opened", at(0)), now: at(0))
        _ = service.apply(seq: 2, id: "e2", json: eventJSON("e2", "message.created", at(0), #","author":"customer","public":true"#), now: at(0))
        // Breached at 10:10 (first response 10m), then the reply at 10:12 meets nothing: `missed`.
        let breach = service.advanceClocks(to: at(11), now: at(11))
        let reply = service.apply(
            seq: 3, id: "e3", json: eventJSON("e3", "message.created", at(12), #","author":"agent","public":true,"agent":"ana""#), now: at(12))
        #expect(breach.outcomeLines.count == 1)
        #expect(reply.publications.map(\.topic).contains("sla.missed"))
        #expect(reply.outcomeLines.isEmpty)
        let event = try EventValidator.validate(json: Array(try #require(breach.outcomeLines.first).utf8))
        #expect(event.type.rawValue == "x.sla.outcome")
        #expect(event.conversation == "c1")
        #expect(event.at == at(10))
        let attributes = try #require(event.object["attributes"]?.objectValue)
        #expect(attributes["outcome"]?.stringValue == "breached")
        #expect(attributes["policy"]?.stringValue == "quick")
        #expect(attributes["metric"]?.stringValue == "first_response")
        guard case .sla(let body)? = breach.publications.first(where: { $0.topic == "sla.breach" })?.body else {
            Issue.record("no breach published")
            return
        }
        // The stored event has the emission's id: a replay after a restart stores nothing twice.
        #expect(event.id == body.id)

        // The next reply clock: a new customer message at 10:20, answered at 10:25 within 1h: met.
        _ = service.apply(seq: 4, id: "e4", json: eventJSON("e4", "message.created", at(20), #","author":"customer","public":true"#), now: at(20))
        let met = service.apply(
            seq: 5, id: "e5", json: eventJSON("e5", "message.created", at(25), #","author":"agent","public":true,"agent":"ana""#), now: at(25))
        let metEvent = try EventValidator.validate(json: Array(try #require(met.outcomeLines.first).utf8))
        #expect(metEvent.object["attributes"]?.objectValue?["outcome"]?.stringValue == "met")
        #expect(metEvent.object["attributes"]?.objectValue?["metric"]?.stringValue == "next_reply")
        #expect(metEvent.at == at(25))
    }
}
