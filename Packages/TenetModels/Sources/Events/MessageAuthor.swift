/// Who wrote a message (`author` of `message.created`).
public enum MessageAuthor: String, CaseIterable, Hashable, Sendable, Codable {
    /// The customer.
    case customer
    /// A human agent.
    case agent
    /// A bot.
    case bot
    /// The helpdesk itself (automatic notices).
    case system
}
