import TenetYAML

/// A service-level agreement: which conversations it covers and how long each step may take.
/// Policies are ordered; the first whose conditions match a conversation applies.
public struct SLAPolicy: Hashable, Sendable {
    /// When to warn before a breach.
    public enum Warning: Hashable, Sendable, CustomStringConvertible {
        /// This long before the deadline.
        case before(Duration)
        /// When this share of the target (percent) has elapsed.
        case elapsed(percent: Double)

        public var description: String {
            switch self {
            case .before(let lead): "\(Quantity.duration(lead)) before"
            case .elapsed(let percent): "at \(Quantity.percent(percent))"
            }
        }
    }

    /// A name for reports and alerts (`urgent`).
    public var name: String
    /// The conversations it covers (priority, channel, segment, team…).
    public var filter: MetricFilter
    /// Opening → first public human reply.
    public var firstResponse: Duration?
    /// Waiting customer message → next public human reply.
    public var nextReply: Duration?
    /// Opening → solved.
    public var resolution: Duration?
    /// Business or calendar time.
    public var hours: Hours
    /// When to warn before a breach.
    public var warning: Warning
    /// Statuses in which the clocks stop (waiting on the customer).
    public var pauseStatuses: [String]
    /// Where it is written.
    public var position: YAMLPosition

    /// Creates a policy.
    public init(
        name: String, filter: MetricFilter, firstResponse: Duration?, nextReply: Duration?, resolution: Duration?,
        hours: Hours, warning: Warning, pauseStatuses: [String], position: YAMLPosition = .file
    ) {
        self.name = name
        self.filter = filter
        self.firstResponse = firstResponse
        self.nextReply = nextReply
        self.resolution = resolution
        self.hours = hours
        self.warning = warning
        self.pauseStatuses = pauseStatuses
        self.position = position
    }
}
