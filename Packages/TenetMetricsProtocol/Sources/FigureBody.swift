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
