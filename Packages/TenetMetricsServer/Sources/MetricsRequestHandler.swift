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
/// queries, publishes the standing series that changed (at most every ``publishInterval``),
/// and re-reads the philosophy when asked or when the file changes.
public final class MetricsRequestHandler: RequestHandler {
    /// The longest a turn spends applying events before it answers waiting requests again.
    public static let eventsPerTurn = 20_000
    /// The most control messages (`sys.philosophy.reload`) read in one turn.
    public static let controlMessagesPerTurn = 64
    /// The most requests answered in one turn: a flood of queries (each may scan every
    /// measurement) never stops the plugin from applying events between turns.
    public static let requestsPerTurn = 32
    /// How often changed series are published at most.
    public var publishInterval: Duration = .milliseconds(250)
    /// How often the philosophy file is checked for a change.
    public var philosophyPollInterval: Duration = .seconds(2)

    private let name: String
    private let logger: Logger
    private let clock: any MonotonicClock
    private let follower: EventFollower
    private let publisher: BusPublisher
    private let control: ZMQSocket
    private var service: MetricsService
    private var reloader: PhilosophyReloader?
    private var published: [String: SeriesFigure] = [:]
    private var publishedSeq: Int64 = -1
    private var nextPublish: MonotonicInstant
    private var nextPoll: MonotonicInstant
    private var nextRefresh: MonotonicInstant

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
        publisher = try BusPublisher(context: context, endpoint: publishEndpoint, sender: name)
        control = try ZMQSocket(context: context, type: .sub)
        try control.set(.subscribe(BusTopic.philosophyReload))
        try control.connect(subscribeEndpoint)
        let now = clock.now()
        nextPublish = now
        nextPoll = now + philosophyPollInterval
        nextRefresh = now
    }

    deinit {
        follower.close()
        publisher.close()
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
        if applied > 0 || now >= nextRefresh, now >= nextPublish {
            let started = clock.now()
            publishChanges()
            // Computing the scorecard scans every standing series: never let it take more than
            // a fifth of the time, however large the history (a burst is coalesced longer).
            let spent = clock.now() - started
            nextPublish = now + max(publishInterval, spent * 4)
            // Periods and rolling windows move with time even without events.
            if now >= nextRefresh { nextRefresh = now + .seconds(10) }
        }
        return applied >= Self.eventsPerTurn ? .zero : publishInterval
    }

    /// Publishes each standing figure that differs from what was last published.
    private func publishChanges() {
        let figures = service.scorecard(now: .now())
        for figure in figures {
            let key = figure.series + "|" + figure.figure.dimensions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value ?? "")" }.joined(separator: ",")
            var comparable = figure
            comparable.lastSeq = 0
            if var previous = published[key] {
                previous.lastSeq = 0
                if previous == comparable { continue }
            }
            published[key] = figure
            _ = try? publisher.publish(topic: BusTopic.metrics + figure.metric, type: "metric", body: figure)
        }
        publishedSeq = service.lastSeq
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
        _ = try? publisher.publish(
            topic: BusTopic.philosophyStatus(name, body.outcome.rawValue), type: BusMessageType.philosophyStatus, body: body)
    }

    /// A new philosophy may change how every conversation is measured: start again from the store.
    private func rebuild(with philosophy: Philosophy) {
        service = MetricsService(philosophy: philosophy)
        published.removeAll()
        follower.restart(after: 0)
    }
}
