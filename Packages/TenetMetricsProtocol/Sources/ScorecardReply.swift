/// The reply to `scorecard`.
public struct ScorecardReply: Codable, Hashable, Sendable {
    /// When it was computed (RFC 3339).
    public var at: String
    /// Every standing series' figures, one per group.
    public var series: [SeriesFigure]
    /// The last event included.
    public var lastSeq: Int64

    enum CodingKeys: String, CodingKey {
        case at, series
        case lastSeq = "last_seq"
    }

    /// Creates a reply.
    public init(at: String, series: [SeriesFigure], lastSeq: Int64) {
        self.at = at
        self.series = series
        self.lastSeq = lastSeq
    }
}
