/// The dimension fields of an event: the one list that the validator, the store's columns and
/// query filter, and the metrics engine's breakdowns read.
///
/// The first six are top-level string fields that the store keeps in columns of their own; the
/// others are well-known string attributes, read from `attributes`.
public enum EventDimension: String, CaseIterable, Hashable, Sendable, Codable {
    /// The conversation (ticket, chat, call) the event belongs to.
    case conversation
    /// The customer.
    case customer
    /// The channel: email, chat, phone, social…
    case channel
    /// The team.
    case team
    /// The agent.
    case agent
    /// The priority: low, normal, high, urgent, or the producer's own.
    case priority
    /// The customer's segment, from `attributes.segment`.
    case segment
    /// The conversation's language, from `attributes.language`.
    case language

    /// Where an event carries a dimension.
    public enum Location: Hashable, Sendable {
        /// A top-level field of the event, named ``EventDimension/key``.
        case topLevel
        /// A field of the event's `attributes` object, named ``EventDimension/key``.
        case attributes
    }

    /// The dimensions that are top-level fields, kept in store columns, in their canonical
    /// order: conversation, customer, channel, team, agent, priority.
    public static let storedColumns: [EventDimension] = allCases.filter(\.isStoredColumn)

    /// The JSON key that holds it (inside `attributes` for ``Location/attributes``).
    public var key: String { rawValue }

    /// Where the event carries it.
    public var location: Location {
        switch self {
        case .conversation, .customer, .channel, .team, .agent, .priority: .topLevel
        case .segment, .language: .attributes
        }
    }

    /// Whether the store keeps it in a column of its own (and so can filter on it in SQL). The
    /// top-level dimensions are; they are also the ones the validator checks (non-empty
    /// strings of at most 256 bytes without control characters).
    public var isStoredColumn: Bool { location == .topLevel }

    /// Its dotted path in an event: `team`, `attributes.segment`.
    public var path: String {
        switch location {
        case .topLevel: key
        case .attributes: "attributes." + key
        }
    }
}
