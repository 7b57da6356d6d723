/// The body of `replay` (and of `dead_letters`): `{"after": SEQ, "limit": N}`.
public struct ReplayRequest: Codable, Hashable, Sendable {
    /// Entries with a sequence number above this.
    public var after: Int64
    /// At most this many (the store caps it at 10,000).
    public var limit: Int

    /// Creates a request.
    public init(after: Int64, limit: Int) {
        self.after = after
        self.limit = limit
    }

    /// Either field may be left out: `after` defaults to 0, `limit` to 1,000.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        after = try container.decodeIfPresent(Int64.self, forKey: .after) ?? 0
        limit = try container.decodeIfPresent(Int.self, forKey: .limit) ?? 1000
    }

    enum CodingKeys: String, CodingKey {
        case after, limit
    }
}
