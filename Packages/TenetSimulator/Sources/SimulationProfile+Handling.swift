extension SimulationProfile {
    /// Calls: queued FIFO per team, answered by the team's phone agents while its phone hours
    /// are open (outside them the caller hears that the line is closed: no conversation).
    public struct Phone: Hashable, Sendable {
        /// How long a caller waits before hanging up (exponential or log-normal).
        public var patience: DurationDistribution
        /// Talk time: answered → ended, holds included.
        public var talk: DurationDistribution
        /// The share of calls with a hold.
        public var holdShare: Double
        /// A hold's length (capped to fit in the talk).
        public var hold: DurationDistribution
        /// After-call work: ended → wrap-up ended.
        public var wrapup: DurationDistribution
    }

    /// Live chats: a bot answers every chat first and hands `botHandoff` of them to the team's
    /// chat queue (a `conversation.assigned` to the team: the hand-off of docs/METRICS.md); the
    /// rest it solves itself. Agents take up to their group's concurrency at once.
    public struct Chat: Hashable, Sendable {
        /// The share of chats the bot hands to a person.
        public var botHandoff: Double
        /// From the customer's first message to the hand-off or the bot's solve.
        public var botDuration: DurationDistribution
        /// How long a customer waits in the queue before leaving.
        public var patience: DurationDistribution
        /// Talk time: answered → ended.
        public var talk: DurationDistribution
        /// After-chat work.
        public var wrapup: DurationDistribution
        /// The mean number of customer–agent message pairs after the first reply (geometric).
        public var exchanges: Double
    }

    /// The backlog: email, social and web forms, chats that came while the chat line was closed,
    /// and conversations back after an escalation, a customer's answer or a reopen; worked by
    /// the team's ticket agents in business hours, the
    /// most urgent lane first (urgent and the `expedite` channels, then high, normal, low), FIFO
    /// within a lane.
    public struct Tickets: Hashable, Sendable {
        /// An agent's time on one reply (the reply is sent at its end).
        public var work: DurationDistribution
        /// The share of replies after which the ticket waits on the customer (`pending`).
        public var pending: Double
        /// The share of pending customers who answer …
        public var customerReplyShare: Double
        /// … and when.
        public var customerReplyDelay: DurationDistribution
        /// A pending ticket without an answer is solved after this many seconds.
        public var pendingTimeout: Double
        /// The share of replies preceded by a private note.
        public var privateNotes: Double
        /// Channels worked in the first lane, with urgent conversations.
        public var expedite: [SimulatedChannel]
    }

    /// What else happens to a conversation.
    public struct Flow: Hashable, Sendable {
        /// The share of handled contacts and tickets transferred to another team (once at most).
        public var transfer: Double
        /// The share escalated, by priority (``SimulatedPriority/index``).
        public var escalation: [Double]
        /// How long an escalation takes before the conversation is worked again.
        public var escalationDelay: DurationDistribution
        /// The share of solved conversations the customer reopens (once at most).
        public var reopen: Double
        /// When, after the solve.
        public var reopenDelay: DurationDistribution
    }
}
