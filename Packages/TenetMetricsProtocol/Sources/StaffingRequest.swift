/// The body of a `staffing` request: which contacts, cut into which slots of the week.
public struct StaffingRequest: Codable, Hashable, Sendable {
    /// The slot length in minutes (divides a day; default 30).
    public var intervalMinutes: Int?
    /// The first instant included (RFC 3339); default: all data.
    public var from: String?
    /// The first instant excluded.
    public var to: String?
    /// Filters, as in `query` (`{"channel": ["phone"]}`).
    public var `where`: [String: [String]]?

    enum CodingKeys: String, CodingKey {
        case from, to, `where`
        case intervalMinutes = "interval_minutes"
    }

    /// Creates a request.
    public init(intervalMinutes: Int? = nil, from: String? = nil, to: String? = nil, where filter: [String: [String]]? = nil) {
        self.intervalMinutes = intervalMinutes
        self.from = from
        self.to = to
        self.where = filter
    }
}
