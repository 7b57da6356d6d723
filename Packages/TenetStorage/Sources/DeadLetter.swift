/// A rejected input, kept with its reason so that nothing is silently lost.
public struct DeadLetter: Hashable, Sendable {
    /// Where it came from: `http:KEY`, `send:FILE:RUN`, `import:FILE:RUN`…
    public var source: String
    /// Its line in the producer's batch or file (1-based), if it had one.
    public var line: Int?
    /// The field at fault, if one.
    public var field: String?
    /// Why it was rejected.
    public var reason: String
    /// The input as received (shortened to ``maximumPayload`` bytes).
    public var payload: [UInt8]
    /// The store's dead-letter sequence number (0 until stored).
    public var seq: Int64
    /// When it was recorded, nanoseconds since the epoch (0 until stored).
    public var recordedAt: Int64

    /// The most of a payload that is kept.
    public static let maximumPayload = 65_536

    /// Creates a dead letter to record.
    public init(source: String, line: Int?, field: String?, reason: String, payload: some Collection<UInt8>) {
        self.source = source
        self.line = line
        self.field = field
        self.reason = reason
        self.payload = Array(payload.prefix(Self.maximumPayload))
        self.seq = 0
        self.recordedAt = 0
    }
}
