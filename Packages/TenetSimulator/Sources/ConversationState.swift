/// One conversation in flight: what the simulator needs to write its next events and decide
/// what happens to it. Kept in a slot of ``Simulator/conversations`` that is reused once the
/// conversation is finished and no scheduled step names it.
struct ConversationState: Sendable {
    /// Statuses the simulator uses.
    enum Status: UInt8, Sendable {
        case open, pending, solved, closed
    }

    /// The number in its id (`<prefix>-c<number>`).
    var number: Int64 = 0
    /// The customer's number (0-based; `cust-` ids count from 1).
    var customer: Int32 = 0
    var channel: UInt8 = 0
    /// Its team (into ``Simulator/teams``).
    var team: UInt8 = 0
    var priority: UInt8 = 0
    /// The agent who holds it or last held it, −1 for none.
    var agent: Int32 = -1
    /// Bumped to cancel a scheduled abandon or pending timeout.
    var token: UInt32 = 0
    /// Scheduled steps that name the slot.
    var refs: Int32 = 0
    var status = Status.open
    /// When the current wait started: queue entry, or the opening of a ticket.
    var waitStart: Int64 = 0
    /// The first wait in ms, −1 until known.
    var firstWait: Int64 = -1
    /// Whether the first wait was a queue wait (else a ticket's wait for the first reply).
    var firstWaitLive = false
    /// The current talk (chats: for spacing the messages).
    var talkStart: Int64 = 0
    var talkLength: Int64 = 0
    var messagesLeft: Int16 = 0
    var messagesTotal: Int16 = 0
    var agentSpeaksNext = false
    /// Whether it is waiting in a live queue now.
    var waiting = false
    var transferred = false
    var escalated = false
    var reopened = false
    /// Part of an outage's extra volume.
    var outage = false
    /// Decided at pick-up: the agent transfers it instead of replying.
    var transferring = false
    /// Its next ticket work follows an escalation (no new customer message).
    var resumed = false
    /// No more steps will be scheduled for it.
    var finished = false
    /// The slot is free.
    var free = false
    /// The experience its surveys and review are drawn for (``Experience/index``).
    var experience: UInt8 = 0
}
