/// What an event says beyond its envelope, typed and already checked by ``EventValidator``: one
/// case per built-in type, carrying the type's own fields, and ``extension`` for `x.` types.
///
/// The envelope (id, time, dimensions) is on ``Event`` itself. Fields the validator does not
/// check stay only in ``Event/object``.
public enum EventPayload: Hashable, Sendable {
    /// `conversation.opened`.
    case conversationOpened
    /// `message.created`: who wrote it, and whether the customer sees it (`nil` when not given).
    case messageCreated(author: MessageAuthor, isPublic: Bool?)
    /// `conversation.assigned` (the agent and team are the event's dimensions).
    case conversationAssigned
    /// `conversation.transferred`: where it came from, when given (where it went are the
    /// event's `team` and `agent`).
    case conversationTransferred(fromTeam: String?, fromAgent: String?)
    /// `conversation.escalated`.
    case conversationEscalated
    /// `status.changed`: the new status and, when given, the one before.
    case statusChanged(status: ConversationStatus, previous: ConversationStatus?)
    /// `contact.queued`: queue time starts at the event's `at`.
    case contactQueued
    /// `contact.answered`: queue time ends and talk time starts at the event's `at`.
    case contactAnswered
    /// `contact.abandoned`: queue time ends unanswered at the event's `at`.
    case contactAbandoned
    /// `contact.ended`: talk time ends at the event's `at`.
    case contactEnded
    /// `hold.started`.
    case holdStarted
    /// `hold.ended`.
    case holdEnded
    /// `wrapup.ended`.
    case wrapupEnded
    /// `survey.answered`: the survey and its whole-number score on the survey's scale.
    case surveyAnswered(survey: SurveyKind, score: Int)
    /// `qa.scored`: the score (0–100) and the categories, empty when not given.
    case qaScored(score: Double, categories: [QACategory])
    /// `order.placed`: the amount exactly as written (at least 0) and the ISO 4217 currency.
    case orderPlaced(amount: JSONNumber, currency: String)
    /// `customer.started`.
    case customerStarted
    /// `customer.churned`.
    case customerChurned
    /// A producer's `x.` type: only the envelope is checked; its fields are in
    /// ``Event/object``.
    case `extension`
}
