import Synchronization
import TenetModels
import TenetNotify

/// Delivers the rules plugin's notifications off its request thread: one queue per notifier,
/// each worked through in order by a task of its own, so a slow or failing webhook (retries
/// with backoff) never holds up another notifier nor the plugin's turns. Outcomes are collected
/// by the plugin with ``completions()`` and take the entries out of its outbox.
public final class NotifierWorker: Sendable {
    struct Job: Sendable {
        var entry: OutboxEntry
        var silences: SilenceBook
    }

    struct State {
        var senders: [String: any NotificationSender] = [:]
        var queues: [String: AsyncStream<Job>.Continuation] = [:]
        var tasks: [Task<Void, Never>] = []
        var completions: [(key: String, outcome: DeliveryOutcome)] = []
        var stopped = false
    }

    /// The delivery engine (retries, journal, dead letters, silences).
    public let delivery: NotificationDelivery
    private let state = Mutex(State())

    /// A worker that delivers through `delivery`.
    public init(delivery: NotificationDelivery) {
        self.delivery = delivery
    }

    /// Sets the senders, by notifier name (after a philosophy is loaded). Queued jobs use the
    /// sender in force when their turn comes.
    public func configure(senders: [String: any NotificationSender]) {
        state.withLock { $0.senders = senders }
    }

    /// Queues `entry` for its notifier; `silences` are the ones in force when it was planned.
    public func enqueue(_ entry: OutboxEntry, silences: SilenceBook) {
        let name = entry.delivery.notifier
        state.withLock { state in
            guard !state.stopped else { return }
            if state.queues[name] == nil {
                let (stream, continuation) = AsyncStream<Job>.makeStream()
                state.queues[name] = continuation
                state.tasks.append(Task.detached { [self] in await self.work(stream, notifier: name) })
            }
            state.queues[name]?.yield(Job(entry: entry, silences: silences))
        }
    }

    private func work(_ stream: AsyncStream<Job>, notifier: String) async {
        for await job in stream {
            if Task.isCancelled { break }
            let sender: any NotificationSender = state.withLock { $0.senders[notifier] } ?? MissingSender(name: notifier)
            let outcome = await deliver(job, via: sender)
            // Interrupted by a stop: it stays in the outbox for the next start.
            guard outcome.status != .interrupted else { continue }
            state.withLock { $0.completions.append((job.entry.key, outcome)) }
        }
    }

    private func deliver(_ job: Job, via sender: some NotificationSender) async -> DeliveryOutcome {
        await delivery.deliver(job.entry.delivery.notification, via: sender, silences: job.silences)
    }

    /// The outcomes since the last call, by outbox key.
    public func completions() -> [(key: String, outcome: DeliveryOutcome)] {
        state.withLock { state in
            defer { state.completions.removeAll() }
            return state.completions
        }
    }

    /// Stops every queue; deliveries in progress are cancelled (their entries stay in the
    /// outbox, and the journal keeps a success that was recorded).
    public func stop() {
        let tasks = state.withLock { state in
            state.stopped = true
            for continuation in state.queues.values { continuation.finish() }
            return state.tasks
        }
        for task in tasks { task.cancel() }
    }
}

/// The sender of a notifier the philosophy does not define (or whose secret could not be read):
/// every try fails for good, so the notification becomes a dead letter that says why.
struct MissingSender: NotificationSender {
    var name: String
    var reason: String?
    var attempts: Int { 1 }

    func send(_ notification: Notification, attempt: Int) async -> AttemptResult {
        .permanent(NotifyError(.configuration, reason ?? "notifier `\(name)` is not defined in the philosophy in force"))
    }
}
