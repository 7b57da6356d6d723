/// The rules plugin's counters (`stats`).
public struct RulesStats: Codable, Hashable, Sendable {
    /// The last store sequence number applied.
    public var lastSeq: Int64
    /// Stored events applied to the SLA clocks.
    public var eventsApplied: Int64
    /// Stored events that could not be read as events (counted, never silently dropped).
    public var unreadable: Int64
    /// Conversations whose clocks are followed.
    public var conversations: Int
    /// Clocks counting with a warning or breach to come.
    public var clocksScheduled: Int
    /// The SLA time (RFC 3339), absent before the first event.
    public var slaTime: String?
    /// Whether SLA time follows the wall clock.
    public var live: Bool
    /// SLA emissions published, by kind.
    public var emissions: [String: Int64]
    /// SLA warnings and breaches not notified because they happened longer than the
    /// notification window ago (history being caught up with).
    public var staleNotNotified: Int64
    /// Alert transitions made.
    public var transitions: Int64
    /// Target status changes published.
    public var targetChanges: Int64
    /// Instances pending and firing now.
    public var pending: Int
    /// Instances firing now.
    public var firing: Int
    /// Metric-rule evaluations made (queries to the metrics plugin answered).
    public var evaluations: Int64
    /// Metric-rule evaluations that failed (the metrics plugin did not answer or refused).
    public var evaluationErrors: Int64
    /// Notification deliveries by outcome (`succeeded`, `dead_letter`, `suppressed`, `duplicate`).
    public var deliveries: [String: Int64]
    /// Deliveries waiting for the notifier worker.
    public var outbox: Int
    /// State files written.
    public var stateWrites: Int64
    /// The last state write's error, if it failed.
    public var stateError: String?

    enum CodingKeys: String, CodingKey {
        case unreadable, conversations, live, emissions, transitions, pending, firing, evaluations, deliveries, outbox
        case lastSeq = "last_seq"
        case eventsApplied = "events_applied"
        case clocksScheduled = "clocks_scheduled"
        case slaTime = "sla_time"
        case staleNotNotified = "stale_not_notified"
        case targetChanges = "target_changes"
        case evaluationErrors = "evaluation_errors"
        case stateWrites = "state_writes"
        case stateError = "state_error"
    }

    /// Counters at zero.
    public init() {
        lastSeq = 0
        eventsApplied = 0
        unreadable = 0
        conversations = 0
        clocksScheduled = 0
        slaTime = nil
        live = false
        emissions = [:]
        staleNotNotified = 0
        transitions = 0
        targetChanges = 0
        pending = 0
        firing = 0
        evaluations = 0
        evaluationErrors = 0
        deliveries = [:]
        outbox = 0
        stateWrites = 0
        stateError = nil
    }
}
