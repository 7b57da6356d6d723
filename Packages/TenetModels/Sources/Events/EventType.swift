/// Every kind of support event Tenet understands. `docs/EVENTS.md` documents each with an example.
public enum EventType: String, CaseIterable, Hashable, Sendable, Codable {
    /// A conversation (ticket, chat, call) began.
    case conversationOpened = "conversation.opened"
    /// A message was written: `author` customer, agent, bot or system; `public` or a private note.
    case messageCreated = "message.created"
    /// The conversation was assigned to an agent and/or a team.
    case conversationAssigned = "conversation.assigned"
    /// The conversation moved to another team or agent.
    case conversationTransferred = "conversation.transferred"
    /// The conversation was escalated.
    case conversationEscalated = "conversation.escalated"
    /// The status changed (open, pending, on_hold, solved, closed); solved → open is a reopen.
    case statusChanged = "status.changed"
    /// A call or live chat entered a queue.
    case contactQueued = "contact.queued"
    /// A queued contact was answered by an agent.
    case contactAnswered = "contact.answered"
    /// A queued contact hung up or left before an answer.
    case contactAbandoned = "contact.abandoned"
    /// An answered contact's talk ended.
    case contactEnded = "contact.ended"
    /// The agent put the customer on hold.
    case holdStarted = "hold.started"
    /// The hold ended.
    case holdEnded = "hold.ended"
    /// The agent finished after-contact work.
    case wrapupEnded = "wrapup.ended"
    /// A customer answered a survey: CSAT 1–5, NPS 0–10 or CES 1–7.
    case surveyAnswered = "survey.answered"
    /// A quality review scored a conversation 0–100.
    case qaScored = "qa.scored"
    /// A customer placed an order.
    case orderPlaced = "order.placed"
    /// A customer relationship began.
    case customerStarted = "customer.started"
    /// A customer relationship ended.
    case customerChurned = "customer.churned"
}
