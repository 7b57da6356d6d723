/// The body of `query`: every field optional.
public struct QueryRequest: Codable, Hashable, Sendable {
    /// Events with a sequence number above this.
    public var after: Int64?
    /// One conversation's events.
    public var conversation: String?
    /// RFC 3339, inclusive.
    public var from: String?
    /// RFC 3339, exclusive.
    public var until: String?
    /// Event type names.
    public var types: [String]?
    /// Dimension name → accepted values (team, channel, agent, priority, customer).
    public var dimensions: [String: [String]]?
    /// At most this many (default 1,000; the store caps it at 10,000).
    public var limit: Int?

    /// Creates an empty query (every stored event).
    public init() {}
}
