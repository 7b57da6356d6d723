import TenetModels

/// A clock that is counting or paused, as `tenet sla` lists it.
public struct SLARunningClock: Hashable, Sendable {
    /// The conversation.
    public var conversation: String
    /// The policy in force.
    public var policy: String
    /// Which clock.
    public var metric: SLAMetric
    /// The target.
    public var target: Duration
    /// The time counted so far.
    public var elapsed: Duration
    /// When it breaches if nothing stops it; `nil` while paused and once breached (see ``remaining``).
    public var breachAt: Timestamp?
    /// Whether its warning was emitted.
    public var warned: Bool
    /// Whether its breach was emitted.
    public var breached: Bool
    /// Whether it is paused (the conversation waits on the customer).
    public var paused: Bool

    /// Target − elapsed: the time left (negative once breached).
    public var remaining: Duration { target - elapsed }

    /// Creates a row.
    public init(
        conversation: String, policy: String, metric: SLAMetric, target: Duration, elapsed: Duration, breachAt: Timestamp?, warned: Bool,
        breached: Bool, paused: Bool
    ) {
        self.conversation = conversation
        self.policy = policy
        self.metric = metric
        self.target = target
        self.elapsed = elapsed
        self.breachAt = breachAt
        self.warned = warned
        self.breached = breached
        self.paused = paused
    }
}
