/// Counts of what a run did so far: for checks, and for a summary line.
///
/// Arrays indexed by channel follow ``SimulatedChannel/allCases``; by survey, csat, nps, ces;
/// by experience, ``Experience/allCases``.
public struct SimulationTally: Hashable, Sendable {
    /// Events written.
    public internal(set) var events = 0
    /// Conversations opened, by channel.
    public internal(set) var conversations = Array(repeating: 0, count: 5)
    /// Conversations opened by channel and local hour of day (in the organisation's zone).
    public internal(set) var arrivalsByHour = Array(repeating: Array(repeating: 0, count: 24), count: 5)
    /// Conversations opened because of an outage (beyond the usual volume).
    public internal(set) var outageConversations = 0
    /// By channel: calls that came while the phone line was closed (the caller hears that it is
    /// closed: no conversation), and chats handed off while the chat line was closed (worked as
    /// tickets).
    public internal(set) var offline = Array(repeating: 0, count: 5)
    /// Contacts queued, by channel (a transfer queues again).
    public internal(set) var queued = Array(repeating: 0, count: 5)
    /// Contacts answered, by channel.
    public internal(set) var answered = Array(repeating: 0, count: 5)
    /// Contacts abandoned, by channel.
    public internal(set) var abandoned = Array(repeating: 0, count: 5)
    /// Chats the bot answered.
    public internal(set) var botChats = 0
    /// Chats the bot handed to a person.
    public internal(set) var botHandoffs = 0
    /// Agent replies (public agent messages, calls' answers included).
    public internal(set) var agentReplies = 0
    /// Transfers.
    public internal(set) var transfers = 0
    /// Escalations.
    public internal(set) var escalations = 0
    /// Solves (a conversation solved again after a reopen counts twice).
    public internal(set) var solves = 0
    /// Reopens.
    public internal(set) var reopens = 0
    /// Surveys sent, by survey and experience.
    public internal(set) var surveysSent = Array(repeating: Array(repeating: 0, count: 3), count: 3)
    /// Surveys answered, by survey and experience.
    public internal(set) var surveysAnswered = Array(repeating: Array(repeating: 0, count: 3), count: 3)
    /// Quality reviews.
    public internal(set) var reviews = 0
    /// Orders placed.
    public internal(set) var orders = 0
    /// Customers who started (the initial ones included).
    public internal(set) var customersStarted = 0
    /// Customers who churned.
    public internal(set) var customersChurned = 0
    /// The organisation's own events (`extra_events` and `x.employee.*`).
    public internal(set) var organisationEvents = 0

    /// One line for people: `1,234,567 events: 98,765 conversations (…), …`.
    public var summary: String {
        let opened = conversations.reduce(0, +)
        let live = queued.reduce(0, +)
        let lost = abandoned.reduce(0, +)
        let sent = surveysSent.map { $0.reduce(0, +) }
        let answers = surveysAnswered.map { $0.reduce(0, +) }
        var parts = ["\(events) events", "\(opened) conversations"]
        parts.append(zip(SimulatedChannel.allCases, conversations).map { "\($0.rawValue) \($1)" }.joined(separator: ", "))
        parts.append("\(live) queued, \(lost) abandoned")
        parts.append("bot \(botChats) chats, \(botHandoffs) handed off")
        parts.append("\(solves) solves, \(reopens) reopens, \(transfers) transfers, \(escalations) escalations")
        parts.append("surveys " + zip(SimulationProfile.Surveys.kinds, zip(sent, answers)).map { "\($0) \($1.1)/\($1.0)" }.joined(separator: ", "))
        parts.append("\(reviews) reviews, \(orders) orders, \(customersStarted) customers started, \(customersChurned) churned")
        return parts.joined(separator: "; ")
    }
}
