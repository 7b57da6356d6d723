import TenetMetricsProtocol
import TenetModels
import TenetNotify
import TenetPhilosophy
import TenetRules
import TenetRulesProtocol
import TenetSLA

/// The rules plugin's logic without its sockets: the SLA clocks fed with stored events, the
/// targets and alert rules fed with the metrics plugin's figures, routing to notifiers, the
/// silences, and the answers to requests. Time arrives as an argument (wall time as a
/// ``Timestamp``); every step returns a ``RulesOutput`` of what to publish and whom to tell.
public struct RulesService: Sendable {
    /// How many transitions `tenet alerts` can list.
    public static let historyLimit = 1000
    /// The most notifications waiting for the notifiers. Beyond it, SLA warnings and breaches
    /// are not queued (counted in ``RulesStats/deliveries`` as `dropped`); alert notifications
    /// always are.
    public static let outboxLimit = 10_000

    /// The philosophy in force.
    public private(set) var philosophy: Philosophy
    /// The alert rules' instances.
    public private(set) var engine: AlertEngine
    /// The targets' statuses.
    public private(set) var tracker: TargetTracker
    /// The SLA clocks.
    public private(set) var book: SLAClockBook
    /// Routing of firing alerts to notifiers.
    public private(set) var router: AlertRouter
    /// The silences.
    public private(set) var silences = SilenceBook()
    /// Notifications not delivered yet, in order.
    public private(set) var outbox: [OutboxEntry] = []
    /// The latest transitions, oldest first.
    public private(set) var history: [TransitionBody] = []
    /// The last store sequence number applied to the SLA clocks.
    public private(set) var lastSeq: Int64 = 0
    /// The id of the event numbered ``lastSeq``.
    public private(set) var lastEventID = ""
    /// The instant of the last event applied that could be read.
    public private(set) var lastEventAt: Timestamp?
    /// Counters.
    public private(set) var stats = RulesStats()
    /// SLA warnings and breaches that happened longer ago than this are published but not
    /// notified (history being caught up with, a replay after a restart).
    public var notifyWindow: Duration = .seconds(15 * 60)

    /// A service for `philosophy`, with nothing applied.
    public init(philosophy: Philosophy) throws(SLAError) {
        self.philosophy = philosophy
        engine = AlertEngine(philosophy: philosophy)
        tracker = TargetTracker(philosophy: philosophy)
        book = try SLAClockBook(philosophy: philosophy)
        router = AlertRouter(routes: philosophy.routes)
    }

    // MARK: State

    /// The state that must survive a restart (the SLA clocks apart: ``book``).
    public var state: RulesState {
        RulesState(
            alerts: engine.snapshot, targets: tracker.snapshot, routing: router.state, silences: silences, outbox: outbox,
            history: history)
    }

    /// Takes back a saved state. Throws when the alert engine's snapshot does not fit.
    public mutating func restore(_ state: RulesState) throws(RulesError) {
        engine = try AlertEngine(philosophy: philosophy, restoring: state.alerts)
        tracker = TargetTracker(philosophy: philosophy, restoring: state.targets)
        router = AlertRouter(routes: philosophy.routes, state: state.routing)
        silences = state.silences
        outbox = state.outbox
        history = Array(state.history.suffix(Self.historyLimit))
        refreshCounts()
    }

    /// Takes back SLA clocks saved at store sequence `lastSeq` (event `lastEventID`).
    public mutating func restore(book: SLAClockBook, lastSeq: Int64, lastEventID: String) {
        self.book = book
        self.lastSeq = lastSeq
        self.lastEventID = lastEventID
        stats.lastSeq = lastSeq
        refreshCounts()
    }

    /// Forgets the SLA clocks (a store that is not the one they were built from, or new SLA
    /// settings): the plugin replays the store from its first event.
    public mutating func resetClocks() throws(SLAError) {
        book = try SLAClockBook(philosophy: philosophy)
        lastSeq = 0
        lastEventID = ""
        stats.lastSeq = 0
        refreshCounts()
    }

    // MARK: Events

    /// Applies one stored event to the SLA clocks (events at or below ``lastSeq`` are ignored)
    /// at wall time `now`.
    public mutating func apply(seq: Int64, id: String, json: some Collection<UInt8>, now: Timestamp) -> RulesOutput {
        guard seq > lastSeq else { return RulesOutput() }
        lastSeq = seq
        lastEventID = id
        stats.lastSeq = seq
        stats.eventsApplied += 1
        guard let event = try? EventValidator.validate(json: json) else {
            stats.unreadable += 1
            return RulesOutput()
        }
        lastEventAt = event.at
        guard let slaEvent = SLAEvent(event) else { return RulesOutput() }
        return emitted(book.apply(slaEvent), now: now)
    }

    /// Brings the SLA clocks to `slaTime` (the wall clock, while events are live).
    public mutating func advanceClocks(to slaTime: Timestamp, now: Timestamp) -> RulesOutput {
        emitted(book.due(upTo: slaTime), now: now)
    }

    /// Publications (and, when recent, notifications) for what the clocks did.
    mutating func emitted(_ emissions: [SLAEmission], now: Timestamp) -> RulesOutput {
        var output = RulesOutput()
        guard !emissions.isEmpty else { return output }
        let horizon = now.adding(.zero - notifyWindow)
        for emission in emissions {
            let body = Self.body(of: emission)
            stats.emissions[emission.kind.rawValue, default: 0] += 1
            output.publications.append(.init(topic: emission.topic, body: .sla(body)))
            switch emission.kind {
            case .met: output.outcomeLines.append(Self.outcomeLine(emission, id: body.id, outcome: "met"))
            case .breach: output.outcomeLines.append(Self.outcomeLine(emission, id: body.id, outcome: "breached"))
            case .warning, .missed: break
            }
            let kind: NotificationKind
            switch emission.kind {
            case .warning: kind = .slaWarning
            case .breach: kind = .slaBreach
            case .met, .missed: continue
            }
            guard emission.at >= horizon else {
                stats.staleNotNotified += 1
                continue
            }
            guard outbox.count < Self.outboxLimit else {
                stats.deliveries["dropped", default: 0] += 1
                continue
            }
            var details = JSONObject()
            details["conversation"] = .string(emission.conversation)
            details["policy"] = .string(emission.policy)
            details["metric"] = .string(emission.metric.rawValue)
            details["target_seconds"] = .number(JSONNumber(Self.seconds(emission.target)))
            details["elapsed_seconds"] = .number(JSONNumber(Self.seconds(emission.elapsed)))
            if let breachAt = emission.breachAt { details["breach_at"] = .string(breachAt.rfc3339) }
            let notification = Notification(
                id: body.id, kind: kind, rule: "sla:" + emission.policy, severity: kind == .slaBreach ? .critical : .warning,
                labels: ["policy": emission.policy, "metric": emission.metric.rawValue], annotations: [:], value: nil, at: emission.at,
                details: details)
            queue(router.receive(notification, firingSince: emission.at, now: now), into: &output)
        }
        return output
    }

    // MARK: Figures

    /// Takes a standing series' figure (a `metric.<name>` event or a `scorecard` row) at `now`:
    /// a key metric's change of status is published, and target rules see the reading.
    public mutating func observe(_ figure: SeriesFigure, now: Timestamp) -> RulesOutput {
        guard let change = tracker.observe(figure, at: now) else { return RulesOutput() }
        var output = RulesOutput()
        stats.targetChanges += 1
        output.publications.append(.init(topic: change.topic, body: .target(Self.body(of: change))))
        output.stateChanged = true
        output.append(transitions(engine.observe(change.reading), now: now))
        return output
    }

    /// Takes metric rule `rule`'s figures (its `query` reply) at `now`.
    public mutating func observe(rule: String, reply: MetricQueryReply, now: Timestamp) -> RulesOutput {
        stats.evaluations += 1
        do {
            return transitions(try engine.observe(rule: rule, samples: AlertSample.samples(from: reply), at: now), now: now)
        } catch {
            stats.evaluationErrors += 1
            return RulesOutput()
        }
    }

    /// Notes a metric rule's evaluation that failed (the metrics plugin did not answer).
    public mutating func noteEvaluationError() {
        stats.evaluationErrors += 1
    }

    /// Brings alerts and routing to `now`: `for` and `keep_firing_for` that ran out, escalation
    /// steps and repeats that fell due, silences that ended long ago.
    public mutating func evaluate(now: Timestamp) -> RulesOutput {
        var output = transitions(engine.evaluate(now: now), now: now)
        let due = router.due(now: now)
        if !due.isEmpty { queue(due, into: &output) }
        silences.prune(endedBefore: now.adding(.seconds(-7 * 86_400)))
        return output
    }

    /// The next instant at which time alone changes something: an alert's `for` or
    /// `keep_firing_for`, or a routing step or repeat.
    public func nextDeadline(after now: Timestamp) -> Timestamp? {
        [engine.nextDeadline, router.nextDue(after: now)].compactMap { $0 }.min()
    }

    /// The metric rules' queries.
    public var metricQueries: [(rule: String, query: MetricQueryRequest)] { engine.metricQueries }

    /// Publications and notifications for alert transitions.
    mutating func transitions(_ made: [AlertTransition], now: Timestamp) -> RulesOutput {
        var output = RulesOutput()
        guard !made.isEmpty else { return output }
        output.stateChanged = true
        for transition in made {
            let body = Self.body(of: transition)
            stats.transitions += 1
            history.append(body)
            output.publications.append(.init(topic: "alert.\(transition.rule).\(transition.to.rawValue)", body: .transition(body)))
            output.transitionIDs.append(transition.id)
            let kind: NotificationKind
            switch (transition.from, transition.to) {
            case (_, .firing): kind = .firing
            case (.firing, .resolved): kind = .resolved
            default: continue
            }
            var details = JSONObject()
            details["alert_id"] = .string(transition.alertID)
            details["active_at"] = .string(transition.activeAt.rfc3339)
            details["value_text"] = .string(transition.valueText)
            let notification = Notification(
                id: transition.id, kind: kind, rule: transition.rule, severity: transition.severity, labels: transition.labels,
                annotations: transition.annotations, value: transition.value, at: transition.at, details: details)
            let since = engine.instance(rule: transition.rule, labels: transition.labels)?.firedAt ?? transition.at
            queue(router.receive(notification, firingSince: kind == .firing ? transition.at : since, now: now), into: &output)
        }
        if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit) }
        refreshCounts()
        return output
    }

    /// Marks transitions as published.
    public mutating func acknowledge(_ ids: [String]) {
        guard !ids.isEmpty else { return }
        engine.acknowledge(ids)
    }

    /// Transitions made and not yet published (after a restart: publish them first).
    public var unpublished: [TransitionBody] { engine.undelivered.map(Self.body(of:)) }

    mutating func queue(_ deliveries: [PlannedDelivery], into output: inout RulesOutput) {
        for delivery in deliveries {
            outbox.append(OutboxEntry(delivery))
            output.deliveries.append(delivery)
        }
        if !deliveries.isEmpty { output.stateChanged = true }
        stats.outbox = outbox.count
    }

    /// Takes the notifier worker's outcome for an outbox entry: it leaves the outbox.
    public mutating func delivered(key: String, status: String) {
        outbox.removeAll { $0.key == key }
        stats.deliveries[status, default: 0] += 1
        stats.outbox = outbox.count
    }

    // MARK: Philosophy

    /// Takes a new philosophy at `now`. Returns what alerts and targets did, and whether the
    /// SLA clocks must be built again from the store (their policies, schedules, coverage or
    /// settings changed).
    public mutating func reload(_ new: Philosophy, now: Timestamp) throws(SLAError) -> (output: RulesOutput, rebuildClocks: Bool) {
        let old = philosophy
        let rebuild =
            old.slaPolicies != new.slaPolicies || old.schedules != new.schedules || old.coverage != new.coverage
            || old.settings != new.settings || old.organisation != new.organisation
        if rebuild { _ = try SLAClockBook(philosophy: new) }
        philosophy = new
        var output = RulesOutput()
        for change in tracker.reload(new, at: now) {
            stats.targetChanges += 1
            output.publications.append(.init(topic: change.topic, body: .target(Self.body(of: change))))
            output.stateChanged = true
        }
        output.append(transitions(engine.reload(new, now: now), now: now))
        router = AlertRouter(routes: new.routes, state: router.state)
        if rebuild { try resetClocks() }
        return (output, rebuild)
    }

    // MARK: Silences

    /// Adds a silence.
    public mutating func add(_ silence: Silence) {
        silences.add(silence)
    }

    /// Ends silence `id` at `now`; `false` when there is none.
    public mutating func expire(_ id: String, at now: Timestamp) -> Bool {
        silences.expire(id, at: now)
    }

    // MARK: Counts and bodies

    mutating func refreshCounts() {
        stats.conversations = book.conversationCount
        stats.clocksScheduled = book.scheduledCount
        let active = engine.active
        stats.pending = active.filter { $0.state == .pending }.count
        stats.firing = active.filter { $0.state == .firing }.count
        stats.outbox = outbox.count
    }

    /// Notes a write of the state file (`error`: why it failed).
    public mutating func noteStateWrite(error: String?) {
        if error == nil { stats.stateWrites += 1 }
        stats.stateError = error
    }

    /// The counters now.
    public mutating func currentStats(slaTime: Timestamp?, live: Bool) -> RulesStats {
        refreshCounts()
        stats.slaTime = slaTime?.rfc3339
        stats.live = live
        return stats
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// A stable id for an SLA emission: the same clock doing the same thing at the same instant.
    static func emissionID(kind: String, conversation: String, metric: String, policy: String, at: Timestamp) -> String {
        var hash = SHA256()
        hash.update("sla\u{0}\(kind)\u{0}\(conversation)\u{0}\(metric)\u{0}\(policy)\u{0}\(at.nanosecondsSinceEpoch)")
        return "sla-" + String(hash.finalize().hex.prefix(32))
    }

    /// The stored event of a clock met or breached: `x.sla.outcome`, with the emission's id
    /// (so a replay stores nothing twice), the conversation, and the policy, clock, outcome,
    /// target and elapsed time as attributes.
    static func outcomeLine(_ emission: SLAEmission, id: String, outcome: String) -> String {
        var attributes = JSONObject()
        attributes["policy"] = .string(emission.policy)
        attributes["metric"] = .string(emission.metric.rawValue)
        attributes["outcome"] = .string(outcome)
        attributes["target_seconds"] = .number(JSONNumber(seconds(emission.target)))
        attributes["elapsed_seconds"] = .number(JSONNumber(seconds(emission.elapsed)))
        var event = JSONObject()
        event["id"] = .string(id)
        event["type"] = .string("x.sla.outcome")
        event["at"] = .string(emission.at.exactText)
        event["conversation"] = .string(emission.conversation)
        event["attributes"] = .object(attributes)
        return JSONWriter.string(.object(event))
    }

    /// The bus body of an emission.
    public static func body(of emission: SLAEmission) -> SLAEmissionBody {
        SLAEmissionBody(
            id: emissionID(
                kind: emission.kind.rawValue, conversation: emission.conversation, metric: emission.metric.rawValue,
                policy: emission.policy, at: emission.at),
            kind: emission.kind.rawValue, conversation: emission.conversation, policy: emission.policy,
            metric: emission.metric.rawValue, at: emission.at.exactText, targetSeconds: seconds(emission.target),
            elapsedSeconds: seconds(emission.elapsed), breachAt: emission.breachAt?.exactText)
    }

    /// The bus body of a transition.
    public static func body(of transition: AlertTransition) -> TransitionBody {
        TransitionBody(
            id: transition.id, alertID: transition.alertID, rule: transition.rule, severity: transition.severity.rawValue,
            labels: transition.labels, from: transition.from.rawValue, to: transition.to.rawValue, at: transition.at.exactText,
            activeAt: transition.activeAt.exactText, value: transition.value, valueText: transition.valueText,
            annotations: transition.annotations)
    }

    /// The bus body of a target's change.
    public static func body(of change: TargetStatusChange) -> TargetBody {
        let reading = change.reading
        return TargetBody(
            series: reading.series, valueName: reading.valueName, team: reading.team, metric: reading.metric, stat: reading.stat,
            period: reading.period, target: reading.target, from: change.from?.rawValue, status: reading.status.rawValue,
            value: reading.value, sampleSize: reading.sampleSize, at: reading.at.exactText)
    }
}
