import Logging
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
    /// The longest a turn spends applying events before it answers waiting requests again.
    public static let eventsPerTurn = 20_000
    /// The most control messages (`sys.philosophy.reload`) read in one turn.
    public static let controlMessagesPerTurn = 64
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

    private let name: String
    private let logger: Logger
    private let clock: any MonotonicClock
    private let follower: EventFollower
    private let bus: BusPublisher
    private let control: ZMQSocket
    private var service: MetricsService
    private var reloader: PhilosophyReloader?
    private var publisher: SeriesPublisher
    private var nextPoll: MonotonicInstant

    /// Connects to the buses and the store; `philosophyPath` (optional) is read at once.
    public init(
        context: ZMQContext, subscribeEndpoint: String, publishEndpoint: String, storeEndpoint: String, name: String,
        philosophyPath: String?, logger: Logger, clock: any MonotonicClock = SystemMonotonicClock()
    ) throws {
        self.name = name
        self.logger = logger
        self.clock = clock
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
        follower = try EventFollower(context: context, subscribeEndpoint: subscribeEndpoint, storeEndpoint: storeEndpoint, sender: name)
        bus = try BusPublisher(context: context, endpoint: publishEndpoint, sender: name)
        control = try ZMQSocket(context: context, type: .sub)
        try control.set(.subscribe(BusTopic.philosophyReload))
        try control.connect(subscribeEndpoint)
        let now = clock.now()
        publisher = SeriesPublisher(start: now)
        nextPoll = now + philosophyPollInterval
    }

    deinit {
        follower.close()
        bus.close()
        control.close()
    }

    public var extraSockets: [ZMQSocket] { [follower.socket, control] }

    public var capacity: Int { Self.requestsPerTurn }

    public func handle(_ requests: [BusReplier.Request], replier: BusReplier) throws {
        for request in requests {
            do {
                try answer(request, replier)
            } catch let error as MetricsRequestError {
                try replier.fail(request, with: .badRequest(error.message))
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
            try replier.reply(to: request, body: service.stats)
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
        var applied = 0
        do {
            while applied < Self.eventsPerTurn {
                let events = try follower.next(timeout: .zero)
                if events.isEmpty { break }
                for event in events { service.apply(event) }
                applied += events.count
            }
        } catch {
            logger.warning("following the store: \(error)")
        }
        for figure in publisher.publication(of: service, now: .now(), clock: clock) {
            _ = try? bus.publish(topic: BusTopic.metrics + figure.metric, type: "metric", body: figure)
        }
        if applied >= Self.eventsPerTurn { return .zero }
        // A change not yet published wakes the next turn in time for it.
        let pending = publisher.delay(service, now: .now(), at: clock.now())
        return min(Self.idleInterval, pending ?? Self.idleInterval)
    }

    /// Reads at most ``controlMessagesPerTurn`` waiting control messages and re-reads the
    /// philosophy once if any asked for it: a flood of reload requests costs one re-read a turn.
    private func readControl() {
        var requested = false
        for _ in 0..<Self.controlMessagesPerTurn {
            guard let frames = try? control.receiveMultipart(dontWait: true) else { break }
            if let message = try? BusMessage(frames: frames), message.topic == BusTopic.philosophyReload { requested = true }
        }
        guard requested, var reloader else { return }
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
        let interval = publisher.minimumInterval
        publisher = SeriesPublisher(start: clock.now(), minimumInterval: interval)
        follower.restart(after: 0)
    }
}
