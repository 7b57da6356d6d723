/// The reply to `query`.
public struct MetricQueryReply: Codable, Hashable, Sendable {
    /// The metric.
    public var metric: String
    /// The statistic used.
    public var stat: String
    /// `calendar` or `business`.
    public var hours: String
    /// The span's start (RFC 3339), when bounded.
    public var from: String?
    /// The span's end, when bounded.
    public var to: String?
    /// The unit of `value`: `seconds`, `percent`, `points`, `score`, `count`, or a currency.
    public var unit: String
    /// One figure per group (one group without `by`).
    public var groups: [FigureBody]
    /// The store sequence number of the last event the figures include.
    public var lastSeq: Int64

    enum CodingKeys: String, CodingKey {
        case metric, stat, hours, from, to, unit, groups
        case lastSeq = "last_seq"
    }

    /// Creates a reply.
    public init(metric: String, stat: String, hours: String, from: String?, to: String?, unit: String, groups: [FigureBody], lastSeq: Int64) {
        self.metric = metric
        self.stat = stat
        self.hours = hours
        self.from = from
        self.to = to
        self.unit = unit
        self.groups = groups
        self.lastSeq = lastSeq
    }
}
