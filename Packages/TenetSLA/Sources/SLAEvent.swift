import TenetModels
import TenetPhilosophy

/// What the clock book reads of one conversation event: its conversation, instant, what it
/// says about replies, statuses and routing, and the dimension values it gives.
public struct SLAEvent: Hashable, Sendable {
    /// What happened, as far as SLA clocks care.
    public enum Kind: Hashable, Sendable {
        /// `conversation.opened`; `outbound` when `attributes.direction` is `outbound` (nobody
        /// waits for a first response).
        case opened(outbound: Bool)
        /// `contact.queued` (starts the conversation like an opening).
        case queued
        /// `message.created`; a message without `public` counts as public (docs/METRICS.md).
        case message(author: MessageAuthor, isPublic: Bool)
        /// `conversation.assigned` or `conversation.transferred`: a bot hand-off when a bot spoke
        /// before the first human reply.
        case routed
        /// `status.changed` to this status.
        case status(ConversationStatus)
        /// Any other event of the conversation: only its dimensions matter.
        case other
    }

    /// The conversation.
    public var conversation: String
    /// When it happened.
    public var at: Timestamp
    /// What happened.
    public var kind: Kind
    /// The dimension values the event gives (each replaces the value in force).
    public var fields: [FilterField: String]

    /// Creates an event.
    public init(conversation: String, at: Timestamp, kind: Kind, fields: [FilterField: String] = [:]) {
        self.conversation = conversation
        self.at = at
        self.kind = kind
        self.fields = fields
    }

    /// The SLA view of a stored event; `nil` for an event without a conversation.
    public init?(_ event: Event) {
        guard let conversation = event.conversation else { return nil }
        let attributes = event.object["attributes"]?.objectValue
        switch event.payload {
        case .conversationOpened:
            kind = .opened(outbound: attributes?["direction"]?.stringValue == "outbound")
        case .contactQueued:
            kind = .queued
        case .messageCreated(let author, let isPublic):
            kind = .message(author: author, isPublic: isPublic ?? true)
        case .conversationAssigned, .conversationTransferred:
            kind = .routed
        case .statusChanged(let status, _):
            kind = .status(status)
        default:
            kind = .other
        }
        self.conversation = conversation
        at = event.at
        var fields: [FilterField: String] = [:]
        for dimension in [EventDimension.channel, .team, .agent, .priority] {
            if let value = event.value(of: dimension) { fields[.dimension(dimension)] = value }
        }
        if let attributes {
            for entry in attributes.entries {
                guard case .string(let text) = entry.value else { continue }
                switch entry.key {
                case EventDimension.segment.key: fields[.dimension(.segment)] = text
                case EventDimension.language.key: fields[.dimension(.language)] = text
                default: fields[.attribute(entry.key)] = text
                }
            }
        }
        self.fields = fields
    }
}
