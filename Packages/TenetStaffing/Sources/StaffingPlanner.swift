/// Staffing per slot of the week: from what each slot saw (contacts, days, handle time), the
/// mean arrival rate, the handle time, the offered load, the fewest agents meeting the target,
/// the agents to schedule after shrinkage and the predicted service level, ASA, probability of
/// waiting and occupancy.
///
/// Pure: the caller buckets the data by slot in the organisation's time zone (see
/// ``IntervalObservation``); the planner only does arithmetic.
///
/// Units: interval lengths in minutes, times in seconds, arrival rates in contacts per second,
/// loads in Erlangs, probabilities and shares in [0, 1].
public struct StaffingPlanner: Hashable, Sendable {
    /// Where each slot's average handle time comes from.
    public enum HandleTime: Hashable, Sendable {
        /// The slot's own mean: handle time sum ÷ contacts.
        case observed
        /// The same AHT for every slot, in seconds (> 0).
        case fixed(Double)
    }

    /// The length of one slot in minutes: a positive divisor of a day (30 and 60 are usual).
    public let intervalMinutes: Int
    /// Where each slot's AHT comes from.
    public let handleTime: HandleTime
    /// What each slot must reach.
    public let target: StaffingTarget
    /// The threshold T in seconds at which service levels are reported: the target's when it is a
    /// service level, otherwise the one given (20 s by default).
    public let serviceLevelThreshold: Double

    /// A planner for slots of `intervalMinutes` minutes, AHTs from `handleTime`, meeting `target`,
    /// reporting service levels within `reportingThreshold` seconds when the target is a maximum
    /// probability of waiting (a service-level target reports at its own threshold).
    ///
    /// - Throws: ``StaffingError`` ``StaffingError/Code/invalidInterval`` for an interval that is
    ///   not a positive divisor of 1440 minutes, ``StaffingError/Code/invalidHandleTime`` for a
    ///   fixed AHT that is not a positive finite number of seconds,
    ///   ``StaffingError/Code/invalidThreshold`` for a negative reporting threshold.
    public init(
        intervalMinutes: Int = 30, handleTime: HandleTime = .observed, target: StaffingTarget, reportingThreshold: Double = 20
    ) throws(StaffingError) {
        guard intervalMinutes > 0, 1440 % intervalMinutes == 0 else {
            throw StaffingError(
                code: .invalidInterval, field: "interval", value: "\(intervalMinutes) minutes",
                reason: "the interval must be a whole number of minutes that divides a day (15, 30, 60…)")
        }
        if case .fixed(let aht) = handleTime {
            try ErlangC.validate(load: 0, aht: aht)
        }
        try StaffingTarget.validate(threshold: reportingThreshold)
        self.intervalMinutes = intervalMinutes
        self.handleTime = handleTime
        self.target = target
        self.serviceLevelThreshold = target.serviceLevelThreshold(otherwise: reportingThreshold)
    }

    /// The length of one slot in seconds.
    public var intervalSeconds: Double { Double(intervalMinutes * 60) }

    /// The plan of every observed slot, in the order of the week (Monday 00:00 first). Slots
    /// without an observation are not in the result; a slot with no contacts needs 0 agents.
    ///
    /// - Throws: ``StaffingError`` ``StaffingError/Code/duplicateSlot`` when two observations
    ///   name one slot, and what ``plan(slot:)`` throws for the first invalid observation.
    public func plan(_ observations: [IntervalObservation]) throws(StaffingError) -> [IntervalPlan] {
        let sorted = observations.sorted { $0.slot < $1.slot }
        var plans: [IntervalPlan] = []
        plans.reserveCapacity(sorted.count)
        for observation in sorted {
            if let last = plans.last, last.slot == observation.slot {
                throw StaffingError(
                    code: .duplicateSlot, field: "slot", value: "\(observation.slot)",
                    reason: "two observations name this slot; give one per slot of the week")
            }
            plans.append(try plan(slot: observation))
        }
        return plans
    }

    /// The plan of one slot.
    ///
    /// Arrival rate λ = contacts ÷ (days × interval seconds); AHT = the fixed one, or handle time
    /// sum ÷ contacts; load A = contacts × AHT ÷ (days × interval seconds) (= λ × AHT, computed
    /// without the rounding of λ); agents and forecast from
    /// ``ErlangC/agentsNeeded(load:aht:target:)``.
    ///
    /// - Throws: ``StaffingError`` ``StaffingError/Code/invalidObservation`` for a slot off the
    ///   interval grid or outside the day, negative counts, a negative or non-finite handle time
    ///   sum, contacts without days, or (observed AHT) contacts without handle time;
    ///   ``StaffingError/Code/beyondLimits`` when the load exceeds ``ErlangC/maximumLoad``.
    public func plan(slot observation: IntervalObservation) throws(StaffingError) -> IntervalPlan {
        try validate(observation)
        let slot = observation.slot
        guard observation.contactCount > 0 else {
            let fixed: Double? = if case .fixed(let aht) = handleTime { aht } else { nil }
            return IntervalPlan(
                slot: slot, dayCount: observation.dayCount, contactCount: 0, arrivalRate: 0, aht: fixed, load: 0,
                agents: 0, scheduledAgents: 0, forecast: .idle, serviceLevelThreshold: serviceLevelThreshold, serviceLevel: 1)
        }
        let contacts = Double(observation.contactCount)
        let exposure = Double(observation.dayCount) * intervalSeconds
        let aht: Double =
            switch handleTime {
            case .fixed(let aht): aht
            case .observed: observation.handleTimeSum / contacts
            }
        let load = contacts * aht / exposure
        let requirement: StaffingRequirement
        do {
            requirement = try ErlangC.agentsNeeded(load: load, aht: aht, target: target)
        } catch {
            throw StaffingError(code: error.code, field: "\(slot) \(error.field)", value: error.value, reason: error.reason)
        }
        return IntervalPlan(
            slot: slot, dayCount: observation.dayCount, contactCount: observation.contactCount,
            arrivalRate: contacts / exposure, aht: aht, load: load,
            agents: requirement.agents, scheduledAgents: requirement.scheduledAgents, forecast: requirement.forecast,
            serviceLevelThreshold: serviceLevelThreshold,
            serviceLevel: requirement.forecast.serviceLevel(validThreshold: serviceLevelThreshold))
    }

    /// Checks one observation against the interval grid and the count rules.
    private func validate(_ observation: IntervalObservation) throws(StaffingError) {
        let slot = observation.slot
        func invalid(_ field: String, _ value: String, _ reason: String) -> StaffingError {
            StaffingError(code: .invalidObservation, field: "\(slot) \(field)", value: value, reason: reason)
        }
        guard slot.startMinute >= 0, slot.startMinute < 1440, slot.startMinute % intervalMinutes == 0 else {
            throw invalid(
                "start minute", "\(slot.startMinute)",
                "a slot starts at a multiple of the \(intervalMinutes)-minute interval within the day (0 to 1439)")
        }
        guard observation.dayCount >= 0 else {
            throw invalid("day count", "\(observation.dayCount)", "the number of days must be 0 or more")
        }
        guard observation.contactCount >= 0 else {
            throw invalid("contact count", "\(observation.contactCount)", "the number of contacts must be 0 or more")
        }
        guard observation.handleTimeSum.isFinite, observation.handleTimeSum >= 0 else {
            throw invalid(
                "handle time sum", "\(observation.handleTimeSum)", "the handle time sum must be a finite number of seconds, 0 or more")
        }
        guard observation.contactCount == 0 || observation.dayCount > 0 else {
            throw invalid("day count", "0", "a slot with \(observation.contactCount) contacts occurred on at least one day")
        }
        if case .observed = handleTime, observation.contactCount > 0, observation.handleTimeSum == 0 {
            throw invalid(
                "handle time sum", "0",
                "\(observation.contactCount) contacts without handle time give no observed AHT; give a fixed AHT")
        }
    }
}
