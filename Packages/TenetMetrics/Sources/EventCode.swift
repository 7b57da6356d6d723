import TenetModels

/// An event's type and the fields measuring reads, in 32 bits: the kind in the low 5 bits, and
/// above them a message's author and visibility, a status, or the index of the event's numbers
/// in ``EventNumbers``.
struct EventCode: Hashable, Sendable {
    /// The kinds, in the order of ``ConversationEvent/precedes(_:)`` at one instant.
    enum Kind: UInt32, Sendable {
        case conversationOpened, contactQueued, conversationAssigned, conversationTransferred, conversationEscalated
        case messageCreated, contactAnswered, holdStarted, holdEnded, contactAbandoned, contactEnded, wrapupEnded
        case statusChanged, csatAnswered, npsAnswered, cesAnswered, qaScored, orderPlaced
        case customerStarted, customerChurned, `extension`
    }

    let raw: UInt32

    /// The code of no event (what fills unused room).
    static let none = EventCode(.extension)

    private init(_ kind: Kind, _ payload: UInt32 = 0) {
        raw = kind.rawValue | payload << 5
    }

    /// A code read back from a checkpoint: `nil` unless `raw` is one that ``init(_:numbers:catalog:)``
    /// makes, with its numbers' index below `numberCount`.
    init?(raw: UInt32, numberCount: Int) {
        guard let kind = Kind(rawValue: raw & 31) else { return nil }
        let payload = raw >> 5
        switch kind {
        case .messageCreated:
            guard Int(payload & 3) < MessageAuthor.allCases.count, payload >> 2 <= 2 else { return nil }
        case .statusChanged:
            guard Int(payload) < ConversationStatus.allCases.count else { return nil }
        case .csatAnswered, .npsAnswered, .cesAnswered, .qaScored, .orderPlaced:
            guard Int(payload) < numberCount else { return nil }
        default:
            guard payload == 0 else { return nil }
        }
        self.raw = raw
    }

    /// The kind.
    var kind: Kind { Kind(rawValue: raw & 31)! }
    /// What sits above the kind.
    var payload: UInt32 { raw >> 5 }

    /// Where the kind falls among events at one instant (the same as ``ConversationEvent``'s rank).
    var rank: UInt32 { Self.rank(raw & 31) }

    /// The rank of the kind numbered `kind`.
    private static func rank(_ kind: UInt32) -> UInt32 {
        switch kind {
        case Kind.csatAnswered.rawValue...Kind.cesAnswered.rawValue: Kind.csatAnswered.rawValue
        case Kind.qaScored.rawValue...: min(kind - 2, Kind.customerStarted.rawValue - 2)
        default: kind
        }
    }

    /// The rank of an event with `payload`.
    static func rank(of payload: EventPayload) -> UInt32 {
        rank(kind(of: payload).rawValue)
    }

    /// The kind of an event with `payload`.
    static func kind(of payload: EventPayload) -> Kind {
        switch payload {
        case .conversationOpened: .conversationOpened
        case .contactQueued: .contactQueued
        case .conversationAssigned: .conversationAssigned
        case .conversationTransferred: .conversationTransferred
        case .conversationEscalated: .conversationEscalated
        case .messageCreated: .messageCreated
        case .contactAnswered: .contactAnswered
        case .holdStarted: .holdStarted
        case .holdEnded: .holdEnded
        case .contactAbandoned: .contactAbandoned
        case .contactEnded: .contactEnded
        case .wrapupEnded: .wrapupEnded
        case .statusChanged: .statusChanged
        case .surveyAnswered(.csat, _): .csatAnswered
        case .surveyAnswered(.nps, _): .npsAnswered
        case .surveyAnswered(.ces, _): .cesAnswered
        case .qaScored: .qaScored
        case .orderPlaced: .orderPlaced
        case .customerStarted: .customerStarted
        case .customerChurned: .customerChurned
        case .extension: .extension
        }
    }

    /// The most events with numbers (surveys, reviews, orders) one engine holds: 2^27.
    static let numberCapacity = 1 << 27

    /// The code of `payload`; `numbers` receives the numbers it carries.
    init(_ payload: EventPayload, numbers: inout EventNumbers, catalog: inout DimensionCatalog) {
        let kind = Self.kind(of: payload)
        switch payload {
        case .messageCreated(let author, let isPublic):
            let authorBits = UInt32(MessageAuthor.allCases.firstIndex(of: author)!)
            let visibility: UInt32 = isPublic.map { $0 ? 1 : 2 } ?? 0
            self.init(kind, authorBits | visibility << 2)
        case .statusChanged(let status, _):
            self.init(kind, UInt32(ConversationStatus.allCases.firstIndex(of: status)!))
        case .surveyAnswered(_, let score):
            // A whole score is read only by comparison and as a Double (CES): the Double keeps both exact.
            self.init(kind, numbers.add(Double(score), currency: 0))
        case .qaScored(let score, let categories):
            self.init(kind, numbers.add(ConversationWalk.qaScore(score, categories), currency: 0))
        case .orderPlaced(let amount, let currency):
            self.init(kind, numbers.add(amount.doubleValue, currency: catalog.intern(currency)))
        default:
            self.init(kind)
        }
    }

    /// A message's author.
    var author: MessageAuthor { MessageAuthor.allCases[Int(payload & 3)] }
    /// A message's visibility (`nil`: not given).
    var isPublic: Bool? {
        switch payload >> 2 {
        case 1: true
        case 2: false
        default: nil
        }
    }
    /// A status change's new status, by its index in ``ConversationStatus/allCases``.
    var status: Int { Int(payload) }
    /// The index of `open`, the status before any change.
    static let openStatus = ConversationStatus.allCases.firstIndex(of: .open)!
    /// The index of a survey's, review's or order's numbers.
    var numbers: Int { Int(payload) }
}
