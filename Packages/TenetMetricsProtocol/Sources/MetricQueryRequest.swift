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

/// One figure on the wire: the group's dimension values, the value and what it is made of.
public struct FigureBody: Codable, Hashable, Sendable {
    /// The grouping dimensions' values (`{"team": "support"}`); empty without grouping. A value
    /// not given is `null`.
    public var dimensions: [String: String?]
    /// The value; `nil` without data (the key is then absent on the wire).
    public var value: Double?
    /// How many measurements.
    public var sampleSize: Int
    /// For rates: the numerator.
    public var numerator: Int?
    /// For rates: the denominator.
    public var denominator: Int?
    /// For money: the currency.
    public var currency: String?

    enum CodingKeys: String, CodingKey {
        case dimensions, value, numerator, denominator, currency
        case sampleSize = "sample_size"
    }

    /// Creates a figure.
    public init(dimensions: [String: String?], value: Double?, sampleSize: Int, numerator: Int?, denominator: Int?, currency: String?) {
        self.dimensions = dimensions
        self.value = value
        self.sampleSize = sampleSize
        self.numerator = numerator
        self.denominator = denominator
        self.currency = currency
    }
}
