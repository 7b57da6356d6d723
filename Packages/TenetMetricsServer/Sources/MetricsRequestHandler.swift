import Logging
import Synchronization
import TenetBus
import TenetClock
import TenetControl
import TenetMetrics
import TenetMetricsProtocol
import TenetModels
import TenetPhilosophy
import TenetPlugin
import TenetStoreClient
import TenetStoreProtocol

extension StoredEvent: StoredEventLike {}

/// The metrics plugin's request handler: it follows the stored events into the engine, answers
/// queries, publishes the standing series that changed (``SeriesPublisher``: promptly, at most
/// every ``publishInterval``, publishing never more than a fifth of the time), and re-reads the
/// philosophy when asked or when the file changes.
public final class MetricsRequestHandler: RequestHandler {
    /// The longest a turn spends applying events before it answers waiting requests again
    /// (checked every ``eventsPerCheck`` events): a long replay or a burst never keeps a query,
    /// a `stats` request or a heartbeat waiting long, however slow the machine.
    public static let applyBudget: Duration = .milliseconds(50)
    /// How many events are applied between two looks at the clock.
    public static let eventsPerCheck = 500
    /// The most requests answered in one turn: a flood of queries (each may scan every
    /// measurement) never stops the plugin from applying events between turns.
    public static let requestsPerTurn = 32
    /// The least time between two publications of changed series: a change is published on the
    /// first turn at least this long after the previous publication began, and at least four
    /// times as long as that publication took after it ended (publishing never takes more than a
    /// fifth of the plugin's time). Only the series whose metric changed are computed again;
    /// every series is at least every ``SeriesPublisher/refreshInterval`` (10 s), for rolling
    /// windows and periods that end.
    public var publishInterval: Duration {
        get { publisher.minimumInterval }
        set { publisher.minimumInterval = newValue }
    }
    /// How long a turn may wait for a socket when nothing is due.
    public static let idleInterval: Duration = .milliseconds(250)
    /// How often the philosophy file is checked for a change.
    public var philosophyPollInterval: Duration = .seconds(2)
    /// How often a checkpoint is written while events keep coming (and once more at shutdown).
    public let checkpointInterval: Duration

    private let name: String
    private let logger: Logger
    private let clock: any MonotonicClock
    private let follower: EventFollower
    private let bus: BusPublisher
    private let control: ReloadRequests
    private var service: MetricsService
    private var reloader: PhilosophyReloader?
    /// Events received but not applied yet (a turn's budget ran out first).
    private var pending: ArraySlice<StoredEvent> = []
    private var publisher: SeriesPublisher
    private var nextPoll: MonotonicInstant
    private let checkpoint: MetricsCheckpoint?
    /// A checkpoint read at the start, until the store confirms it holds the same events.
    private var unconfirmed: MetricsCheckpoint.Header?
    private var checkpointStats = CheckpointStats()
    private var nextCheckpoint: MonotonicInstant
    /// The checkpoint being written in the background, and what came of it.
    private var writing: (thread: OwnerThread, outcome: CheckpointOutcome)?

    /// Connects to the buses and the store; `philosophyPath` (optional) is read at once. With a
    /// `checkpointDirectory`, the checkpoint there is read (and confirmed with the store on the
    /// first turn), one is written every `checkpointInterval` while events come, and a last one
    /// at shutdown.
    public init(
        context: ZMQContext, subscribeEndpoint: String, publishEndpoint: String, storeEndpoint: String, name: String,
        philosophyPath: String?, checkpointDirectory: String? = nil, checkpointInterval: Duration = .seconds(300), logger: Logger,
        clock: any MonotonicClock = SystemMonotonicClock()
    ) throws {
        self.name = name
        self.logger = logger
        self.clock = clock
        self.checkpoint = checkpointDirectory.map { MetricsCheckpoint(directory: $0) }
        self.checkpointInterval = checkpointInterval
        var philosophy = Philosophy()
        if let philosophyPath {
            var reloader = PhilosophyReloader(path: philosophyPath)
            switch reloader.reload() {
            case .loaded(let check):
                philosophy = reloader.current ?? philosophy
                logger.info("philosophy loaded: \(philosophyPath) (\(check.warnings.count) warnings)")
            case .refused(let check):
                for error in check.errors { logger.error("philosophy: \(error.description(file: philosophyPath))") }
                logger.error("philosophy refused: measuring with the default settings until the file is fixed")
            case .unchanged:
                break
            }
            self.reloader = reloader
        }
        service = MetricsService(philosophy: philosophy)
        if let checkpoint {
            let started = clock.now()
            do {
                if let (restored, header) = try checkpoint.read(philosophy: philosophy) {
                    service = restored
                    unconfirmed = header
                    checkpointStats.restoredSeq = header.lastSeq
                    checkpointStats.restoreSeconds = Self.seconds(clock.now() - started)
                    logger.info(
                        "checkpoint read: \(restored.engine.eventCount) events up to store sequence \(header.lastSeq) in \(Self.seconds(clock.now() - started)) s")
                }
            } catch {
                checkpointStats.refused = error.description
                logger.warning("\(error.description); measuring again from the first stored event")
            }
        }
        follower = try EventFollower(context: context, subscribeEndpoint: subscribeEndpoint, storeEndpoint: storeEndpoint, sender: name)
        bus = try BusPublisher(context: context, endpoint: publishEndpoint, sender: name)
        control = try ReloadRequests(context: context, subscribeEndpoint: subscribeEndpoint)
        let now = clock.now()
        publisher = SeriesPublisher(start: now)
        nextPoll = now + philosophyPollInterval
        nextCheckpoint = now + checkpointInterval
    }

    deinit {
        follower.close()
        bus.close()
        control.close()
    }

    public var extraSockets: [ZMQSocket] { [follower.socket, control.socket] }

    public var capacity: Int { Self.requestsPerTurn }

    public func handle(_ requests: [BusReplier.Request], replier: BusReplier) throws {
        for request in requests {
            do {
                try answer(request, replier)
            } catch let error as MetricsRequestError {
                try replier.fail(request, with: BusErrorBody(code: error.code, message: error.message))
            } catch let error as BusProtocolError {
                try replier.fail(request, with: .badRequest("the request body is not what `\(request.method)` takes: \(error.message)"))
            }
        }
    }

    private func answer(_ request: BusReplier.Request, _ replier: BusReplier) throws {
        switch MetricsMethod(rawValue: request.method) {
        case .query:
            let body = try request.message.decodeBody(MetricQueryRequest.self)
            try replier.reply(to: request, body: try service.answer(body, now: .now()))
        case .scorecard:
            try replier.reply(to: request, body: ScorecardReply(at: Timestamp.now().rfc3339, series: service.scorecard(now: .now()), lastSeq: service.lastSeq))
        case .conversations:
            let body = try request.message.decodeBody(MetricQueryRequest.self)
            try replier.reply(to: request, body: try service.rows(body, now: .now()))
        case .staffing:
            let body = try request.message.decodeBody(StaffingRequest.self)
            try replier.reply(to: request, body: try service.staffing(body))
        case .conversation:
            let body = try request.message.decodeBody(ConversationRequest.self)
            try replier.reply(to: request, body: service.conversation(body.conversation))
        case .stats:
            var stats = service.stats
            if checkpoint != nil { stats.checkpoint = checkpointStats }
            try replier.reply(to: request, body: stats)
        case nil:
            try replier.fail(request, with: .unknownMethod(request.method))
        }
    }

    public func turn(replier: BusReplier) throws -> Duration? {
        readControl()
        let now = clock.now()
        if reloader != nil, now >= nextPoll {
            nextPoll = now + philosophyPollInterval
            if let outcome = reloader?.poll() { handle(outcome) }
        }
        collectCheckpoint()
        if unconfirmed != nil, !confirmCheckpoint() { return publishInterval }
        if checkpoint != nil, writing == nil, now >= nextCheckpoint {
            nextCheckpoint = now + checkpointInterval
            if service.lastSeq != checkpointStats.writtenSeq ?? 0 { startCheckpoint() }
        }
        var applied = 0
        var budgetSpent = false
        do {
            let deadline = now + Self.applyBudget
            while true {
                if pending.isEmpty { pending = try follower.next(timeout: .zero)[...] }
                if pending.isEmpty { break }
                for event in pending.prefix(Self.eventsPerCheck) { service.apply(event) }
                applied += min(pending.count, Self.eventsPerCheck)
                pending = pending.dropFirst(Self.eventsPerCheck)
                if clock.now() >= deadline {
                    budgetSpent = true
                    break
                }
            }
        } catch {
            logger.warning("following the store: \(error)")
        }
        for figure in publisher.publication(of: service, now: .now(), clock: clock) {
            _ = try? bus.publish(topic: BusTopic.metrics + figure.metric, type: "metric", body: figure)
        }
        if budgetSpent { return .zero }
        // A change not yet published wakes the next turn in time for it.
        let due = publisher.delay(service, now: .now(), at: clock.now())
        return min(Self.idleInterval, due ?? Self.idleInterval)
    }

    // MARK: Checkpoint

    /// Whether the store holds, under the checkpoint's last sequence number, the event the
    /// checkpoint says: then the follower goes on after it. A store that does not (emptied,
    /// replaced, or behind) sends the plugin back to the first stored event; a store that does
    /// not answer is asked again next turn.
    private func confirmCheckpoint() -> Bool {
        guard let header = unconfirmed else { return true }
        let stored: StoredEvent?
        do {
            stored = try follower.storedEvent(at: header.lastSeq)
        } catch {
            logger.warning("confirming the checkpoint with the store: \(error)")
            return false
        }
        unconfirmed = nil
        if let stored, stored.id == header.lastEventID {
            follower.restart(after: header.lastSeq)
            return true
        }
        let found = stored.map { "event `\($0.id)`" } ?? "no event"
        let reason = "the store holds \(found) at sequence \(header.lastSeq), the checkpoint `\(header.lastEventID)`: another store"
        logger.warning("checkpoint not used: \(reason); measuring again from the first stored event")
        checkpointStats.refused = reason
        checkpointStats.restoredSeq = nil
        rebuild(with: service.philosophy)
        return true
    }

    /// Writes a checkpoint of the service as it is now on a thread of its own: the copy shares
    /// the engine's memory, and only the parts changed while it is written are copied.
    private func startCheckpoint() {
        guard let checkpoint else { return }
        let snapshot = service
        let outcome = CheckpointOutcome()
        let clock = clock
        do {
            let (thread, _) = try OwnerThread.start(name: "metrics-checkpoint") { (starter: OwnerThread.Starter<Bool>) in
                starter.ready(true)
                let started = clock.now()
                do throws(CheckpointError) {
                    let bytes = try checkpoint.write(snapshot)
                    outcome.record(.success((snapshot.lastSeq, bytes, clock.now() - started)))
                } catch {
                    outcome.record(.failure(error))
                }
            }
            writing = (thread, outcome)
        } catch {
            logger.warning("cannot start writing a checkpoint: \(error)")
        }
    }

    /// Takes in what the checkpoint being written came to, once it is done.
    private func collectCheckpoint(wait: Bool = false) {
        guard let (thread, outcome) = writing else { return }
        if wait { thread.join() }
        guard thread.isFinished, let result = outcome.result else { return }
        writing = nil
        switch result {
        case .success(let (seq, bytes, duration)):
            checkpointStats.writtenSeq = seq
            checkpointStats.writtenBytes = bytes
            checkpointStats.writeSeconds = Self.seconds(duration)
            checkpointStats.writeError = nil
            logger.info("checkpoint written: store sequence \(seq), \(bytes) bytes in \(Self.seconds(duration)) s")
        case .failure(let error):
            checkpointStats.writeError = error.description
            logger.error("\(error.description)")
        }
    }

    /// At a graceful stop: the checkpoint being written is waited for, then the state reached
    /// since is written too (the next start replays nothing).
    public func shutdown() throws {
        guard checkpoint != nil else { return }
        collectCheckpoint(wait: true)
        guard unconfirmed == nil, service.lastSeq != checkpointStats.writtenSeq ?? 0 else { return }
        startCheckpoint()
        collectCheckpoint(wait: true)
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return ((Double(seconds) + Double(attoseconds) / 1e18) * 1000).rounded() / 1000
    }

    /// Reads at most ``ReloadRequests/messagesPerCall`` waiting control messages and re-reads the
    /// philosophy once if any asked for it: a flood of reload requests costs one re-read a turn.
    private func readControl() {
        guard control.requested(), var reloader else { return }
        let outcome = reloader.reload()
        self.reloader = reloader
        handle(outcome)
    }

    private func handle(_ outcome: PhilosophyReloader.Outcome) {
        guard let reloader else { return }
        let body = outcome.statusBody(plugin: name, path: reloader.path, inForce: reloader.digest)
        switch outcome {
        case .loaded:
            logger.info("philosophy reloaded: measuring again from the first stored event")
            rebuild(with: reloader.current ?? Philosophy())
        case .refused(let check):
            for error in check.errors { logger.error("philosophy refused: \(error.description(file: reloader.path))") }
        case .unchanged:
            break
        }
        _ = try? bus.publish(
            topic: BusTopic.philosophyStatus(name, body.outcome.rawValue), type: BusMessageType.philosophyStatus, body: body)
    }

    /// A new philosophy may change how every conversation is measured: start again from the store.
    private func rebuild(with philosophy: Philosophy) {
        service = MetricsService(philosophy: philosophy)
        pending = []
        let interval = publisher.minimumInterval
        publisher = SeriesPublisher(start: clock.now(), minimumInterval: interval)
        follower.restart(after: 0)
    }
}

/// What came of writing a checkpoint on its thread: the sequence number, the size and the time
/// it took, or the error.
final class CheckpointOutcome: Sendable {
    private let value = Mutex<Result<(seq: Int64, bytes: Int64, duration: Duration), CheckpointError>?>(nil)

    /// Records the outcome.
    func record(_ result: Result<(seq: Int64, bytes: Int64, duration: Duration), CheckpointError>) {
        value.withLock { $0 = result }
    }

    /// The outcome, once recorded.
    var result: Result<(seq: Int64, bytes: Int64, duration: Duration), CheckpointError>? {
        value.withLock { $0 }
    }
}
