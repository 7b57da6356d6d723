/// What happened to a producer's batch: counts, and one error per line that was not stored.
///
/// `accepted + duplicates + conflicts + rejected` is the number of non-blank lines.
public struct IngestReport: Codable, Hashable, Sendable {
    /// Why a line was not stored.
    public enum Problem: String, Codable, Hashable, Sendable {
        /// Not a valid event.
        case rejected
        /// A different event is already stored under its id.
        case conflict
    }

    /// One line that was not stored.
    public struct LineError: Codable, Hashable, Sendable {
        /// The line number (in the file for `tenet send`, in the request otherwise).
        public var line: Int
        /// Rejected or conflict.
        public var problem: Problem
        /// The field at fault, if one.
        public var field: String?
        /// Why, naming the field, the value and the reason.
        public var reason: String

        /// Creates a line error.
        public init(line: Int, problem: Problem = .rejected, field: String?, reason: String) {
            self.line = line
            self.problem = problem
            self.field = field
            self.reason = reason
        }

        enum CodingKeys: String, CodingKey {
            case line, field, reason
            case problem = "status"
        }
    }

    /// Events stored now.
    public var accepted = 0
    /// Events already stored before with the same content: acknowledged, not stored twice.
    public var duplicates = 0
    /// Events whose id is already stored with different content: not stored, dead-lettered.
    public var conflicts = 0
    /// Lines rejected (recorded as dead letters).
    public var rejected = 0
    /// One entry per rejected or conflicting line, in line order.
    public var errors: [LineError] = []
    /// The store's last sequence number after the commit.
    public var lastSeq: Int64 = 0

    /// Creates an empty report.
    public init(lastSeq: Int64 = 0) {
        self.lastSeq = lastSeq
    }

    /// Whether every line was stored or already stored.
    public var isClean: Bool { rejected == 0 && conflicts == 0 }

    /// Adds another batch's report to this one.
    public mutating func add(_ other: IngestReport) {
        accepted += other.accepted
        duplicates += other.duplicates
        conflicts += other.conflicts
        rejected += other.rejected
        errors += other.errors
        lastSeq = max(lastSeq, other.lastSeq)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accepted = try container.decode(Int.self, forKey: .accepted)
        duplicates = try container.decode(Int.self, forKey: .duplicates)
        conflicts = try container.decodeIfPresent(Int.self, forKey: .conflicts) ?? 0
        rejected = try container.decode(Int.self, forKey: .rejected)
        errors = try container.decode([LineError].self, forKey: .errors)
        lastSeq = try container.decode(Int64.self, forKey: .lastSeq)
    }

    enum CodingKeys: String, CodingKey {
        case accepted, duplicates, conflicts, rejected, errors
        case lastSeq = "last_seq"
    }
}
