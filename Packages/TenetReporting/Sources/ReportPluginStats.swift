/// The reply to the report plugin's `stats`: its schedule, what it wrote last, what is due
/// next and its failures.
public struct ReportPluginStats: Codable, Hashable, Sendable {
    /// One period the schedule is waiting for or retrying.
    public struct Due: Codable, Hashable, Sendable {
        /// `day` or `week`.
        public var period: String
        /// The period's first day in the organisation's zone.
        public var start: String
        /// When its report is due, or retried next (RFC 3339).
        public var at: String
        /// How many tries failed so far (0: not tried yet).
        public var attempts: Int

        /// Creates an entry.
        public init(period: String, start: String, at: String, attempts: Int) {
            self.period = period
            self.start = start
            self.at = at
            self.attempts = attempts
        }
    }

    /// One failed try.
    public struct Failure: Codable, Hashable, Sendable {
        /// `day` or `week`.
        public var period: String
        /// The period's first day.
        public var start: String
        /// When it failed (RFC 3339).
        public var at: String
        /// Why.
        public var reason: String

        /// Creates an entry.
        public init(period: String, start: String, at: String, reason: String) {
            self.period = period
            self.start = start
            self.at = at
            self.reason = reason
        }
    }

    /// The scheduled periods (`day`, `week`).
    public var schedule: [String]
    /// The formats written (`html`, `md`, `csv`, `json`).
    public var formats: [String]
    /// How long after a period's end its report is due (`00:10`: ten past midnight in `zone`).
    public var after: String
    /// The organisation's time zone the periods are cut in.
    public var zone: String
    /// Where the reports go (`DATA/reports`).
    public var directory: String
    /// Reports written since the plugin started.
    public var written: Int
    /// Tries that failed since the plugin started (inputs not ready, a plugin that did not answer, a file that could not be written).
    public var failures: Int
    /// The last report written, if any.
    public var lastWritten: ReportWritten?
    /// The last failure, if any.
    public var lastFailure: Failure?
    /// What comes next: per scheduled period, the next report due (or the one being retried).
    public var next: [Due]

    enum CodingKeys: String, CodingKey {
        case schedule, formats, after, zone, directory, written, failures, next
        case lastWritten = "last_written"
        case lastFailure = "last_failure"
    }

    /// Creates stats.
    public init(
        schedule: [String], formats: [String], after: String, zone: String, directory: String, written: Int, failures: Int,
        lastWritten: ReportWritten?, lastFailure: Failure?, next: [Due]
    ) {
        self.schedule = schedule
        self.formats = formats
        self.after = after
        self.zone = zone
        self.directory = directory
        self.written = written
        self.failures = failures
        self.lastWritten = lastWritten
        self.lastFailure = lastFailure
        self.next = next
    }
}
