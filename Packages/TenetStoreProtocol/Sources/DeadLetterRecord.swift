/// One dead letter as `dead_letters` returns it.
public struct DeadLetterRecord: Codable, Hashable, Sendable {
    /// Its sequence number among dead letters.
    public var seq: Int64
    /// When it was recorded, RFC 3339.
    public var recordedAt: String
    /// Where the input came from.
    public var source: String
    /// Its line in the producer's input.
    public var line: Int?
    /// The field at fault, if one.
    public var field: String?
    /// Why it was rejected.
    public var reason: String
    /// The input as text (at most 64 KiB).
    public var payload: String

    /// Creates a record.
    public init(seq: Int64, recordedAt: String, source: String, line: Int?, field: String?, reason: String, payload: String) {
        self.seq = seq
        self.recordedAt = recordedAt
        self.source = source
        self.line = line
        self.field = field
        self.reason = reason
        self.payload = payload
    }

    enum CodingKeys: String, CodingKey {
        case seq, source, line, field, reason, payload
        case recordedAt = "recorded_at"
    }
}

/// The reply to `dead_letters`.
public struct DeadLettersReply: Codable, Hashable, Sendable {
    /// The dead letters, in order.
    public var deadLetters: [DeadLetterRecord]

    /// Creates a reply.
    public init(deadLetters: [DeadLetterRecord]) {
        self.deadLetters = deadLetters
    }

    enum CodingKeys: String, CodingKey {
        case deadLetters = "dead_letters"
    }
}
