/// The metrics plugin's checkpoint, as `stats` reports it (docs/METRICS.md, "Checkpoint").
public struct CheckpointStats: Codable, Hashable, Sendable {
    /// The store sequence number of the checkpoint the plugin started from (`nil`: it measured
    /// from the first stored event).
    public var restoredSeq: Int64?
    /// How long reading that checkpoint took, in seconds.
    public var restoreSeconds: Double?
    /// Why no checkpoint was used at the start, when one was there.
    public var refused: String?
    /// The store sequence number of the last checkpoint written.
    public var writtenSeq: Int64?
    /// Its size in bytes.
    public var writtenBytes: Int64?
    /// How long writing it took, in seconds.
    public var writeSeconds: Double?
    /// The last failure to write one.
    public var writeError: String?

    enum CodingKeys: String, CodingKey {
        case refused
        case restoredSeq = "restored_seq"
        case restoreSeconds = "restore_seconds"
        case writtenSeq = "written_seq"
        case writtenBytes = "written_bytes"
        case writeSeconds = "write_seconds"
        case writeError = "write_error"
    }

    /// Nothing restored or written yet.
    public init() {}
}
