/// The reply to `conversations`: the measurements behind a figure, one row each.
public struct ConversationsReply: Codable, Hashable, Sendable {
    /// The metric.
    public var metric: String
    /// The span's start, when bounded.
    public var from: String?
    /// The span's end, when bounded.
    public var to: String?
    /// How many measurements match (the rows may be fewer: see `limit`).
    public var total: Int
    /// The rows, in time order.
    public var rows: [RowBody]
    /// The sequence number of the last stored event the rows include: a client that also asked
    /// `query` can tell whether both answers saw the same events.
    public var lastSeq: Int64
    /// For a rate's rows (see ``RowBody/part``), how many of `total` count on each side:
    /// `{"numerator": n, "denominator": d}`, so n ÷ d is the figure even when `limit` cut the rows.
    public var parts: [String: Int]?

    enum CodingKeys: String, CodingKey {
        case metric, from, to, total, rows, parts
        case lastSeq = "last_seq"
    }

    /// Creates a reply.
    public init(metric: String, from: String?, to: String?, total: Int, rows: [RowBody], lastSeq: Int64 = 0, parts: [String: Int]? = nil) {
        self.metric = metric
        self.from = from
        self.to = to
        self.total = total
        self.rows = rows
        self.lastSeq = lastSeq
        self.parts = parts
    }
}
