/// A conversation's status (`status` and `previous` of `status.changed`).
public enum ConversationStatus: String, CaseIterable, Hashable, Sendable, Codable {
    /// Open: waiting for the support side.
    case open
    /// Pending: waiting for the customer.
    case pending
    /// On hold: waiting for a third party.
    case onHold = "on_hold"
    /// Solved; solved → open is a reopen.
    case solved
    /// Closed for good.
    case closed
}
