import TenetModels

/// One thing an SLA clock did that the rules plugin publishes (`sla.<kind>`): a warning, a
/// breach, or the clock's outcome when it stopped. Each is emitted exactly once, with the
/// instant it happened (not the instant it was noticed).
public struct SLAEmission: Hashable, Sendable {
    /// What happened.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The warning threshold was crossed (a lead before the breach, or a share of the target).
        case warning
        /// The target was used up with the clock still running.
        case breach
        /// The clock stopped within its target.
        case met
        /// The clock stopped after its breach (the breach itself was emitted before).
        case missed
    }

    /// What happened.
    public var kind: Kind
    /// The conversation.
    public var conversation: String
    /// The policy in force (its name).
    public var policy: String
    /// Which clock.
    public var metric: SLAMetric
    /// The instant it happened: the warning's or breach's instant on the calendar, or the stop.
    public var at: Timestamp
    /// The policy's target for the clock.
    public var target: Duration
    /// The time counted on the clock at `at` (business or calendar time, as the policy says).
    public var elapsed: Duration
    /// When the clock breaches if nothing stops it (with a warning); `nil` otherwise.
    public var breachAt: Timestamp?

    /// Creates an emission.
    public init(
        kind: Kind, conversation: String, policy: String, metric: SLAMetric, at: Timestamp, target: Duration, elapsed: Duration,
        breachAt: Timestamp? = nil
    ) {
        self.kind = kind
        self.conversation = conversation
        self.policy = policy
        self.metric = metric
        self.at = at
        self.target = target
        self.elapsed = elapsed
        self.breachAt = breachAt
    }

    /// The bus topic: `sla.warning`, `sla.breach`, `sla.met`, `sla.missed`.
    public var topic: String { "sla." + kind.rawValue }
}
