/// SLA attainment of one policy's target on one clock: met ÷ applied, where applied counts the
/// clocks that stopped within the target and those that breached (stopped or not yet).
public struct SLAAttainment: Hashable, Sendable {
    /// The policy's name.
    public var policy: String
    /// Which clock.
    public var metric: SLAMetric
    /// Clocks that stopped within the target or breached.
    public var applied: Int
    /// Clocks that stopped within the target.
    public var met: Int
    /// Clocks that breached.
    public var breached: Int
    /// Clocks that stopped within the target after their warning.
    public var nearBreaches: Int

    /// Creates a figure.
    public init(policy: String, metric: SLAMetric, applied: Int = 0, met: Int = 0, breached: Int = 0, nearBreaches: Int = 0) {
        self.policy = policy
        self.metric = metric
        self.applied = applied
        self.met = met
        self.breached = breached
        self.nearBreaches = nearBreaches
    }

    /// met ÷ applied as a percentage; `nil` when nothing was applied.
    public var percent: Double? { applied == 0 ? nil : Double(met) * 100 / Double(applied) }
}
