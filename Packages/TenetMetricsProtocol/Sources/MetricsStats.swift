/// The reply to `stats`.
public struct MetricsStats: Codable, Hashable, Sendable {
    /// Events applied.
    public var events: Int
    /// Conversations held.
    public var conversations: Int
    /// The last store sequence number applied.
    public var lastSeq: Int64
    /// Anomalies by kind (docs/METRICS.md, "Data that does not fit").
    public var anomalies: [String: Int]
    /// Events whose conversation was re-measured because they arrived late (not in `at` order).
    public var lateEvents: Int
    /// The plugin's checkpoint: what it started from and what it last wrote.
    public var checkpoint: CheckpointStats?

    enum CodingKeys: String, CodingKey {
        case events, conversations, anomalies, checkpoint
        case lastSeq = "last_seq"
        case lateEvents = "late_events"
    }

    /// Creates stats.
    public init(events: Int, conversations: Int, lastSeq: Int64, anomalies: [String: Int], lateEvents: Int) {
        self.events = events
        self.conversations = conversations
        self.lastSeq = lastSeq
        self.anomalies = anomalies
        self.lateEvents = lateEvents
    }
}
