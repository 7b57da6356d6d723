/// The three clocks an SLA policy can set a target on (docs/ALERTS.md, "SLA clocks").
public enum SLAMetric: String, CaseIterable, Hashable, Sendable, Codable {
    /// The conversation's start → its first public human agent reply.
    case firstResponse = "first_response"
    /// A waiting customer message → the next public human agent reply.
    case nextReply = "next_reply"
    /// The conversation's start → solved (paused while solved: a reopen resumes it).
    case resolution
}
