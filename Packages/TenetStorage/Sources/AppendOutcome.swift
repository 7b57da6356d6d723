/// What became of one appended event.
public enum AppendOutcome: Hashable, Sendable {
    /// Stored now, under this sequence number.
    case stored(seq: Int64)
    /// The same event (same id, same canonical content) was stored earlier under this sequence
    /// number: not stored twice.
    case duplicate(seq: Int64)
    /// A different event is stored under the same id (sequence number `seq`): not stored. The
    /// digests are the canonical SHA-256 of the stored and of the received event.
    case conflict(seq: Int64, storedDigest: String, receivedDigest: String)

    /// The sequence number of the stored event with this id.
    public var seq: Int64 {
        switch self {
        case .stored(let seq), .duplicate(let seq), .conflict(let seq, _, _): seq
        }
    }
}
