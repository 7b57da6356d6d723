import TenetModels

/// A breach or a near-breach (a clock that warned and then stopped within its target), for the
/// lists beside SLA attainment.
public struct SLAOutcome: Hashable, Sendable {
    /// Which list it belongs to.
    public enum Kind: String, Hashable, Sendable {
        /// The target was used up.
        case breach
        /// Warned, then stopped within the target.
        case nearBreach = "near_breach"
    }

    /// Which list.
    public var kind: Kind
    /// The conversation.
    public var conversation: String
    /// The policy in force then.
    public var policy: String
    /// Which clock.
    public var metric: SLAMetric
    /// The breach's instant, or the stop of a near-breach.
    public var at: Timestamp
    /// The target.
    public var target: Duration
    /// The time counted at `at`.
    public var elapsed: Duration

    /// Creates a record.
    public init(kind: Kind, conversation: String, policy: String, metric: SLAMetric, at: Timestamp, target: Duration, elapsed: Duration) {
        self.kind = kind
        self.conversation = conversation
        self.policy = policy
        self.metric = metric
        self.at = at
        self.target = target
        self.elapsed = elapsed
    }
}
