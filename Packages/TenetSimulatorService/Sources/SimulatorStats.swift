/// The simulator plugin's answer to `stats`: where the simulated center is, and what ingest
/// made of its events.
public struct SimulatorStats: Codable, Hashable, Sendable {
    /// The segment's id prefix.
    public var segment: String
    /// The segment's first simulated instant (RFC 3339).
    public var segmentStart: String
    /// The segment's seed.
    public var seed: UInt64
    /// Simulated time reached by the simulator (RFC 3339).
    public var simulated: String
    /// Every event before this instant is acknowledged by ingest (RFC 3339).
    public var acknowledged: String
    /// Seconds the simulated time is behind the wall clock (0 once live).
    public var behindSeconds: Double
    /// Whether simulated time has caught up with the wall clock and runs in real time.
    public var live: Bool
    /// Simulated seconds per real second while catching up; `nil` for as fast as possible.
    public var speed: Double?
    /// Lines handed to ingest in this segment, and since this start.
    public var linesSubmitted: Int
    /// Lines ingest acknowledged since this start.
    public var linesAcknowledged: Int
    /// Ingest's counts since this start.
    public var accepted: Int
    public var duplicates: Int
    public var rejected: Int
    public var conflicts: Int
    /// Batches sent again since this start.
    public var retries: Int

    enum CodingKeys: String, CodingKey {
        case segment, segmentStart = "segment_start", seed, simulated, acknowledged, behindSeconds = "behind_seconds", live, speed
        case linesSubmitted = "lines_submitted", linesAcknowledged = "lines_acknowledged", accepted, duplicates, rejected, conflicts, retries
    }
}
