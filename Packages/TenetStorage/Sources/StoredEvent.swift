/// An event as the store keeps it: its global sequence number and its JSON as received.
public struct StoredEvent: Hashable, Sendable {
    /// The store's sequence number: 1, 2, 3… with no gaps, in commit order.
    public var seq: Int64
    /// The event's id (the idempotency key).
    public var id: String
    /// The event type's name.
    public var type: String
    /// The event as received, compact JSON.
    public var json: [UInt8]

    /// Creates a stored event.
    public init(seq: Int64, id: String, type: String, json: [UInt8]) {
        self.seq = seq
        self.id = id
        self.type = type
        self.json = json
    }
}

/// What became of one appended event.
public enum AppendOutcome: Hashable, Sendable {
    /// Stored now, under this sequence number.
    case stored(seq: Int64)
    /// Already stored earlier (same id), under this sequence number: not stored twice.
    case duplicate(seq: Int64)

    /// The sequence number the event has in the store.
    public var seq: Int64 {
        switch self {
        case .stored(let seq), .duplicate(let seq): seq
        }
    }
}

/// A rejected input, kept with its reason so that nothing is silently lost.
public struct DeadLetter: Hashable, Sendable {
    /// Where it came from: `http`, `zmq`, `import:FILE`…
    public var source: String
    /// Its line in the producer's batch or file (1-based), if it had one.
    public var line: Int?
    /// The field at fault, if one.
    public var field: String?
    /// Why it was rejected.
    public var reason: String
    /// The input as received (possibly shortened to 64 KiB).
    public var payload: [UInt8]
    /// The store's dead-letter sequence number (0 until stored).
    public var seq: Int64
    /// When it was recorded, nanoseconds since the epoch (0 until stored).
    public var recordedAt: Int64

    /// The most of a payload that is kept.
    public static let maximumPayload = 65_536

    /// Creates a dead letter to record.
    public init(source: String, line: Int?, field: String?, reason: String, payload: [UInt8]) {
        self.source = source
        self.line = line
        self.field = field
        self.reason = reason
        self.payload = Array(payload.prefix(Self.maximumPayload))
        self.seq = 0
        self.recordedAt = 0
    }
}
