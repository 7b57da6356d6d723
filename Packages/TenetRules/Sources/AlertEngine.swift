import TenetModels
import TenetPhilosophy

/// The alert rules of a philosophy and their instances, one per (rule, label set), each going
/// inactive → pending → firing → resolved with Prometheus's semantics for `for` and
/// `keep_firing_for` (docs/ALERTS.md, "Alert rules and their states").
///
/// Pure: time comes in with every call, nothing sleeps or reads a clock. Inputs are the figures
/// of metric rules' series (``observe(rule:samples:at:)``), the readings of key metrics' targets
/// (``observe(_:)``) and the passing of time (``evaluate(now:)``); ``nextDeadline`` says when
/// time alone will next change a state. The condition is taken to hold, or not, from one
/// observation to the next, so each transition carries its exact instant even when the call that
/// reports it comes later. Every transition is returned and also kept in ``undelivered`` until
/// ``acknowledge(_:)``, and ``snapshot`` holds both the instances and the undelivered
/// transitions, so a restart neither loses nor repeats one.
public struct AlertEngine: Sendable {
    /// The rules, by name.
    public internal(set) var rules: [String: AlertRule] = [:]
    /// The instances that are pending, firing, or resolved within ``resolvedRetention``, by key.
    var table: [String: AlertInstance] = [:]
    /// The latest instant the engine has been brought to.
    public internal(set) var clock: Timestamp?
    /// Transitions made and not yet acknowledged, in order.
    public internal(set) var undelivered: [AlertTransition] = []
    /// How long a resolved instance stays listed (as Prometheus keeps resolved alerts 15 minutes).
    public var resolvedRetention: Duration = .seconds(15 * 60)
    /// The philosophy's key metrics with a target, by series id (for target rules).
    var entries: [String: KeyMetricEntry] = [:]

    /// An engine for the alert rules of `philosophy`, with no instance.
    public init(philosophy: Philosophy) {
        install(philosophy)
    }

    mutating func install(_ philosophy: Philosophy) {
        rules = Dictionary(philosophy.alerts.map { ($0.name, $0) }) { first, _ in first }
        entries = TargetTracker.targeted(philosophy)
    }

    // MARK: Reading the state

    /// The instances, by rule name and then labels.
    public var instances: [AlertInstance] {
        table.sorted { $0.key < $1.key }.map(\.value)
    }

    /// The instances pending or firing now.
    public var active: [AlertInstance] {
        instances.filter { $0.state == .pending || $0.state == .firing }
    }

    /// The instance of `rule` with exactly `labels`, if one is kept.
    public func instance(rule: String, labels: [String: String]) -> AlertInstance? {
        table[AlertInstance.key(rule: rule, labels: labels)]
    }

    /// The next instant at which time alone changes an instance's state: a pending instance's
    /// `for` running out, or a firing one's `keep_firing_for`. `nil` when none waits. A plugin
    /// sets its timer to it and calls ``evaluate(now:)`` then.
    public var nextDeadline: Timestamp? {
        table.values.compactMap { deadline(of: $0) }.min()
    }

    func deadline(of instance: AlertInstance) -> Timestamp? {
        guard let rule = rules[instance.rule] else { return nil }
        switch instance.state {
        case .pending: return instance.activeAt.adding(rule.pendingFor)
        case .firing: return instance.keepFiringSince?.adding(rule.keepFiringFor)
        case .inactive, .resolved: return nil
        }
    }

    // MARK: Inputs

    /// Brings the engine to `now`: pending instances whose condition has held for `for` fire,
    /// firing ones whose `keep_firing_for` ran out resolve (each at its exact instant), and
    /// resolved ones older than ``resolvedRetention`` are dropped. Returns the transitions, by
    /// instant.
    public mutating func evaluate(now: Timestamp) -> [AlertTransition] {
        record(advance(to: now))
    }

    /// Takes the figures of metric rule `rule`'s series at `at`: every group there is (a `query`
    /// reply's groups, ``AlertSample/samples(from:)``). A group whose figure meets the rule's
    /// condition holds; a group without data, or whose figure does not meet it, does not; an
    /// instance whose group is missing from `samples` is treated as not holding (its series
    /// disappeared). Time is first brought to `at` (an `at` before the engine's clock counts as
    /// the clock). Returns the transitions, by instant.
    public mutating func observe(rule name: String, samples: [AlertSample], at: Timestamp) throws(RulesError) -> [AlertTransition] {
        guard let rule = rules[name] else {
            throw RulesError(.unknownRule, "observe(rule: \(name)): no alert rule is named `\(name)`")
        }
        guard case .metric(let condition) = rule.source else {
            throw RulesError(.notAMetricRule, "observe(rule: \(name)): the rule watches a target; give it target readings")
        }
        var transitions = advance(to: at)
        let now = clock ?? at
        var seen: Set<String> = []
        for sample in samples {
            let labels = sample.labels.merging(rule.labels) { group, _ in group }
            let key = AlertInstance.key(rule: name, labels: labels)
            guard seen.insert(key).inserted else { continue }
            let holds = sample.value.map { condition.condition.isMet(by: $0) } ?? false
            transitions += apply(rule, labels: labels, holds: holds, value: .some(sample.value), at: now)
        }
        for (key, instance) in table.sorted(by: { $0.key < $1.key }) where instance.rule == name && !seen.contains(key) {
            transitions += apply(rule, labels: instance.labels, holds: false, value: nil, at: now)
        }
        return record(transitions)
    }

    /// Takes a key metric's reading (from ``TargetTracker``): every target rule on the reading's
    /// value and metric holds while the status is one of the rule's `status` list. Time is first
    /// brought to the reading's instant. Returns the transitions, by instant.
    public mutating func observe(_ reading: TargetReading) -> [AlertTransition] {
        var transitions = advance(to: reading.at)
        let now = clock ?? reading.at
        for rule in rules.values.sorted(by: { $0.name < $1.name }) {
            guard case .target(let value, let metric, let statuses) = rule.source, value == reading.valueName, metric == reading.metric
            else { continue }
            let labels = targetLabels(rule, series: reading.series)
            transitions += apply(
                rule, labels: labels, holds: statuses.contains(reading.status), value: .some(reading.value), at: now,
                targetStatus: reading.status, series: reading.series)
        }
        return record(transitions)
    }

    /// Marks transitions as published: they leave ``undelivered``, and their instances remember
    /// them as the last notified.
    public mutating func acknowledge(_ ids: some Sequence<String>) {
        let acknowledged = Set(ids)
        for transition in undelivered where acknowledged.contains(transition.id) {
            let key = AlertInstance.key(rule: transition.rule, labels: transition.labels)
            if table[key]?.alertID == transition.alertID { table[key]?.lastNotifiedID = transition.id }
        }
        undelivered.removeAll { acknowledged.contains($0.id) }
    }

    /// Takes a new philosophy (a reload) at `now`: instances of rules it no longer has end
    /// (pending ones go inactive, firing ones resolve, now); instances of a target rule whose
    /// value or metric changed stop holding; kept instances go on under the new `for`,
    /// `keep_firing_for`, severity and annotations. Returns the transitions.
    public mutating func reload(_ philosophy: Philosophy, now: Timestamp) -> [AlertTransition] {
        var transitions = advance(to: now)
        let at = clock ?? now
        let old = rules
        install(philosophy)
        for (key, instance) in table.sorted(by: { $0.key < $1.key }) {
            if let rule = rules[instance.rule] {
                guard case .target(let value, let metric, _) = rule.source else { continue }
                let entry = instance.series.flatMap { entries[$0] }
                if entry == nil || entry?.value != value || entry?.keyMetric.metric != metric {
                    transitions += apply(rule, labels: instance.labels, holds: false, value: nil, at: at)
                }
            } else if let rule = old[instance.rule] {
                // End it under the rule as it was (its texts), then forget it.
                transitions += apply(rule, labels: instance.labels, holds: false, value: nil, at: at, ending: true)
                table[key] = nil
            } else {
                table[key] = nil
            }
        }
        return record(transitions)
    }

    // MARK: The state machine

    /// Applies time up to `time`; an earlier `time` changes nothing.
    mutating func advance(to time: Timestamp) -> [AlertTransition] {
        if let clock, time <= clock { return [] }
        clock = time
        var transitions: [AlertTransition] = []
        for (key, instance) in table.sorted(by: { $0.key < $1.key }) {
            guard let rule = rules[instance.rule] else { continue }
            var next = instance
            switch instance.state {
            case .pending:
                let due = instance.activeAt.adding(rule.pendingFor)
                guard due <= time else { continue }
                next.state = .firing
                next.firedAt = due
                transitions.append(transition(rule, &next, from: .pending, at: due))
            case .firing:
                guard let since = instance.keepFiringSince, since.adding(rule.keepFiringFor) <= time else { continue }
                let due = since.adding(rule.keepFiringFor)
                next.state = .resolved
                next.resolvedAt = due
                next.keepFiringSince = nil
                transitions.append(transition(rule, &next, from: .firing, at: due))
            case .resolved:
                if let resolvedAt = instance.resolvedAt, resolvedAt.adding(resolvedRetention) <= time { table[key] = nil }
                continue
            case .inactive:
                table[key] = nil
                continue
            }
            table[key] = next
        }
        return transitions.sorted { ($0.at, $0.rule) < ($1.at, $1.rule) }
    }

    /// Applies the condition of one instance as observed at `at` (the engine's clock). `value`
    /// is `.some` when a figure was observed (itself `nil` without data), `nil` when the series
    /// was missing (the last figure is kept for the texts).
    mutating func apply(
        _ rule: AlertRule, labels: [String: String], holds: Bool, value: Double??, at: Timestamp, targetStatus: TargetStatus? = nil,
        series: String? = nil, ending: Bool = false
    ) -> [AlertTransition] {
        let key = AlertInstance.key(rule: rule.name, labels: labels)
        guard var instance = table[key] else {
            guard holds else { return [] }
            var fresh = AlertInstance(
                rule: rule.name, severity: rule.severity, labels: labels, state: .inactive, activeAt: at, holding: true, value: value ?? nil,
                targetStatus: targetStatus, series: series,
                alertID: AlertTransition.alertID(rule: rule.name, labels: labels, activeAt: at))
            let transition = activate(rule, &fresh, from: .inactive, at: at)
            table[key] = fresh
            return [transition]
        }
        if let value { instance.value = value }
        if let targetStatus { instance.targetStatus = targetStatus }
        if let series { instance.series = series }
        instance.holding = holds
        var transitions: [AlertTransition] = []
        switch (instance.state, holds) {
        case (.pending, true), (.inactive, false), (.resolved, false):
            break
        case (.firing, true):
            instance.keepFiringSince = nil
        case (.inactive, true), (.resolved, true):
            instance.alertID = AlertTransition.alertID(rule: rule.name, labels: labels, activeAt: at)
            instance.activeAt = at
            instance.firedAt = nil
            instance.resolvedAt = nil
            instance.keepFiringSince = nil
            let previous = instance.state
            transitions.append(activate(rule, &instance, from: previous, at: at))
        case (.pending, false):
            instance.state = .inactive
            transitions.append(transition(rule, &instance, from: .pending, at: at))
            table[key] = nil
            return transitions
        case (.firing, false):
            if rule.keepFiringFor > .zero && !ending {
                if instance.keepFiringSince == nil { instance.keepFiringSince = at }
            } else {
                instance.state = .resolved
                instance.resolvedAt = at
                instance.keepFiringSince = nil
                transitions.append(transition(rule, &instance, from: .firing, at: at))
            }
        }
        table[key] = ending ? nil : instance
        return transitions
    }

    /// Starts an activation at `at`: pending, or firing at once when `for` is zero.
    func activate(_ rule: AlertRule, _ instance: inout AlertInstance, from: AlertState, at: Timestamp) -> AlertTransition {
        if rule.pendingFor > .zero {
            instance.state = .pending
        } else {
            instance.state = .firing
            instance.firedAt = at
        }
        return transition(rule, &instance, from: from, at: at)
    }

    /// The transition of `instance` (already in its new state) from `from`, with its texts.
    func transition(_ rule: AlertRule, _ instance: inout AlertInstance, from: AlertState, at: Timestamp) -> AlertTransition {
        let context = templateContext(rule, instance)
        instance.severity = rule.severity
        let id = "\(instance.alertID):\(instance.state.rawValue)"
        instance.lastTransitionID = id
        return AlertTransition(
            id: id, alertID: instance.alertID, rule: rule.name, severity: rule.severity, labels: instance.labels, from: from,
            to: instance.state, at: at, activeAt: instance.activeAt, value: instance.value, valueText: context.fields["value"] ?? "",
            annotations: rule.annotations.mapValues { context.render($0) })
    }

    /// What an annotation's placeholders stand for, for one instance in its current state.
    func templateContext(_ rule: AlertRule, _ instance: AlertInstance) -> AlertTemplate {
        var fields = ["rule": rule.name, "severity": rule.severity.rawValue]
        switch rule.source {
        case .metric(let condition):
            let unit = ValueUnit(condition.condition.quantity)
            fields["value"] = unit.format(instance.value)
            fields["threshold"] = unit.format(condition.condition.quantity.value)
            fields["target"] = condition.condition.description
            fields["metric"] = condition.series.metric
            fields["stat"] = condition.series.statistic.description
            fields["period"] = condition.series.period.description
            fields["status"] = instance.state.rawValue
        case .target(_, let metric, _):
            let key = instance.series.flatMap { entries[$0] }?.keyMetric
            let unit = (key?.target?.quantity).map(ValueUnit.init) ?? .number
            fields["value"] = unit.format(instance.value)
            fields["threshold"] = (key?.target?.quantity.value).map { unit.format($0) } ?? ""
            fields["target"] = key?.target?.description ?? ""
            fields["metric"] = metric
            fields["stat"] = key?.statistic.description ?? ""
            fields["period"] = key?.period.description ?? ""
            fields["status"] = instance.targetStatus?.rawValue ?? TargetStatus.noData.rawValue
        }
        return AlertTemplate(fields: fields, labels: instance.labels)
    }

    /// A target rule's labels for one key metric: `value`, `metric` and `stat`, with `series`
    /// when the value has two key metrics of that metric and statistic; then the rule's labels
    /// where these set none.
    func targetLabels(_ rule: AlertRule, series: String) -> [String: String] {
        guard let entry = entries[series] else { return rule.labels }
        let stat = entry.keyMetric.statistic.description
        var labels = ["value": entry.value ?? "", "metric": entry.keyMetric.metric, "stat": stat]
        let twins = entries.values.filter {
            $0.value == entry.value && $0.keyMetric.metric == entry.keyMetric.metric && $0.keyMetric.statistic.description == stat
        }
        if twins.count > 1 { labels["series"] = series }
        return labels.merging(rule.labels) { own, _ in own }
    }

    /// Keeps `transitions` in ``undelivered`` and returns them.
    mutating func record(_ transitions: [AlertTransition]) -> [AlertTransition] {
        undelivered += transitions
        return transitions
    }
}
