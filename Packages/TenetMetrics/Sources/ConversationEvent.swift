import TenetModels

/// What the metrics engine keeps of one stored event of a conversation: enough to measure the
/// conversation again from scratch, in a fraction of the event's size.
public struct ConversationEvent: Hashable, Sendable {
    /// The event's id: the last tie-breaker of the order (see ``precedes(_:)``).
    public var id: String
    /// When it happened.
    public var at: Timestamp
    /// The type and its own fields.
    public var payload: EventPayload
    /// The dimensions the event itself gives.
    public var dimensions: Dimensions

    /// Creates a record.
    public init(id: String, at: Timestamp, payload: EventPayload, dimensions: Dimensions) {
        self.id = id
        self.at = at
        self.payload = payload
        self.dimensions = dimensions
    }

    /// The record of a stored event.
    public init(_ event: Event) {
        self.init(id: event.id, at: event.at, payload: event.payload, dimensions: Dimensions(of: event))
    }

    /// Where a type falls among events at the same instant: the opening first, then queueing,
    /// routing, messages, the contact's steps, statuses, and what comes after (surveys, reviews).
    var rank: Int {
        switch payload {
        case .conversationOpened: 0
        case .contactQueued: 1
        case .conversationAssigned: 2
        case .conversationTransferred: 3
        case .conversationEscalated: 4
        case .messageCreated: 5
        case .contactAnswered: 6
        case .holdStarted: 7
        case .holdEnded: 8
        case .contactAbandoned: 9
        case .contactEnded: 10
        case .wrapupEnded: 11
        case .statusChanged: 12
        case .surveyAnswered: 13
        case .qaScored: 14
        case .orderPlaced: 15
        case .customerStarted, .customerChurned, .extension: 16
        }
    }

    /// The order measurements read events in: by time, then by type (``rank``), then by id. It
    /// depends only on the events, never on the order they arrived in.
    public func precedes(_ other: ConversationEvent) -> Bool {
        if at != other.at { return at < other.at }
        if rank != other.rank { return rank < other.rank }
        return id < other.id
    }
}
