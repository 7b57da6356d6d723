import Synchronization
import TenetModels

/// Delivers notifications through senders with retries, backoff, dead letters, silences and
/// idempotency, recording every try in a ``DeliveryJournal``.
///
/// For one notification and one sender: a notification a silence matches is recorded as
/// `suppressed` and not sent; one the journal shows as delivered to that notifier (or being
/// delivered now) is recorded as `duplicate` and not sent; otherwise tries follow until one
/// succeeds (`succeeded`), a failure is permanent, or the sender's ``NotificationSender/attempts``
/// are used up — then a `dead_letter` record keeps the notification. Between tries it waits as
/// the ``RetryPolicy`` says, through the injected `sleep`, so tests need not wait for real.
public final class NotificationDelivery: Sendable {
    /// Waits for a duration; throws when the wait is cancelled.
    public typealias Sleep = @Sendable (Duration) async throws -> Void

    /// The journal every try goes to.
    public let journal: DeliveryJournal
    /// The waits between tries.
    public let policy: RetryPolicy
    private let random: Mutex<SeededRandom>
    private let now: @Sendable () -> Timestamp
    private let sleep: Sleep

    /// Creates a delivery.
    ///
    /// - Parameters:
    ///   - random: the jitter's source (seed it in tests for repeatable waits).
    ///   - now: the clock records are stamped with.
    ///   - sleep: how to wait between tries (`Task.sleep` by default).
    public init(
        journal: DeliveryJournal, policy: RetryPolicy = .standard, random: SeededRandom = SeededRandom(),
        now: @escaping @Sendable () -> Timestamp = { Timestamp.now() },
        sleep: @escaping Sleep = { duration in try await Task.sleep(for: duration) }
    ) {
        self.journal = journal
        self.policy = policy
        self.random = Mutex(random)
        self.now = now
        self.sleep = sleep
    }

    /// Delivers `notification` through `sender`, unless a silence in `silences` matches it.
    public func deliver(
        _ notification: Notification, via sender: some NotificationSender, silences: SilenceBook? = nil
    ) async -> DeliveryOutcome {
        let id = notification.id
        let name = sender.name
        if let silence = silences?.silence(matching: notification, at: now()) {
            try? journal.record(
                DeliveryRecord(
                    at: now(), notificationID: id, notifier: name, attempt: 0, status: .suppressed,
                    message: "silenced until \(silence.endsAt.rfc3339)", silenceID: silence.id))
            return DeliveryOutcome(notificationID: id, notifier: name, status: .suppressed, attempts: 0)
        }
        guard journal.claim(id, notifier: name) else {
            try? journal.record(
                DeliveryRecord(
                    at: now(), notificationID: id, notifier: name, attempt: 0, status: .duplicate,
                    message: "already delivered to \(name) (or being delivered)"))
            return DeliveryOutcome(notificationID: id, notifier: name, status: .duplicate, attempts: 0)
        }
        defer { journal.release(id, notifier: name) }

        let attempts = max(sender.attempts, 1)
        var lastError: NotifyError?
        for attempt in 1...attempts {
            switch await sender.send(notification, attempt: attempt) {
            case .delivered(let detail):
                try? journal.record(
                    DeliveryRecord(
                        at: now(), notificationID: id, notifier: name, attempt: attempt, status: .succeeded,
                        message: detail))
                return DeliveryOutcome(notificationID: id, notifier: name, status: .delivered, attempts: attempt)
            case .permanent(let error):
                lastError = error
                return deadLetter(notification, name, attempt: attempt, error: error, reason: "a permanent failure")
            case .retryable(let error, let retryAfter):
                lastError = error
                if attempt == attempts {
                    return deadLetter(notification, name, attempt: attempt, error: error, reason: "the last of \(attempts) tries")
                }
                try? journal.record(
                    DeliveryRecord(
                        at: now(), notificationID: id, notifier: name, attempt: attempt, status: .failed,
                        errorCode: error.code.rawValue, message: error.message))
                let wait = random.withLock { policy.delay(afterAttempt: attempt, retryAfter: retryAfter, random: &$0) }
                do {
                    try await sleep(wait)
                } catch {
                    return DeliveryOutcome(
                        notificationID: id, notifier: name, status: .interrupted, attempts: attempt, lastError: lastError)
                }
            }
        }
        return DeliveryOutcome(notificationID: id, notifier: name, status: .deadLetter, attempts: attempts, lastError: lastError)
    }

    private func deadLetter(
        _ notification: Notification, _ name: String, attempt: Int, error: NotifyError, reason: String
    ) -> DeliveryOutcome {
        try? journal.record(
            DeliveryRecord(
                at: now(), notificationID: notification.id, notifier: name, attempt: attempt, status: .deadLetter,
                errorCode: error.code.rawValue, message: "\(error.message) (\(reason))", notification: notification.jsonValue))
        return DeliveryOutcome(
            notificationID: notification.id, notifier: name, status: .deadLetter, attempts: attempt, lastError: error)
    }
}
