/// How the delivery of one notification to one notifier ended, after every try.
public struct DeliveryOutcome: Hashable, Sendable {
    /// How it ended.
    public enum Status: String, Hashable, Sendable {
        /// A try succeeded.
        case delivered
        /// Every try failed, or one failed permanently: a dead letter was recorded.
        case deadLetter = "dead_letter"
        /// A silence matched: not sent.
        case suppressed
        /// Already delivered (or being delivered) to this notifier: not sent again.
        case duplicate
        /// The task was cancelled while waiting to retry (the plugin stops): neither delivered
        /// nor dead-lettered; send it again after the restart.
        case interrupted
    }

    /// The notification's id.
    public var notificationID: String
    /// The notifier's name.
    public var notifier: String
    /// How it ended.
    public var status: Status
    /// How many tries were made.
    public var attempts: Int
    /// The last failure, if there was one.
    public var lastError: NotifyError?

    /// Creates an outcome.
    public init(notificationID: String, notifier: String, status: Status, attempts: Int, lastError: NotifyError? = nil) {
        self.notificationID = notificationID
        self.notifier = notifier
        self.status = status
        self.attempts = attempts
        self.lastError = lastError
    }
}
