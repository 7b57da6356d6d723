/// The body of the report plugin's `run` request: which period's report to write.
public struct ReportRunRequest: Codable, Hashable, Sendable {
    /// `day` or `week`.
    public var period: String
    /// A day of the period, `YYYY-MM-DD` in the organisation's time zone (any day of a week
    /// names that week); absent: the latest period that has ended.
    public var date: String?

    /// Creates a request.
    public init(period: String, date: String? = nil) {
        self.period = period
        self.date = date
    }
}
