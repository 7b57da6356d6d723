/// One measurement of a drill-down.
public struct RowBody: Codable, Hashable, Sendable {
    /// The conversation.
    public var conversation: String
    /// The instant it belongs to (RFC 3339).
    public var at: String
    /// Seconds (durations, calendar time), 1 or 0 (outcomes), the score or the amount.
    public var value: Double
    /// Business seconds for durations.
    public var businessValue: Double
    /// For money, the currency.
    public var currency: String?
    /// The dimensions in force.
    public var dimensions: [String: String]
    /// For a rate's rows (an event-defined rate such as `sla_attainment`, retention, churn):
    /// `numerator` or `denominator`, the side of the division the row counts on (its value is
    /// 1); absent for every other metric.
    public var part: String?

    enum CodingKeys: String, CodingKey {
        case conversation, at, value, currency, dimensions, part
        case businessValue = "business_value"
    }

    /// Creates a row.
    public init(
        conversation: String, at: String, value: Double, businessValue: Double, currency: String?, dimensions: [String: String],
        part: String? = nil
    ) {
        self.conversation = conversation
        self.at = at
        self.value = value
        self.businessValue = businessValue
        self.currency = currency
        self.dimensions = dimensions
        self.part = part
    }
}
