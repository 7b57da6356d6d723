import TenetStoreProtocol

/// A batch of NDJSON lines for the ingest plugin's `lines` method, numbered as in the producer's
/// input so that a retry is recognised (docs/INGEST.md, "Retries and idempotency").
public struct LineBatch: Hashable, Sendable {
    /// The number of the first line in the producer's input.
    public var firstLine: Int
    /// The lines, each meant to be one JSON event.
    public var lines: [String]
    /// Each line's number, when they do not simply count up from ``firstLine`` (several events
    /// converted from one row share its number).
    public var lineNumbers: [Int]?
    /// Input the producer already found unreadable, recorded and reported with the batch.
    public var rejected: [Rejection]

    /// Creates a batch.
    public init(firstLine: Int, lines: [String], lineNumbers: [Int]? = nil, rejected: [Rejection] = []) {
        self.firstLine = firstLine
        self.lines = lines
        self.lineNumbers = lineNumbers
        self.rejected = rejected
    }
}
