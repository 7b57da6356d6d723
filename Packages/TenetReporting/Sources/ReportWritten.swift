/// A scheduled report that landed: the body of `report.written` on the bus, the reply to the
/// report plugin's `run` request and its `stats`' `last_written`.
public struct ReportWritten: Codable, Hashable, Sendable {
    /// `day` or `week`.
    public var period: String
    /// The period's first day in the organisation's time zone (`2026-11-23`): the files' name.
    public var start: String
    /// The period's first instant (RFC 3339).
    public var from: String
    /// The first instant after it.
    public var to: String
    /// The files written now (absolute paths); empty when every one already existed.
    public var files: [String]
    /// The files of the period that already existed and were left as they are.
    public var existing: [String]
    /// When they were written (RFC 3339).
    public var at: String
    /// The store sequence number of the last event the figures include.
    public var lastSeq: Int64
    /// Whether the report was written after its time had passed by more than the plugin's
    /// catch-up margin (the plugin was down, or its inputs were not ready).
    public var late: Bool

    enum CodingKeys: String, CodingKey {
        case period, start, from, to, files, existing, at, late
        case lastSeq = "last_seq"
    }

    /// Creates a record.
    public init(period: String, start: String, from: String, to: String, files: [String], existing: [String], at: String, lastSeq: Int64, late: Bool) {
        self.period = period
        self.start = start
        self.from = from
        self.to = to
        self.files = files
        self.existing = existing
        self.at = at
        self.lastSeq = lastSeq
        self.late = late
    }
}
