/// One running SLA clock: a conversation's first response, next reply or resolution clock
/// under its policy.
public struct SLAClockBody: Codable, Hashable, Sendable {
    /// The conversation.
    public var conversation: String
    /// The policy that applies.
    public var policy: String
    /// `first_response`, `next_reply` or `resolution`.
    public var metric: String
    /// The target, in seconds (business seconds under a business-hours policy).
    public var targetSeconds: Double
    /// The time counted so far, in the policy's hours.
    public var elapsedSeconds: Double
    /// Target minus elapsed (negative once breached).
    public var remainingSeconds: Double
    /// When the breach comes (or came), if the clock counts now (RFC 3339).
    public var breachAt: String?
    /// Whether the warning was emitted.
    public var warned: Bool
    /// Whether the breach was emitted.
    public var breached: Bool
    /// Whether the clock is paused (a pending status, or outside business hours is not a pause).
    public var paused: Bool

    enum CodingKeys: String, CodingKey {
        case conversation, policy, metric, warned, breached, paused
        case targetSeconds = "target_seconds"
        case elapsedSeconds = "elapsed_seconds"
        case remainingSeconds = "remaining_seconds"
        case breachAt = "breach_at"
    }

    /// Creates a body.
    public init(
        conversation: String, policy: String, metric: String, targetSeconds: Double, elapsedSeconds: Double, remainingSeconds: Double,
        breachAt: String?, warned: Bool, breached: Bool, paused: Bool
    ) {
        self.conversation = conversation
        self.policy = policy
        self.metric = metric
        self.targetSeconds = targetSeconds
        self.elapsedSeconds = elapsedSeconds
        self.remainingSeconds = remainingSeconds
        self.breachAt = breachAt
        self.warned = warned
        self.breached = breached
        self.paused = paused
    }
}
