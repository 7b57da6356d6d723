/// The body of `conversation`.
public struct ConversationRequest: Codable, Hashable, Sendable {
    /// The conversation id.
    public var conversation: String

    /// Creates a request.
    public init(conversation: String) {
        self.conversation = conversation
    }
}
