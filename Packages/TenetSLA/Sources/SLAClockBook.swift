import TenetCalendar
import TenetModels
import TenetPhilosophy

/// Per-conversation SLA clocks: the first matching policy of the philosophy's `sla` list, clocks
/// in business or calendar time that pause in the policy's statuses, warnings and breaches at
/// their exact instants, outcomes and attainment. docs/ALERTS.md ("SLA clocks") defines it all.
///
/// Pure: time is passed in. Feed it a conversation's events in order with ``apply(_:)`` and call
/// ``due(upTo:)`` on a timer (``nextDueInstant`` says when): every warning and breach comes out
/// exactly once, in time order, with the instant it happened. ``snapshot()`` and
/// ``init(philosophy:restoring:)`` carry it across a restart without announcing anything twice.
///
/// The next due instant of every counting clock sits in a binary heap: a warning or breach costs
/// O(log n) when it comes, however many clocks run, and no clock is looked at before its instant.
public struct SLAClockBook: Sendable {
    /// Which running clocks ``running(at:filter:)`` lists.
    public enum RunningFilter: Sendable {
        /// Every clock with a target that is counting or paused.
        case all
        /// Clocks whose breach was emitted.
        case breached
        /// Clocks whose warning was emitted and whose breach was not.
        case atRisk
    }

    struct TallyKey: Hashable, Sendable {
        var policy: String
        var metric: SLAMetric
    }

    var plan: SLAPlan
    // Interned dimension values (in `plan.fields` order) and the policy and calendar each gets.
    var profiles: [[String?]] = []
    var profileIDs: [[String?]: Int32] = [:]
    var choices: [SLAPlan.Choice] = []
    // Conversations, by slot.
    var slots: [String: Int32] = [:]
    var ids: [String] = []
    var conversations: [ConversationClocks] = []
    var freeSlots: [Int32] = []
    // Scheduled warnings and breaches.
    var heap = DueHeap()
    var scheduled = 0
    // Outcomes.
    var tallies: [TallyKey: SLAAttainment] = [:]
    var outcomes: [SLAOutcome] = []
    /// The latest `now` given to ``due(upTo:)`` or instant applied.
    public internal(set) var horizon: Timestamp?

    /// A book with no conversations, for `philosophy`'s SLA policies, coverage and settings.
    public init(philosophy: Philosophy) throws(SLAError) {
        plan = try SLAPlan(philosophy)
        _ = intern(Array(repeating: nil, count: plan.fields.count))
    }

    // MARK: Counts

    /// Conversations the book follows (opened and not closed).
    public var conversationCount: Int { slots.count }

    /// Clocks counting now (not paused) with a warning or breach still to come.
    public var scheduledCount: Int { scheduled }

    /// When the next warning or breach is due; `nil` when none is.
    public var nextDueInstant: Timestamp? {
        heap.first.map { Timestamp(nanosecondsSinceEpoch: $0.instant) }
    }

    // MARK: Events

    /// Applies one event (events of one conversation in their order; earlier than the
    /// conversation's last one, it counts at that last instant). Returns, in time order, the
    /// warnings and breaches due before the event, then what the event did (met or missed
    /// clocks), then what is due at its instant.
    public mutating func apply(_ event: SLAEvent) -> [SLAEmission] {
        var emissions: [SLAEmission] = []
        apply(event, into: &emissions)
        return emissions
    }

    /// ``apply(_:)`` appending to `emissions` (no array per event).
    public mutating func apply(_ event: SLAEvent, into emissions: inout [SLAEmission]) {
        let at = event.at.nanosecondsSinceEpoch
        fire(through: at, inclusive: false, into: &emissions)
        let slot: Int32
        if let known = slots[event.conversation] {
            slot = known
        } else {
            switch event.kind {
            case .status, .other:
                // A conversation the book does not follow (closed, or never started): nothing to count.
                fire(through: at, inclusive: true, into: &emissions)
                return
            default: slot = admit(event.conversation)
            }
        }
        var conversation = conversations[Int(slot)]
        let t = max(at, conversation.lastAt)
        conversation.lastAt = t
        let before = choices[Int(conversation.profile)]
        let pausedBefore = isPaused(conversation, before)
        for metric in 0..<3 { fold(&conversation[metric], at: t, basis: before.basis, running: !pausedBefore) }
        if !event.fields.isEmpty { conversation.profile = profile(conversation.profile, updatedBy: event.fields) }
        var dirty: UInt8 = 0
        var close = false
        switch event.kind {
        case .opened(let outbound):
            if outbound, !conversation.flags.contains(.started) { conversation.flags.insert(.outbound) }
            dirty |= start(&conversation, at: t)
        case .queued:
            dirty |= start(&conversation, at: t)
        case .message(let author, let isPublic):
            dirty |= message(&conversation, slot, author: author, isPublic: isPublic, at: t, &emissions)
        case .routed:
            if plan.botHandoffRestarts, conversation.flags.contains(.botSpoke), !conversation.flags.contains(.firstReplied),
                conversation.clocks.0.state == .active, !conversation.clocks.0.breached
            {
                conversation.clocks.0.elapsed = 0
                conversation.clocks.0.since = t
                conversation.clocks.0.warned = false
                dirty |= 1
            }
        case .status(let status):
            dirty |= changeStatus(&conversation, slot, to: status, at: t, &emissions)
            close = status == .closed
        case .other:
            break
        }
        let after = choices[Int(conversation.profile)]
        let pausedAfter = isPaused(conversation, after)
        if after.policy != before.policy || after.basis != before.basis || pausedAfter != pausedBefore { dirty = 7 }
        for metric in 0..<3 where dirty & (1 << metric) != 0 {
            schedule(&conversation, slot, metric, at: t)
        }
        if close {
            for metric in 0..<3 { unschedule(&conversation[metric]) }
            conversations[Int(slot)] = conversation
            release(slot)
        } else {
            conversations[Int(slot)] = conversation
        }
        fire(through: at, inclusive: true, into: &emissions)
        compactIfNeeded()
    }

    /// Every warning and breach due at or before `now` that was not emitted yet, in time order,
    /// each with its own instant. Call it on a timer; ``nextDueInstant`` says when.
    public mutating func due(upTo now: Timestamp) -> [SLAEmission] {
        var emissions: [SLAEmission] = []
        fire(through: now.nanosecondsSinceEpoch, inclusive: true, into: &emissions)
        compactIfNeeded()
        return emissions
    }

    // MARK: The conversation's story

    mutating func start(_ conversation: inout ConversationClocks, at t: Int64) -> UInt8 {
        guard !conversation.flags.contains(.started) else { return 0 }
        conversation.flags.insert(.started)
        var dirty: UInt8 = 0
        if !conversation.flags.contains(.outbound), !conversation.flags.contains(.firstReplied) {
            begin(&conversation.clocks.0, at: t)
            dirty |= 1
        }
        begin(&conversation.clocks.2, at: t)
        return dirty | 4
    }

    func begin(_ clock: inout SLAClock, at t: Int64) {
        clock.state = .active
        clock.elapsed = 0
        clock.since = t
        clock.warned = false
        clock.breached = false
        clock.counted = false
    }

    mutating func message(
        _ conversation: inout ConversationClocks, _ slot: Int32, author: MessageAuthor, isPublic: Bool, at t: Int64,
        _ emissions: inout [SLAEmission]
    ) -> UInt8 {
        let started = conversation.flags.contains(.started)
        switch author {
        case .customer where isPublic:
            if !started { return start(&conversation, at: t) }
            if conversation.flags.contains(.firstReplied), conversation.clocks.1.state == .idle,
                !plan.solved[Int(conversation.status)]
            {
                begin(&conversation.clocks.1, at: t)
                return 2
            }
        case .agent where isPublic:
            if !conversation.flags.contains(.firstReplied) {
                conversation.flags.insert(.firstReplied)
                if started, conversation.clocks.0.state == .active {
                    stop(&conversation, slot, 0, at: t, &emissions)
                    return 1
                }
            } else if conversation.clocks.1.state == .active {
                stop(&conversation, slot, 1, at: t, &emissions)
                conversation.clocks.1.state = .idle
                return 2
            }
        case .bot:
            if !conversation.flags.contains(.firstReplied) { conversation.flags.insert(.botSpoke) }
        default:
            break
        }
        return 0
    }

    mutating func changeStatus(
        _ conversation: inout ConversationClocks, _ slot: Int32, to status: ConversationStatus, at t: Int64, _ emissions: inout [SLAEmission]
    ) -> UInt8 {
        let next = UInt8(SLAPlan.statuses.firstIndex(of: status)!)
        let wasSolved = plan.solved[Int(conversation.status)], isSolved = plan.solved[Int(next)]
        conversation.status = next
        var dirty: UInt8 = 0
        if isSolved, !wasSolved {
            if conversation.clocks.2.state == .active {
                stop(&conversation, slot, 2, at: t, &emissions)
                dirty |= 4
            }
            if conversation.clocks.0.state == .active {
                conversation.clocks.0.state = .cancelled
                dirty |= 1
            }
            if conversation.clocks.1.state == .active {
                conversation.clocks.1.state = .idle
                dirty |= 2
            }
        } else if wasSolved, !isSolved, conversation.clocks.2.state == .stopped {
            withdraw(&conversation, slot)
            conversation.clocks.2.state = .active
            conversation.clocks.2.since = t
            dirty |= 4
        }
        return dirty
    }

    // MARK: Clocks

    func isPaused(_ conversation: ConversationClocks, _ choice: SLAPlan.Choice) -> Bool {
        choice.policy >= 0
            ? plan.pauseTable[Int(choice.policy) * SLAPlan.statuses.count + Int(conversation.status)] : plan.defaultPauses[Int(conversation.status)]
    }

    /// Adds the time counted up to `t` to `elapsed` and counts on from `t`.
    func fold(_ clock: inout SLAClock, at t: Int64, basis: Int16, running: Bool) {
        guard clock.state == .active else { return }
        if running { clock.elapsed += plan.duration(basis, from: clock.since, to: t) }
        clock.since = t
    }

    /// The target and warning threshold of `metric` under the policy in force, when it sets one.
    func target(_ conversation: ConversationClocks, _ metric: Int) -> (policy: Int, target: Int64, warning: Int64)? {
        let choice = choices[Int(conversation.profile)]
        guard choice.policy >= 0 else { return nil }
        let index = Int(choice.policy) * 3 + metric
        let target = plan.targetTable[index]
        guard target >= 0 else { return nil }
        return (Int(choice.policy), target, plan.warningTable[index])
    }

    /// Replaces the clock's heap entry: a new one at its next warning or breach when it counts.
    mutating func schedule(_ conversation: inout ConversationClocks, _ slot: Int32, _ metric: Int, at t: Int64) {
        var clock = conversation[metric]
        unschedule(&clock)
        let choice = choices[Int(conversation.profile)]
        if clock.state == .active, !clock.breached, !isPaused(conversation, choice), let goal = target(conversation, metric) {
            let threshold = !clock.warned && goal.warning < goal.target ? goal.warning : goal.target
            if let instant = plan.deadline(choice.basis, from: clock.since, adding: threshold - clock.elapsed) {
                heap.push(.init(instant: instant, conversation: slot, generation: clock.generation, metric: UInt8(metric)))
                clock.pending = true
                scheduled += 1
            }
        }
        conversation[metric] = clock
    }

    /// Makes the clock's heap entry stale.
    mutating func unschedule(_ clock: inout SLAClock) {
        clock.generation &+= 1
        if clock.pending {
            clock.pending = false
            scheduled -= 1
        }
    }

    /// Emits the warnings and breaches due before `limit` (or at it, when `inclusive`).
    mutating func fire(through limit: Int64, inclusive: Bool, into emissions: inout [SLAEmission]) {
        while let top = heap.first, top.instant < limit || (inclusive && top.instant == limit) {
            _ = heap.pop()
            let slot = Int(top.conversation), metric = Int(top.metric)
            var conversation = conversations[slot]
            var clock = conversation[metric]
            guard clock.generation == top.generation, clock.pending else { continue }
            clock.pending = false
            scheduled -= 1
            conversation[metric] = clock
            guard let goal = target(conversation, metric) else {
                conversations[slot] = conversation
                continue
            }
            let policy = plan.policies[goal.policy].name
            let basis = choices[Int(conversation.profile)].basis
            if !clock.warned && goal.warning < goal.target {
                conversation[metric].warned = true
                let breachAt = plan.deadline(basis, from: clock.since, adding: goal.target - clock.elapsed)
                emissions.append(
                    SLAEmission(
                        kind: .warning, conversation: ids[slot], policy: policy, metric: SLAPlan.metrics[metric],
                        at: Timestamp(nanosecondsSinceEpoch: top.instant), target: .nanoseconds(goal.target), elapsed: .nanoseconds(goal.warning),
                        breachAt: breachAt.map { Timestamp(nanosecondsSinceEpoch: $0) }))
            } else {
                conversation[metric].breached = true
                let emission = SLAEmission(
                    kind: .breach, conversation: ids[slot], policy: policy, metric: SLAPlan.metrics[metric],
                    at: Timestamp(nanosecondsSinceEpoch: top.instant), target: .nanoseconds(goal.target),
                    elapsed: .nanoseconds(max(goal.target, clock.elapsed)))
                tally(policy, metric) {
                    $0.applied += 1
                    $0.breached += 1
                }
                outcomes.append(
                    SLAOutcome(
                        kind: .breach, conversation: emission.conversation, policy: emission.policy, metric: emission.metric, at: emission.at,
                        target: emission.target, elapsed: emission.elapsed))
                emissions.append(emission)
            }
            schedule(&conversation, Int32(slot), metric, at: top.instant)
            conversations[slot] = conversation
        }
        if limit > horizon?.nanosecondsSinceEpoch ?? .min { horizon = Timestamp(nanosecondsSinceEpoch: limit) }
        dropStaleTop()
    }

    /// Stops an active clock already folded up to `t`, with its outcome.
    mutating func stop(_ conversation: inout ConversationClocks, _ slot: Int32, _ metric: Int, at t: Int64, _ emissions: inout [SLAEmission]) {
        var clock = conversation[metric]
        clock.state = .stopped
        defer { conversation[metric] = clock }
        guard let goal = target(conversation, metric) else { return }
        let policy = plan.policies[goal.policy].name
        let at = Timestamp(nanosecondsSinceEpoch: t)
        if clock.breached || clock.elapsed > goal.target {
            if !clock.breached {
                // Only when no deadline could be computed (a schedule closed for years).
                clock.breached = true
                tally(policy, metric) {
                    $0.applied += 1
                    $0.breached += 1
                }
                outcomes.append(
                    SLAOutcome(
                        kind: .breach, conversation: ids[Int(slot)], policy: policy, metric: SLAPlan.metrics[metric], at: at,
                        target: .nanoseconds(goal.target), elapsed: .nanoseconds(clock.elapsed)))
            }
            emissions.append(
                SLAEmission(
                    kind: .missed, conversation: ids[Int(slot)], policy: policy, metric: SLAPlan.metrics[metric], at: at,
                    target: .nanoseconds(goal.target), elapsed: .nanoseconds(clock.elapsed)))
            return
        }
        clock.counted = true
        tally(policy, metric) {
            $0.applied += 1
            $0.met += 1
            if clock.warned { $0.nearBreaches += 1 }
        }
        if clock.warned {
            outcomes.append(
                SLAOutcome(
                    kind: .nearBreach, conversation: ids[Int(slot)], policy: policy, metric: SLAPlan.metrics[metric], at: at,
                    target: .nanoseconds(goal.target), elapsed: .nanoseconds(clock.elapsed)))
        }
        emissions.append(
            SLAEmission(
                kind: .met, conversation: ids[Int(slot)], policy: policy, metric: SLAPlan.metrics[metric], at: at,
                target: .nanoseconds(goal.target), elapsed: .nanoseconds(clock.elapsed)))
    }

    /// Takes back the met outcome of a resolution clock that a reopen resumes.
    mutating func withdraw(_ conversation: inout ConversationClocks, _ slot: Int32) {
        guard conversation.clocks.2.counted else { return }
        conversation.clocks.2.counted = false
        guard let goal = target(conversation, 2) else { return }
        let policy = plan.policies[goal.policy].name
        let warned = conversation.clocks.2.warned
        tally(policy, 2) {
            $0.applied = max(0, $0.applied - 1)
            $0.met = max(0, $0.met - 1)
            if warned { $0.nearBreaches = max(0, $0.nearBreaches - 1) }
        }
        if warned, let index = outcomes.lastIndex(where: {
            $0.kind == .nearBreach && $0.conversation == ids[Int(slot)] && $0.metric == .resolution
        }) {
            outcomes.remove(at: index)
        }
    }

    mutating func tally(_ policy: String, _ metric: Int, _ change: (inout SLAAttainment) -> Void) {
        let key = TallyKey(policy: policy, metric: SLAPlan.metrics[metric])
        change(&tallies[key, default: SLAAttainment(policy: policy, metric: key.metric)])
    }

    // MARK: Storage

    /// The profile `current` with the watched values `fields` gives replaced.
    mutating func profile(_ current: Int32, updatedBy fields: [FilterField: String]) -> Int32 {
        var values = profiles[Int(current)]
        var changed = false
        for (index, field) in plan.fields.enumerated() {
            if let value = fields[field], value != values[index] {
                values[index] = value
                changed = true
            }
        }
        return changed ? intern(values) : current
    }

    mutating func intern(_ values: [String?]) -> Int32 {
        if let known = profileIDs[values] { return known }
        let id = Int32(profiles.count)
        profiles.append(values)
        profileIDs[values] = id
        choices.append(plan.choice(for: values))
        return id
    }

    mutating func admit(_ id: String) -> Int32 {
        if let slot = freeSlots.popLast() {
            let generations = conversations[Int(slot)]
            var fresh = ConversationClocks(profile: 0)
            // Generations go on counting, so that entries of the slot's last tenant stay stale.
            fresh.clocks.0.generation = generations.clocks.0.generation
            fresh.clocks.1.generation = generations.clocks.1.generation
            fresh.clocks.2.generation = generations.clocks.2.generation
            conversations[Int(slot)] = fresh
            ids[Int(slot)] = id
            slots[id] = slot
            return slot
        }
        let slot = Int32(conversations.count)
        conversations.append(ConversationClocks(profile: 0))
        ids.append(id)
        slots[id] = slot
        return slot
    }

    mutating func release(_ slot: Int32) {
        slots[ids[Int(slot)]] = nil
        ids[Int(slot)] = ""
        freeSlots.append(slot)
    }

    mutating func dropStaleTop() {
        while let top = heap.first {
            let clock = conversations[Int(top.conversation)][Int(top.metric)]
            if clock.pending && clock.generation == top.generation { return }
            _ = heap.pop()
        }
    }

    /// Rebuilds the heap when stale entries outnumber live ones.
    mutating func compactIfNeeded() {
        guard heap.count > 2 * scheduled + 4096 else { return }
        let conversations = self.conversations
        heap.rebuild { entry in
            let clock = conversations[Int(entry.conversation)][Int(entry.metric)]
            return clock.pending && clock.generation == entry.generation
        }
    }
}
