import TenetModels
/// What a staffing plan must reach: a service level (80 % within 20 s) or a maximum probability
/// of waiting, optionally a maximum occupancy, and the shrinkage that turns agents on the phones
/// into agents on the schedule.
///
/// Every value is checked when the target is made, so a target that exists is valid.
public struct StaffingTarget: Hashable, Sendable {
    /// The queueing goal.
    public enum Goal: Hashable, Sendable {
        /// At least `fraction` of contacts answered within `threshold` seconds: `80/20` is
        /// `fraction` 0.8, `threshold` 20. The fraction is in (0, 1), the threshold ≥ 0 seconds.
        case serviceLevel(fraction: Double, threshold: Double)
        /// The probability that a contact waits at all is at most this value, in (0, 1).
        case maximumWaitProbability(Double)
    }

    /// The queueing goal.
    public let goal: Goal
    /// The highest share of time agents may spend handling contacts, in (0, 1]; nil for no cap.
    /// A cap of 0.85 needs N ≥ A / 0.85 even where the goal would be met with fewer.
    public let maximumOccupancy: Double?
    /// The share of paid time agents are not available to answer (breaks, training, absence),
    /// in [0, 1): scheduled agents = ⌈N / (1 − shrinkage)⌉. 0 means none.
    public let shrinkage: Double

    /// A target for `goal`, with an optional occupancy cap and a shrinkage.
    ///
    /// - Throws: ``StaffingError`` with ``StaffingError/Code/invalidServiceLevel`` (fraction
    ///   outside (0, 1)), ``StaffingError/Code/invalidThreshold`` (T negative),
    ///   ``StaffingError/Code/invalidWaitProbability`` (outside (0, 1)),
    ///   ``StaffingError/Code/invalidOccupancy`` (outside (0, 1]) or
    ///   ``StaffingError/Code/invalidShrinkage`` (outside [0, 1)). Non-finite values are outside.
    public init(goal: Goal, maximumOccupancy: Double? = nil, shrinkage: Double = 0) throws(StaffingError) {
        switch goal {
        case .serviceLevel(let fraction, let threshold):
            guard fraction > 0, fraction < 1 else {
                throw StaffingError(
                    code: .invalidServiceLevel, field: "service level", value: "\(fraction)",
                    reason: "the share answered within the threshold must be between 0 and 1, both excluded")
            }
            try Self.validate(threshold: threshold)
        case .maximumWaitProbability(let probability):
            guard probability > 0, probability < 1 else {
                throw StaffingError(
                    code: .invalidWaitProbability, field: "maximum wait probability", value: "\(probability)",
                    reason: "the probability of waiting must be between 0 and 1, both excluded")
            }
        }
        if let maximumOccupancy {
            guard maximumOccupancy > 0, maximumOccupancy <= 1 else {
                throw StaffingError(
                    code: .invalidOccupancy, field: "maximum occupancy", value: "\(maximumOccupancy)",
                    reason: "the occupancy cap must be greater than 0 and at most 1")
            }
        }
        guard shrinkage >= 0, shrinkage < 1 else {
            throw StaffingError(
                code: .invalidShrinkage, field: "shrinkage", value: "\(shrinkage)",
                reason: "the shrinkage must be at least 0 and less than 1")
        }
        self.goal = goal
        self.maximumOccupancy = maximumOccupancy
        self.shrinkage = shrinkage
    }

    /// The service-level goal written as `P/T`: at least P percent answered within T seconds,
    /// `80/20` or `90/15.5`. P is in (0, 100), T ≥ 0; spaces around either are allowed.
    ///
    /// - Throws: ``StaffingError`` ``StaffingError/Code/invalidServiceLevel`` when the text is not
    ///   two numbers around one `/` or P is outside (0, 100),
    ///   ``StaffingError/Code/invalidThreshold`` when T is negative.
    public static func serviceLevel(parsing text: String) throws(StaffingError) -> Goal {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let percent = Double(parts[0].trimmingSpaces), percent.isFinite,
            let threshold = Double(parts[1].trimmingSpaces), threshold.isFinite
        else {
            throw StaffingError(
                code: .invalidServiceLevel, field: "service level", value: text,
                reason: "write the service level as PERCENT/SECONDS, for example 80/20")
        }
        guard percent > 0, percent < 100 else {
            throw StaffingError(
                code: .invalidServiceLevel, field: "service level", value: text,
                reason: "the percentage must be between 0 and 100, both excluded")
        }
        try validate(threshold: threshold)
        return .serviceLevel(fraction: percent / 100, threshold: threshold)
    }

    /// The threshold T (seconds) used when reporting a service level: the goal's own, or
    /// `otherwise` when the goal is a maximum probability of waiting.
    public func serviceLevelThreshold(otherwise: Double) -> Double {
        switch goal {
        case .serviceLevel(_, let threshold): threshold
        case .maximumWaitProbability: otherwise
        }
    }

    /// Whether `forecast`, the steady state of a stable queue, meets the goal and the occupancy cap.
    /// Comparisons are exact: a service level of 0.7999 does not meet 80 %.
    public func isMet(by forecast: QueueForecast) -> Bool {
        if let maximumOccupancy, forecast.occupancy > maximumOccupancy { return false }
        switch goal {
        case .serviceLevel(let fraction, let threshold):
            return forecast.serviceLevel(validThreshold: threshold) >= fraction
        case .maximumWaitProbability(let probability):
            return forecast.probabilityOfWaiting <= probability
        }
    }

    /// The agents to schedule so that `agents` are available after shrinkage:
    /// ⌈agents / (1 − shrinkage)⌉.
    ///
    /// The division is done in floating point, where 14 / 0.7 is 20.000000000000004; a quotient
    /// within a relative 10⁻⁹ of a whole number counts as that number, so 14 agents at 30 %
    /// shrinkage schedule 20, not 21.
    ///
    /// - Throws: ``StaffingError`` ``StaffingError/Code/beyondLimits`` when the result would
    ///   exceed ``ErlangC/maximumAgents``, ``StaffingError/Code/invalidAgents`` for a negative
    ///   number of agents.
    public func scheduledAgents(for agents: Int) throws(StaffingError) -> Int {
        guard agents >= 0 else {
            throw StaffingError(
                code: .invalidAgents, field: "agents", value: "\(agents)",
                reason: "the number of agents must be 0 or more")
        }
        let exact = Double(agents) / (1 - shrinkage)
        let nearest = exact.rounded()
        let scheduled = abs(exact - nearest) <= 1e-9 * max(1, exact) ? nearest : exact.rounded(.up)
        guard scheduled <= Double(ErlangC.maximumAgents) else {
            throw StaffingError(
                code: .beyondLimits, field: "shrinkage", value: "\(shrinkage)",
                reason: "\(agents) agents at this shrinkage would need more than \(ErlangC.maximumAgents) scheduled agents")
        }
        return Int(scheduled)
    }

    /// Checks a service-level threshold T in seconds.
    static func validate(threshold: Double) throws(StaffingError) {
        guard threshold.isFinite, threshold >= 0 else {
            throw StaffingError(
                code: .invalidThreshold, field: "service level threshold", value: "\(threshold)",
                reason: "the threshold must be a finite number of seconds, 0 or more")
        }
    }
}
