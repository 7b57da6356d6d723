/// The channels the simulator knows, in the order it lists them everywhere (tallies, profile
/// errors, summaries): the names are those of docs/EVENTS.md and the example philosophy.
public enum SimulatedChannel: String, CaseIterable, Hashable, Sendable {
    /// Tickets by email, worked from the backlog.
    case email
    /// Live chat: a bot answers first and hands a share to the chat queue.
    case chat
    /// Calls, queued and answered live.
    case phone
    /// Messages on social networks, worked from the backlog (by default ahead of the rest).
    case social
    /// The contact form on the website, worked from the backlog.
    case webForm = "web_form"

    /// Its position in ``allCases``.
    public var index: Int {
        switch self {
        case .email: 0
        case .chat: 1
        case .phone: 2
        case .social: 3
        case .webForm: 4
        }
    }

    /// The agent group that takes it live when the group is open (`phone`, `chat`), or `nil`
    /// for the channels worked from the backlog.
    public var liveGroup: AgentGroup? {
        switch self {
        case .phone: .phone
        case .chat: .chat
        default: nil
        }
    }
}

/// The kinds of work an agent does: answer calls, answer chats (several at once), or work the
/// ticket backlog (email, social, web forms, and chats that came while the chat line was
/// closed).
public enum AgentGroup: String, CaseIterable, Hashable, Sendable {
    /// Answers queued calls.
    case phone
    /// Answers queued chats, up to the group's concurrency at once.
    case chat
    /// Works the backlog in business hours.
    case tickets

    /// Its position in ``allCases``.
    public var index: Int {
        switch self {
        case .phone: 0
        case .chat: 1
        case .tickets: 2
        }
    }

    /// The channel whose coverage rule (in the philosophy) gives the group's opening hours.
    public var coverageChannel: SimulatedChannel {
        switch self {
        case .phone: .phone
        case .chat: .chat
        case .tickets: .email
        }
    }
}

/// The priorities the simulator gives conversations, most urgent first (the order the backlog
/// is worked in).
public enum SimulatedPriority: String, CaseIterable, Hashable, Sendable {
    /// Urgent: worked first, escalated most often.
    case urgent
    /// High.
    case high
    /// Normal.
    case normal
    /// Low.
    case low

    /// Its position in ``allCases`` (0 is the most urgent).
    public var index: Int {
        switch self {
        case .urgent: 0
        case .high: 1
        case .normal: 2
        case .low: 3
        }
    }
}

/// What happened to a conversation, as far as its surveys and reviews are concerned: the
/// conditional model of satisfaction. A conversation reopened before its survey was sent is
/// `reopened`; else one whose first wait was longer than the profile's `surveys.long_wait` is
/// `longWait`; else it is `good`.
public enum Experience: String, CaseIterable, Hashable, Sendable {
    /// Answered promptly and not reopened.
    case good
    /// The first wait was long: queue time of a call or chat over `surveys.long_wait.live`, or
    /// opening → first agent reply of a ticket over `surveys.long_wait.tickets`.
    case longWait = "long_wait"
    /// Solved, then reopened, before the survey.
    case reopened

    /// Its position in ``allCases``.
    public var index: Int {
        switch self {
        case .good: 0
        case .longWait: 1
        case .reopened: 2
        }
    }
}
