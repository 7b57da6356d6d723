/// The body of a `query` request.
public struct MetricQueryRequest: Codable, Hashable, Sendable {
    /// The metric (`first_response_time`, or a custom metric).
    public var metric: String
    /// The statistic (`p90`, `median`, `rate`, `within_1h`…); the metric's default when absent.
    public var stat: String?
    /// `calendar` (default) or `business`.
    public var hours: String?
    /// The span: a period name (`hour`, `day`, `week`, `month`, `rolling_7d`, `rolling_28d`) for
    /// the current one; or explicit bounds with ``from`` and ``to``. Neither: everything.
    public var period: String?
    /// The first instant included (RFC 3339).
    public var from: String?
    /// The first instant excluded (RFC 3339).
    public var to: String?
    /// Filters: dimension (or `attributes.NAME`) → accepted values.
    public var `where`: [String: [String]]?
    /// Up to two dimensions to group by.
    public var by: [String]?
    /// For `conversations`: the most rows to return (default 1,000).
    public var limit: Int?

    /// Creates a request.
    public init(
        metric: String, stat: String? = nil, hours: String? = nil, period: String? = nil, from: String? = nil, to: String? = nil,
        where filter: [String: [String]]? = nil, by: [String]? = nil
    ) {
        self.metric = metric
        self.stat = stat
        self.hours = hours
        self.period = period
        self.from = from
        self.to = to
        self.where = filter
        self.by = by
    }
}
