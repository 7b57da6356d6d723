/// Every kind of support event Tenet understands, and the producer's own kinds in the `x.`
/// namespace. `docs/EVENTS.md` documents each built-in type with an example.
public enum EventType: RawRepresentable, CaseIterable, Hashable, Sendable, Codable {
    /// A conversation (ticket, chat, call) began.
    case conversationOpened
    /// A message was written: `author` customer, agent, bot or system; `public` or a private note.
    case messageCreated
    /// The conversation was assigned to an agent and/or a team.
    case conversationAssigned
    /// The conversation moved to another team or agent.
    case conversationTransferred
    /// The conversation was escalated.
    case conversationEscalated
    /// The status changed (open, pending, on_hold, solved, closed); solved → open is a reopen.
    case statusChanged
    /// A call or live chat entered a queue.
    case contactQueued
    /// A queued contact was answered by an agent.
    case contactAnswered
    /// A queued contact hung up or left before an answer.
    case contactAbandoned
    /// An answered contact's talk ended.
    case contactEnded
    /// The agent put the customer on hold.
    case holdStarted
    /// The hold ended.
    case holdEnded
    /// The agent finished after-contact work.
    case wrapupEnded
    /// A customer answered a survey: CSAT 1–5, NPS 0–10 or CES 1–7.
    case surveyAnswered
    /// A quality review scored a conversation 0–100.
    case qaScored
    /// A customer placed an order.
    case orderPlaced
    /// A customer relationship began.
    case customerStarted
    /// A customer relationship ended.
    case customerChurned
    /// A producer's own type, such as `x.lead.qualified`: the whole name, which starts with
    /// `x.` and is valid by ``isExtensionName(_:)``. Only the envelope rules apply to it.
    case `extension`(String)

    /// The built-in types (extensions are not listed: any valid `x.` name is one).
    public static let allCases: [EventType] = [
        .conversationOpened, .messageCreated, .conversationAssigned, .conversationTransferred, .conversationEscalated,
        .statusChanged, .contactQueued, .contactAnswered, .contactAbandoned, .contactEnded, .holdStarted, .holdEnded,
        .wrapupEnded, .surveyAnswered, .qaScored, .orderPlaced, .customerStarted, .customerChurned,
    ]

    /// The prefix of every extension type.
    public static let extensionPrefix = "x."
    /// The longest extension type name, in bytes.
    public static let maximumExtensionLength = 64

    /// The type named `rawValue`: a built-in name (`status.changed`) or a valid extension name
    /// (`x.lead.qualified`); `nil` for anything else.
    public init?(rawValue: String) {
        switch rawValue {
        case "conversation.opened": self = .conversationOpened
        case "message.created": self = .messageCreated
        case "conversation.assigned": self = .conversationAssigned
        case "conversation.transferred": self = .conversationTransferred
        case "conversation.escalated": self = .conversationEscalated
        case "status.changed": self = .statusChanged
        case "contact.queued": self = .contactQueued
        case "contact.answered": self = .contactAnswered
        case "contact.abandoned": self = .contactAbandoned
        case "contact.ended": self = .contactEnded
        case "hold.started": self = .holdStarted
        case "hold.ended": self = .holdEnded
        case "wrapup.ended": self = .wrapupEnded
        case "survey.answered": self = .surveyAnswered
        case "qa.scored": self = .qaScored
        case "order.placed": self = .orderPlaced
        case "customer.started": self = .customerStarted
        case "customer.churned": self = .customerChurned
        default:
            guard Self.isExtensionName(rawValue) else { return nil }
            self = .extension(rawValue)
        }
    }

    /// The type's name as events carry it in `type`.
    public var rawValue: String {
        switch self {
        case .conversationOpened: "conversation.opened"
        case .messageCreated: "message.created"
        case .conversationAssigned: "conversation.assigned"
        case .conversationTransferred: "conversation.transferred"
        case .conversationEscalated: "conversation.escalated"
        case .statusChanged: "status.changed"
        case .contactQueued: "contact.queued"
        case .contactAnswered: "contact.answered"
        case .contactAbandoned: "contact.abandoned"
        case .contactEnded: "contact.ended"
        case .holdStarted: "hold.started"
        case .holdEnded: "hold.ended"
        case .wrapupEnded: "wrapup.ended"
        case .surveyAnswered: "survey.answered"
        case .qaScored: "qa.scored"
        case .orderPlaced: "order.placed"
        case .customerStarted: "customer.started"
        case .customerChurned: "customer.churned"
        case .extension(let name): name
        }
    }

    /// Whether this is a producer's own `x.` type.
    public var isExtension: Bool {
        if case .extension = self { return true }
        return false
    }

    /// Whether `name` is a valid extension type: `x.` then one or more parts separated by single
    /// dots, each part one or more of `a`–`z`, `0`–`9`, `_` and `-`; at most
    /// ``maximumExtensionLength`` bytes in all. `x.lead.qualified` and `x.crm-sync_done` are;
    /// `x.`, `x.Lead`, `x..a` and `x.a.` are not.
    public static func isExtensionName(_ name: String) -> Bool {
        let bytes = name.utf8
        guard bytes.count > 2, bytes.count <= maximumExtensionLength, name.hasPrefix(extensionPrefix) else { return false }
        var previousWasDot = true
        for byte in bytes.dropFirst(2) {
            switch byte {
            case UInt8(ascii: "."):
                if previousWasDot { return false }
                previousWasDot = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"),
                UInt8(ascii: "-"):
                previousWasDot = false
            default:
                return false
            }
        }
        return !previousWasDot
    }
}
