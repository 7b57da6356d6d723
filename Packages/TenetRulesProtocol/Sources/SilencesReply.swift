/// The reply to `silences`.
public struct SilencesReply: Codable, Hashable, Sendable {
    /// When (RFC 3339).
    public var at: String
    /// The silences, by start.
    public var silences: [SilenceBody]

    /// Creates a reply.
    public init(at: String, silences: [SilenceBody]) {
        self.at = at
        self.silences = silences
    }
}
