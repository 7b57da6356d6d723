import TenetModels

extension SLAClockBook {
    /// The clocks with a target that are counting or paused at `now` (not before the last
    /// instant applied), sorted by time to breach: breached clocks first (the longest overdue
    /// first), then by breach instant, paused clocks last (by time left); ties by conversation.
    public func running(at now: Timestamp, filter: RunningFilter = .all) -> [SLARunningClock] {
        var rows: [SLARunningClock] = []
        for (id, slot) in slots {
            let conversation = conversations[Int(slot)]
            let choice = choices[Int(conversation.profile)]
            let paused = isPaused(conversation, choice)
            for metric in 0..<3 {
                let clock = conversation[metric]
                guard clock.state == .active, let goal = target(conversation, metric) else { continue }
                switch filter {
                case .all: break
                case .breached: guard clock.breached else { continue }
                case .atRisk: guard clock.warned, !clock.breached else { continue }
                }
                let instant = max(now.nanosecondsSinceEpoch, clock.since)
                let elapsed = clock.elapsed + (paused ? 0 : plan.duration(choice.basis, from: clock.since, to: instant))
                let breachAt = paused || clock.breached ? nil : plan.deadline(choice.basis, from: clock.since, adding: goal.target - clock.elapsed)
                rows.append(
                    SLARunningClock(
                        conversation: id, policy: plan.policies[goal.policy].name, metric: SLAPlan.metrics[metric],
                        target: .nanoseconds(goal.target), elapsed: .nanoseconds(elapsed), breachAt: breachAt.map { Timestamp(nanosecondsSinceEpoch: $0) },
                        warned: clock.warned, breached: clock.breached, paused: paused))
            }
        }
        rows.sort { a, b in
            if a.paused != b.paused { return !a.paused }
            if a.paused { return a.remaining != b.remaining ? a.remaining < b.remaining : (a.conversation, a.metric.rawValue) < (b.conversation, b.metric.rawValue) }
            if a.breached != b.breached { return a.breached }
            if a.breached, a.remaining != b.remaining { return a.remaining < b.remaining }
            if a.breachAt != b.breachAt { return (a.breachAt ?? Timestamp(nanosecondsSinceEpoch: .max)) < (b.breachAt ?? Timestamp(nanosecondsSinceEpoch: .max)) }
            return (a.conversation, a.metric.rawValue) < (b.conversation, b.metric.rawValue)
        }
        return rows
    }

    /// SLA attainment per policy and clock, in the order of the philosophy's policies (then any
    /// policy a reload removed, by name), clocks in ``SLAMetric`` order; only pairs that applied
    /// to at least one clock.
    public func attainment() -> [SLAAttainment] {
        let order = Dictionary(plan.policies.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        return tallies.values.sorted { a, b in
            let (x, y) = (order[a.policy] ?? Int.max, order[b.policy] ?? Int.max)
            if x != y { return x < y }
            if a.policy != b.policy { return a.policy < b.policy }
            return SLAMetric.allCases.firstIndex(of: a.metric)! < SLAMetric.allCases.firstIndex(of: b.metric)!
        }
    }

    /// The breaches, in the order they happened.
    public var breaches: [SLAOutcome] { outcomes.filter { $0.kind == .breach } }

    /// The near-breaches (warned, then met), in the order the clocks stopped.
    public var nearBreaches: [SLAOutcome] { outcomes.filter { $0.kind == .nearBreach } }

    /// The policy that applies to `conversation` now (its name), when one does.
    public func policy(of conversation: String) -> String? {
        guard let slot = slots[conversation] else { return nil }
        let choice = choices[Int(conversations[Int(slot)].profile)]
        return choice.policy >= 0 ? plan.policies[Int(choice.policy)].name : nil
    }
}

extension SLAClockBook {
    /// Forgets the breaches and near-breaches before `instant` (the lists grow with every
    /// breach; the plugin keeps what it reports). Attainment tallies are not touched.
    public mutating func forgetOutcomes(before instant: Timestamp) {
        outcomes.removeAll { $0.at < instant }
    }
}
