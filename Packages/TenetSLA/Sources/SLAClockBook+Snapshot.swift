import TenetModels
import TenetPhilosophy

extension SLAClockBook {
    /// The book's state, for ``init(philosophy:restoring:)`` after a restart.
    public func snapshot() -> SLABookSnapshot {
        let names = plan.fields.map(\.description)
        var rows: [SLABookSnapshot.Conversation] = []
        rows.reserveCapacity(slots.count)
        for (slot, id) in ids.enumerated() where slots[id] == Int32(slot) {
            let conversation = conversations[slot]
            var fields: [String: String] = [:]
            for (index, value) in profiles[Int(conversation.profile)].enumerated() {
                if let value { fields[names[index]] = value }
            }
            rows.append(
                SLABookSnapshot.Conversation(
                    id: id, fields: fields, lastAt: conversation.lastAt, status: SLAPlan.statuses[Int(conversation.status)].rawValue,
                    flags: conversation.flags.rawValue,
                    clocks: (0..<3).map { metric in
                        let clock = conversation[metric]
                        return SLABookSnapshot.Clock(
                            state: clock.state.rawValue, elapsed: clock.elapsed, since: clock.since, warned: clock.warned,
                            breached: clock.breached, counted: clock.counted)
                    }))
        }
        return SLABookSnapshot(
            horizon: horizon?.nanosecondsSinceEpoch, conversations: rows,
            tallies: attainment().map {
                SLABookSnapshot.Tally(policy: $0.policy, metric: $0.metric, applied: $0.applied, met: $0.met, breached: $0.breached, nearBreaches: $0.nearBreaches)
            },
            outcomes: outcomes.map {
                SLABookSnapshot.Outcome(
                    kind: $0.kind.rawValue, conversation: $0.conversation, policy: $0.policy, metric: $0.metric, at: $0.at.nanosecondsSinceEpoch,
                    target: SLAPlan.nanoseconds($0.target), elapsed: SLAPlan.nanoseconds($0.elapsed))
            })
    }

    /// A book that continues `snapshot` under `philosophy` (the one in force when it was taken,
    /// or a reloaded one: each conversation's policy is chosen again from its dimension values,
    /// and its clocks keep their time). Warnings and breaches already emitted are not emitted
    /// again; those that fell due while the plugin was down come out of the next ``due(upTo:)``
    /// with their own instants.
    public init(philosophy: Philosophy, restoring snapshot: SLABookSnapshot) throws(SLAError) {
        try self.init(philosophy: philosophy)
        guard snapshot.version == 1 else {
            throw SLAError(code: .badSnapshot, message: "snapshot version \(snapshot.version): this build reads version 1")
        }
        let names = plan.fields.map(\.description)
        for row in snapshot.conversations {
            guard slots[row.id] == nil, !row.id.isEmpty else {
                throw SLAError(code: .badSnapshot, message: "conversation `\(row.id)` is empty or listed twice")
            }
            guard let status = ConversationStatus(rawValue: row.status), row.clocks.count == 3, row.flags < 16 else {
                throw SLAError(code: .badSnapshot, message: "conversation `\(row.id)`: status `\(row.status)`, \(row.clocks.count) clocks, flags \(row.flags)")
            }
            let slot = admit(row.id)
            var conversation = ConversationClocks(profile: intern(names.map { row.fields[$0] }))
            conversation.lastAt = row.lastAt
            conversation.status = UInt8(SLAPlan.statuses.firstIndex(of: status)!)
            conversation.flags = ConversationClocks.Flags(rawValue: row.flags)
            for (metric, saved) in row.clocks.enumerated() {
                guard let state = SLAClock.State(rawValue: saved.state) else {
                    throw SLAError(code: .badSnapshot, message: "conversation `\(row.id)`: clock state \(saved.state) (0–3)")
                }
                var clock = SLAClock()
                clock.state = state
                clock.elapsed = saved.elapsed
                clock.since = saved.since
                clock.warned = saved.warned
                clock.breached = saved.breached
                clock.counted = saved.counted
                conversation[metric] = clock
            }
            for metric in 0..<3 { schedule(&conversation, slot, metric, at: conversation.lastAt) }
            conversations[Int(slot)] = conversation
        }
        for tally in snapshot.tallies {
            tallies[TallyKey(policy: tally.policy, metric: tally.metric)] = SLAAttainment(
                policy: tally.policy, metric: tally.metric, applied: tally.applied, met: tally.met, breached: tally.breached,
                nearBreaches: tally.nearBreaches)
        }
        for outcome in snapshot.outcomes {
            guard let kind = SLAOutcome.Kind(rawValue: outcome.kind) else {
                throw SLAError(code: .badSnapshot, message: "outcome kind `\(outcome.kind)`: `breach` or `near_breach`")
            }
            outcomes.append(
                SLAOutcome(
                    kind: kind, conversation: outcome.conversation, policy: outcome.policy, metric: outcome.metric,
                    at: Timestamp(nanosecondsSinceEpoch: outcome.at), target: .nanoseconds(outcome.target), elapsed: .nanoseconds(outcome.elapsed)))
        }
        horizon = snapshot.horizon.map { Timestamp(nanosecondsSinceEpoch: $0) }
        dropStaleTop()
    }
}
