/// The reply to `alerts`.
public struct AlertsReply: Codable, Hashable, Sendable {
    /// When the reply was made (RFC 3339).
    public var at: String
    /// The instances pending or firing, firing first, then by rule and labels.
    public var active: [AlertBody]
    /// The targets whose status is not `met`, by series.
    public var targets: [TargetBody]
    /// The latest transitions, newest first.
    public var recent: [TransitionBody]

    /// Creates a reply.
    public init(at: String, active: [AlertBody], targets: [TargetBody], recent: [TransitionBody]) {
        self.at = at
        self.active = active
        self.targets = targets
        self.recent = recent
    }
}
