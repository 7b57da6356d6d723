/// What an SLA clock did: the body of an `sla.warning`, `sla.breach`, `sla.met` or
/// `sla.missed` bus event, and a row of an `sla` reply's breaches and near-breaches.
public struct SLAEmissionBody: Codable, Hashable, Sendable {
    /// A stable id (conversation, metric, kind and the clock's episode): the same after a
    /// restart, so a consumer can drop a repeat.
    public var id: String
    /// `warning`, `breach`, `met`, `missed` (and `near_breach` in a reply's list).
    public var kind: String
    /// The conversation.
    public var conversation: String
    /// The policy.
    public var policy: String
    /// `first_response`, `next_reply` or `resolution`.
    public var metric: String
    /// When it happened (RFC 3339, to the nanosecond), not when it was noticed.
    public var at: String
    /// The target, in seconds of the policy's hours.
    public var targetSeconds: Double
    /// The time counted at that instant.
    public var elapsedSeconds: Double
    /// For a warning: when the breach comes if nothing happens.
    public var breachAt: String?

    enum CodingKeys: String, CodingKey {
        case id, kind, conversation, policy, metric, at
        case targetSeconds = "target_seconds"
        case elapsedSeconds = "elapsed_seconds"
        case breachAt = "breach_at"
    }

    /// Creates a body.
    public init(
        id: String, kind: String, conversation: String, policy: String, metric: String, at: String, targetSeconds: Double,
        elapsedSeconds: Double, breachAt: String?
    ) {
        self.id = id
        self.kind = kind
        self.conversation = conversation
        self.policy = policy
        self.metric = metric
        self.at = at
        self.targetSeconds = targetSeconds
        self.elapsedSeconds = elapsedSeconds
        self.breachAt = breachAt
    }
}
