/// SLA attainment of one policy and metric: met ÷ applied over the clocks that stopped.
public struct SLAAttainmentBody: Codable, Hashable, Sendable {
    /// The policy.
    public var policy: String
    /// `first_response`, `next_reply` or `resolution`.
    public var metric: String
    /// Clocks that stopped (met or missed).
    public var applied: Int
    /// Of them, within target.
    public var met: Int
    /// Clocks that breached.
    public var breached: Int
    /// Clocks met after their warning.
    public var nearBreaches: Int
    /// `met × 100 ÷ applied` (absent when none applied).
    public var percent: Double?

    enum CodingKeys: String, CodingKey {
        case policy, metric, applied, met, breached, percent
        case nearBreaches = "near_breaches"
    }

    /// Creates a body.
    public init(policy: String, metric: String, applied: Int, met: Int, breached: Int, nearBreaches: Int, percent: Double?) {
        self.policy = policy
        self.metric = metric
        self.applied = applied
        self.met = met
        self.breached = breached
        self.nearBreaches = nearBreaches
        self.percent = percent
    }
}
