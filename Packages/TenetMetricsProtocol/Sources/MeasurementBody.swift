/// One measurement on the wire (the reply to `conversation`; docs/METRICS.md defines each).
public struct MeasurementBody: Codable, Hashable, Sendable {
    /// The metric.
    public var metric: String
    /// The instant it belongs to (RFC 3339).
    public var at: String
    /// Durations: calendar seconds.
    public var seconds: Double?
    /// Durations: business seconds.
    public var businessSeconds: Double?
    /// Rates: whether it counts in the numerator.
    public var outcome: Bool?
    /// Scores (NPS: +100, 0 or −100).
    public var score: Double?
    /// Money: the amount and its currency.
    public var amount: Double?
    /// Money: the currency.
    public var currency: String?
    /// Open spans (backlog): when the span ended (RFC 3339), `null` while open.
    public var openUntil: String?
    /// The dimensions in force.
    public var dimensions: [String: String]

    enum CodingKeys: String, CodingKey {
        case metric, at, seconds, outcome, score, amount, currency, dimensions
        case businessSeconds = "business_seconds"
        case openUntil = "open_until"
    }

    /// Creates a measurement.
    public init(
        metric: String, at: String, seconds: Double? = nil, businessSeconds: Double? = nil, outcome: Bool? = nil, score: Double? = nil,
        amount: Double? = nil, currency: String? = nil, openUntil: String? = nil, dimensions: [String: String]
    ) {
        self.metric = metric
        self.at = at
        self.seconds = seconds
        self.businessSeconds = businessSeconds
        self.outcome = outcome
        self.score = score
        self.amount = amount
        self.currency = currency
        self.openUntil = openUntil
        self.dimensions = dimensions
    }
}
