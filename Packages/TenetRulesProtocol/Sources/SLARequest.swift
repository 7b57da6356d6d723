/// The body of an `sla` request.
public struct SLARequest: Codable, Hashable, Sendable {
    /// Which running clocks: `all` (default), `breached` (breach emitted) or `at_risk` (warned,
    /// not breached).
    public var filter: String?
    /// The most clocks listed (default 100, at most 10000); ``SLAReply/total`` counts them all.
    public var limit: Int?

    /// Creates a request.
    public init(filter: String? = nil, limit: Int? = nil) {
        self.filter = filter
        self.limit = limit
    }
}
