/// Something that makes one try at delivering a notification: the webhook, command and log
/// notifiers. Retries, backoff, the journal and dead letters are ``NotificationDelivery``'s job,
/// so a sender only says how one try went.
public protocol NotificationSender: Sendable {
    /// The notifier's name, as routes name it and the journal records it.
    var name: String { get }
    /// How many tries a notification gets before it becomes a dead letter (1 or more).
    var attempts: Int { get }
    /// Makes try number `attempt` (from 1) at delivering `notification`.
    func send(_ notification: Notification, attempt: Int) async -> AttemptResult
}
