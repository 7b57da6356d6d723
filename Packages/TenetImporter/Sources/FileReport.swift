import TenetIngestProtocol

/// What became of one file: written beside it as `done/NAME.report.json` or
/// `failed/NAME.report.json` (docs/PLUGINS.md, "The importer").
public struct FileReport: Codable, Hashable, Sendable {
    /// Where the file ended.
    public enum Status: String, Codable, Hashable, Sendable {
        /// Every row was delivered: stored, already stored, or recorded as a dead letter.
        case done
        /// The file could not be imported as a whole; ``FileReport/reason`` says why.
        case failed
    }

    /// The file's name as it arrived in the inbox.
    public var file: String
    /// Its name in `done/` or `failed/` (another when that name was taken).
    public var storedAs: String
    /// Done or failed.
    public var status: Status
    /// Why it failed (`code: message`).
    public var reason: String?
    /// `ndjson` or `csv`, when known.
    public var format: String?
    /// The mapping file used for a CSV file.
    public var mapping: String?
    /// The `source` its lines were sent under: `import:PLUGIN:FILE:DIGEST`, the same on every
    /// attempt, so that a retry after a restart stores nothing twice and records each dead
    /// letter once.
    public var source: String?
    /// The file's size in bytes.
    public var bytes: Int64
    /// The SHA-256 of its content, in hexadecimal, when it was read.
    public var sha256: String?
    /// Rows read (lines of the file).
    public var rows: Int
    /// Events sent to ingest.
    public var events: Int
    /// Events stored now.
    public var accepted: Int
    /// Events already stored with the same content (sent before a restart, or in an earlier file).
    public var duplicates: Int
    /// Events whose id is stored with other content: not stored, recorded as dead letters.
    public var conflicts: Int
    /// Rows or events refused (not an event, not valid): recorded as dead letters.
    public var rejected: Int
    /// Rows that are not events by the format's rules (the CSV header, blank lines).
    public var skipped: Int
    /// Dead letters recorded for this file: ``rejected`` + ``conflicts``.
    public var deadLetters: Int
    /// The first rejected or conflicting lines, with the reason (at most ``maximumErrors``).
    public var errors: [IngestReport.LineError]
    /// How many more there were.
    public var errorsOmitted: Int
    /// Whether the import started over after a restart of the importer (what was sent before
    /// then counts as duplicates).
    public var resumed: Bool
    /// When the import began and ended (RFC 3339).
    public var startedAt: String
    /// When it ended.
    public var finishedAt: String

    /// The most line errors a report lists.
    public static let maximumErrors = 100

    enum CodingKeys: String, CodingKey {
        case file, status, reason, format, mapping, source, bytes, sha256, rows, events, accepted, duplicates, conflicts, rejected
        case skipped, errors, resumed
        case storedAs = "stored_as"
        case deadLetters = "dead_letters"
        case errorsOmitted = "errors_omitted"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
    }

    /// An empty report for `file`, begun at `startedAt`.
    public init(file: String, startedAt: String, resumed: Bool) {
        self.file = file
        storedAs = file
        status = .done
        bytes = 0
        rows = 0
        events = 0
        accepted = 0
        duplicates = 0
        conflicts = 0
        rejected = 0
        skipped = 0
        deadLetters = 0
        errors = []
        errorsOmitted = 0
        self.resumed = resumed
        self.startedAt = startedAt
        finishedAt = startedAt
    }

    /// Adds ingest's combined report for the file.
    public mutating func record(_ report: IngestReport) {
        accepted = report.accepted
        duplicates = report.duplicates
        conflicts = report.conflicts
        rejected = report.rejected
        deadLetters = report.rejected + report.conflicts
        errors = Array(report.errors.sorted { $0.line < $1.line }.prefix(Self.maximumErrors))
        errorsOmitted = max(0, report.errors.count - Self.maximumErrors)
    }
}
