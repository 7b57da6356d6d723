/// The reply to `conversation`.
public struct ConversationReply: Codable, Hashable, Sendable {
    /// The conversation.
    public var conversation: String
    /// Its measurements, by instant.
    public var measurements: [MeasurementBody]
    /// What did not fit.
    public var anomalies: [String: Int]

    /// Creates a reply.
    public init(conversation: String, measurements: [MeasurementBody], anomalies: [String: Int]) {
        self.conversation = conversation
        self.measurements = measurements
        self.anomalies = anomalies
    }
}
