/// The reply to `stats`.
public struct StoreStats: Codable, Hashable, Sendable {
    /// The last sequence number (the number of stored events).
    public var lastSeq: Int64
    /// How many dead letters are recorded.
    public var deadLetters: Int64

    /// Creates counts.
    public init(lastSeq: Int64, deadLetters: Int64) {
        self.lastSeq = lastSeq
        self.deadLetters = deadLetters
    }

    enum CodingKeys: String, CodingKey {
        case lastSeq = "last_seq"
        case deadLetters = "dead_letters"
    }
}
