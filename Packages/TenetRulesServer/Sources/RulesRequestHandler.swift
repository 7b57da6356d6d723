import Logging
import TenetBus
import TenetClock
import TenetControl
import TenetIngestClient
import TenetMetricsProtocol
import TenetModels
import TenetNotify
import TenetPhilosophy
import TenetPlugin
import TenetRules
import TenetRulesProtocol
import TenetSLA
import TenetStoreClient
import TenetStoreProtocol

#if canImport(Glibc)
import Glibc
#endif

/// The rules plugin's request handler: follows the stored events into the SLA clocks, the
/// metrics plugin's figures into the targets and alert rules, keeps time (warnings, breaches,
/// `for`, `keep_firing_for`, escalation steps) on the clocks rather than on the next event,
/// publishes every change on the bus, hands notifications to the ``NotifierWorker``, and
/// answers `alerts`, `sla`, `silences`, `silence`, `expire` and `stats`.
///
/// What it decided survives a crash: ``RulesState`` is written (atomically, synced) before
/// anything it decided is published or sent, the SLA clocks are saved every
/// ``RulesSettings/checkpointInterval`` and at a graceful stop, and the delivery journal
/// records every try. A restart publishes the transitions not yet published, hands the outbox
/// to the notifiers again (the journal drops what was already delivered) and replays the
/// events stored after the clocks' checkpoint.
public final class RulesRequestHandler: RequestHandler {
    /// The longest a turn spends applying events before it answers waiting requests again.
    public static let applyBudget: Duration = .milliseconds(50)
    /// How many events are applied between two looks at the clock.
    public static let eventsPerCheck = 500
    /// The most `metric.` messages read in one turn.
    public static let figuresPerTurn = 1024
    /// The most requests answered in one turn.
    public static let requestsPerTurn = 32
    /// How long a turn may wait when nothing is due.
    public static let idleInterval: Duration = .milliseconds(250)
    /// How long the metrics plugin has to answer one evaluation's queries.
    public static let evaluationTimeout: Duration = .seconds(5)

    private let name: String
    private let logger: Logger
    private let clock: any MonotonicClock
    private let wall: @Sendable () -> Timestamp
    private let settings: RulesSettings
    private let follower: EventFollower
    private let bus: BusPublisher
    private let control: ReloadRequests
    private let figures: ZMQSocket
    private let metrics: BusRequestClient
    /// Stores SLA outcomes through ingest (`nil` with `TENET_RULES_INGEST=off`).
    private let outcomes: IngestSender?
    /// Outcome lines not yet submitted.
    private var outcomeQueue: [String] = []
    private var outcomeLine = 1
    /// The most outcome lines waiting: beyond it, events are not applied until ingest takes them.
    public static let outcomeQueueLimit = 50_000
    /// Outcome lines per batch sent to ingest.
    public static let outcomeBatch = 500
    private let worker: NotifierWorker
    private var service: RulesService
    private var reloader: PhilosophyReloader?
    private var timekeeper: SLATimekeeper
    private var pending: ArraySlice<StoredEvent> = []
    private var live = false
    private let directory: String?
    private let dataDirectory: String
    private var nextPoll: MonotonicInstant
    private var nextEvaluation: MonotonicInstant
    private var nextCheckpoint: MonotonicInstant
    private var checkpointedSeq: Int64 = 0
    /// Metric queries in flight, by request id: the rule, or `nil` for the scorecard.
    private var inFlight: [String: String?] = [:]
    /// A clocks checkpoint read at the start, until the store confirms it.
    private var unconfirmed: (seq: Int64, id: String)?
    /// Whether ``RulesState`` must be written before the next publication.
    private var stateDirty = false
    /// Whether the transitions left unpublished by the last run were published.
    private var republished = false
    /// Dead letters per notifier since the start (for a log that does not flood).
    private var deadLetters: [String: Int] = [:]
    /// How often the philosophy file is checked for a change.
    public var philosophyPollInterval: Duration = .seconds(2)

    /// Connects to the buses, the store and the metrics plugin; reads the philosophy and the
    /// saved state from `directory` (`DATA/<plugin name>`; `nil` keeps nothing across restarts).
    public init(
        context: ZMQContext, subscribeEndpoint: String, publishEndpoint: String, storeEndpoint: String, metricsEndpoint: String,
        ingestEndpoint: String? = nil, name: String, philosophyPath: String?, directory: String?, settings: RulesSettings, logger: Logger,
        clock: any MonotonicClock = SystemMonotonicClock(), wall: @escaping @Sendable () -> Timestamp = { Timestamp.now() }
    ) throws {
        self.name = name
        self.logger = logger
        self.clock = clock
        self.wall = wall
        self.settings = settings
        self.directory = directory
        var philosophy = Philosophy()
        var philosophyDirectory = "."
        if let philosophyPath {
            var reloader = PhilosophyReloader(path: philosophyPath)
            switch reloader.reload() {
            case .loaded(let check):
                philosophy = reloader.current ?? philosophy
                logger.info("philosophy loaded: \(philosophyPath) (\(check.warnings.count) warnings)")
            case .refused(let check):
                for error in check.errors { logger.error("philosophy: \(error.description(file: philosophyPath))") }
                logger.error("philosophy refused: no rules, SLA policies or notifiers until the file is fixed")
            case .unchanged:
                break
            }
            self.reloader = reloader
            if let slash = philosophyPath.lastIndex(of: "/") { philosophyDirectory = String(philosophyPath[..<slash]) }
        }
        self.philosophyDirectory = philosophyDirectory
        dataDirectory = directory ?? "."
        var service = try RulesService(philosophy: philosophy)
        service.notifyWindow = settings.notifyWindow
        var journal = DeliveryJournal()
        if let directory {
            try Self.makeDirectory(directory)
            journal = try DeliveryJournal(path: directory + "/deliveries.jsonl")
            if let state = try RulesStateFile(directory: directory).read() {
                try service.restore(state)
                logger.info(
                    "state read: \(service.engine.active.count) alerts pending or firing, \(service.outbox.count) notifications to deliver")
            }
            do {
                if let (book, seq, id) = try SLACheckpoint(directory: directory).read(philosophy: philosophy) {
                    service.restore(book: book, lastSeq: seq, lastEventID: id)
                    unconfirmed = (seq, id)
                    checkpointedSeq = seq
                    logger.info("SLA clocks read: \(book.conversationCount) conversations up to store sequence \(seq)")
                }
            } catch {
                logger.warning("\(error); following the SLA clocks again from the first stored event")
            }
        }
        self.service = service
        worker = NotifierWorker(delivery: NotificationDelivery(journal: journal))
        timekeeper = SLATimekeeper(liveLag: settings.liveLag, quietAfter: settings.quietAfter)
        follower = try EventFollower(
            context: context, subscribeEndpoint: subscribeEndpoint, storeEndpoint: storeEndpoint, sender: name,
            after: unconfirmed == nil ? 0 : service.lastSeq)
        bus = try BusPublisher(context: context, endpoint: publishEndpoint, sender: name)
        control = try ReloadRequests(context: context, subscribeEndpoint: subscribeEndpoint)
        figures = try ZMQSocket(context: context, type: .sub)
        try figures.set(.receiveHighWaterMark(10_000))
        try figures.set(.subscribe(BusTopic.metrics))
        try figures.connect(subscribeEndpoint)
        metrics = try BusRequestClient(context: context, endpoint: metricsEndpoint, sender: name)
        outcomes = try ingestEndpoint.map {
            try IngestSender(
                context: context, endpoint: $0, source: "rules-sla-outcomes", sender: name,
                configuration: IngestSender.Configuration(window: 4, timeout: .seconds(30), retryFor: .seconds(3600), keptErrors: 100))
        }
        let now = clock.now()
        nextPoll = now + philosophyPollInterval
        nextEvaluation = now
        nextCheckpoint = now + (settings.checkpointInterval ?? .seconds(3600))
        configureNotifiers()
        // The outbox is handed to the notifiers again (the journal drops what was already
        // delivered); transitions decided before a crash and not published yet go out on the
        // first turn, once the publisher is connected.
        for entry in self.service.outbox { worker.enqueue(entry, silences: self.service.silences) }
    }

    private let philosophyDirectory: String

    deinit {
        worker.stop()
        follower.close()
        bus.close()
        control.close()
        figures.close()
        metrics.close()
    }

    public var extraSockets: [ZMQSocket] { [follower.socket, control.socket, figures, metrics.socket] + (outcomes.map { [$0.socket] } ?? []) }

    public var capacity: Int { Self.requestsPerTurn }

    // MARK: Requests

    public func handle(_ requests: [BusReplier.Request], replier: BusReplier) throws {
        for request in requests {
            do {
                try answer(request, replier)
            } catch let error as RulesRequestError {
                try replier.fail(request, with: .badRequest(error.message))
            } catch let error as BusProtocolError {
                try replier.fail(request, with: .badRequest("the request body is not what `\(request.method)` takes: \(error.message)"))
            }
        }
    }

    private func answer(_ request: BusReplier.Request, _ replier: BusReplier) throws {
        let now = wall()
        switch RulesMethod(rawValue: request.method) {
        case .alerts:
            let body = try request.message.decodeBody(AlertsRequest.self)
            try replier.reply(to: request, body: try service.alerts(body, now: now))
        case .sla:
            let body = try request.message.decodeBody(SLARequest.self)
            try replier.reply(to: request, body: try service.sla(body, slaTime: slaTime(now), live: live))
        case .silences:
            let body = try request.message.decodeBody(SilencesRequest.self)
            try replier.reply(to: request, body: service.silenceList(body, now: now))
        case .silence:
            let body = try request.message.decodeBody(SilenceRequest.self)
            let silence = try service.silence(from: body, id: Self.newID(), now: now)
            service.add(silence)
            saveState()
            logger.info("silence \(silence.id) added by \(silence.createdBy.isEmpty ? "?" : silence.createdBy) until \(silence.endsAt.rfc3339)")
            try replier.reply(to: request, body: RulesService.body(of: silence, now: now))
        case .expire:
            let body = try request.message.decodeBody(ExpireRequest.self)
            guard service.expire(body.id, at: now) else { throw RulesRequestError("no silence has the id `\(body.id)`") }
            saveState()
            let silence = service.silences.silences.first { $0.id == body.id }
            try replier.reply(to: request, body: silence.map { RulesService.body(of: $0, now: now) })
        case .stats:
            try replier.reply(to: request, body: service.currentStats(slaTime: slaTime(now), live: live))
        case nil:
            try replier.fail(request, with: .unknownMethod(request.method))
        }
    }

    /// The instant the SLA clocks are read at: the wall clock while live, else as far as the
    /// events have brought them.
    private func slaTime(_ now: Timestamp) -> Timestamp {
        live ? now : (timekeeper.frontier ?? service.book.horizon ?? now)
    }

    // MARK: Turns

    public func turn(replier: BusReplier) throws -> Duration? {
        if !republished {
            republished = true
            let unpublished = service.unpublished
            for body in unpublished {
                _ = try? bus.publish(topic: "alert.\(body.rule).\(body.to)", type: "alert", body: body)
            }
            service.acknowledge(unpublished.map(\.id))
            if !unpublished.isEmpty { stateDirty = true }
        }
        readControl()
        let monotonic = clock.now()
        if reloader != nil, monotonic >= nextPoll {
            nextPoll = monotonic + philosophyPollInterval
            if let outcome = reloader?.poll() { handle(outcome) }
        }
        for (key, outcome) in worker.completions() {
            service.delivered(key: key, status: outcome.status.rawValue)
            stateDirty = true
            if outcome.status == .deadLetter {
                // The first dead letter of a notifier, then every doubling: a notifier that is
                // down or misconfigured never floods the log (the journal keeps every one).
                let count = deadLetters[outcome.notifier, default: 0] + 1
                deadLetters[outcome.notifier] = count
                if count & (count - 1) == 0 {
                    logger.error(
                        "notifier \(outcome.notifier): dead letter #\(count), \(outcome.notificationID) after \(outcome.attempts) tries: \(outcome.lastError?.message ?? "?") (every one is in \(dataDirectory)/deliveries.jsonl)"
                    )
                }
            }
        }
        if unconfirmed != nil, !confirmCheckpoint() { return Self.idleInterval }

        var output = RulesOutput()
        let applied = applyEvents(into: &output)
        let budgetSpent = applied == .budgetSpent
        readFigures(into: &output)
        evaluateMetricRules(monotonic: monotonic, into: &output)

        let now = wall()
        // Live only after a look at the store found nothing more: a store that does not answer
        // never lets the wall clock breach clocks whose answers may be waiting there.
        live = timekeeper.isLive(wall: now, now: clock.now(), caughtUp: applied == .caughtUp)
        if live { output.append(service.advanceClocks(to: now, now: now)) }
        output.append(service.evaluate(now: now))
        emit(output)
        sendOutcomes()
        if stateDirty { saveState() }
        checkpointIfDue()

        if budgetSpent { return .zero }
        var wait = Self.idleInterval
        let after = wall()
        var deadlines = [service.nextDeadline(after: after)]
        if live { deadlines.append(service.book.nextDueInstant) }
        for deadline in deadlines.compactMap({ $0 }) {
            let delay = Duration.nanoseconds(max(deadline.nanosecondsSinceEpoch - after.nanosecondsSinceEpoch, 0))
            wait = min(wait, delay)
        }
        return min(wait, max(nextEvaluation - clock.now(), .zero))
    }

    /// How a turn's application of stored events ended.
    enum Applied {
        /// The store had nothing more.
        case caughtUp
        /// The time budget ran out with events left.
        case budgetSpent
        /// The store could not be read.
        case failed
    }

    /// Applies stored events for at most ``applyBudget``.
    private func applyEvents(into output: inout RulesOutput) -> Applied {
        let started = clock.now()
        do {
            while true {
                // Ingest is behind with the SLA outcomes: apply nothing more until it takes them.
                if outcomeQueue.count >= Self.outcomeQueueLimit { return .budgetSpent }
                if pending.isEmpty { pending = try follower.next(timeout: .zero)[...] }
                if pending.isEmpty { return .caughtUp }
                let now = wall()
                for event in pending.prefix(Self.eventsPerCheck) {
                    output.append(service.apply(seq: event.seq, id: event.id, json: event.json, now: now))
                    if let at = service.lastEventAt { timekeeper.noteEvent(at: at, now: clock.now()) }
                }
                pending = pending.dropFirst(Self.eventsPerCheck)
                // Publish as we go: a long replay never holds every emission in memory.
                if output.publications.count > 10_000 {
                    emit(output)
                    output = RulesOutput()
                }
                if clock.now() - started >= Self.applyBudget { return .budgetSpent }
            }
        } catch {
            logger.warning("following the store: \(error)")
            return .failed
        }
    }

    /// Reads the `metric.` figures waiting (at most ``figuresPerTurn``).
    private func readFigures(into output: inout RulesOutput) {
        let now = wall()
        for _ in 0..<Self.figuresPerTurn {
            guard let frames = try? figures.receiveMultipart(dontWait: true) else { break }
            guard let message = try? BusMessage(frames: frames), let figure = try? message.decodeBody(SeriesFigure.self) else { continue }
            output.append(service.observe(figure, now: now))
        }
    }

    /// Every ``RulesSettings/evaluationInterval``: asks the metrics plugin for each metric
    /// rule's figures and for the scorecard (targets), then takes the answers as they come.
    private func evaluateMetricRules(monotonic: MonotonicInstant, into output: inout RulesOutput) {
        if inFlight.isEmpty, monotonic >= nextEvaluation {
            nextEvaluation = monotonic + settings.evaluationInterval
            do {
                for (rule, query) in service.metricQueries {
                    let id = try metrics.send("query", rawBody: BusMessage.encodeJSON(query), timeout: Self.evaluationTimeout)
                    inFlight[id] = .some(rule)
                }
                let id = try metrics.send("scorecard", rawBody: Array("{}".utf8), timeout: Self.evaluationTimeout)
                inFlight[id] = .some(nil)
            } catch {
                logger.warning("asking the metrics plugin: \(error)")
            }
        }
        guard !inFlight.isEmpty, let completions = try? metrics.collect() else { return }
        let now = wall()
        for completion in completions {
            guard let asked = inFlight.removeValue(forKey: completion.id) else { continue }
            switch completion.result {
            case .success(let message):
                if let rule = asked {
                    if let reply = try? message.decodeBody(MetricQueryReply.self) {
                        output.append(service.observe(rule: rule, reply: reply, now: now))
                    } else {
                        service.noteEvaluationError()
                    }
                } else if let card = try? message.decodeBody(ScorecardReply.self) {
                    for figure in card.series { output.append(service.observe(figure, now: now)) }
                }
            case .failure(let error):
                if asked != nil { service.noteEvaluationError() }
                logger.debug("metrics plugin: \(error)")
            }
        }
    }

    /// Saves the state if it changed, then publishes, acknowledges and hands notifications over.
    private func emit(_ output: RulesOutput) {
        guard !output.isEmpty else { return }
        if output.stateChanged { saveState() }
        for publication in output.publications {
            switch publication.body {
            case .transition(let body): _ = try? bus.publish(topic: publication.topic, type: publication.type, body: body)
            case .target(let body): _ = try? bus.publish(topic: publication.topic, type: publication.type, body: body)
            case .sla(let body): _ = try? bus.publish(topic: publication.topic, type: publication.type, body: body)
            }
        }
        if !output.transitionIDs.isEmpty {
            service.acknowledge(output.transitionIDs)
            stateDirty = true
        }
        for delivery in output.deliveries { worker.enqueue(OutboxEntry(delivery), silences: service.silences) }
        if outcomes != nil { outcomeQueue += output.outcomeLines }
    }

    /// Sends queued SLA outcomes to ingest while its window has room, and takes its
    /// acknowledgements. A refusal is logged (the line is then lost to `sla_attainment`, and
    /// counted in ingest's report), never retried forever.
    private func sendOutcomes() {
        guard let outcomes else { return }
        do {
            _ = try outcomes.poll(timeout: .zero)
            while outcomes.hasRoom, !outcomeQueue.isEmpty {
                let lines = Array(outcomeQueue.prefix(Self.outcomeBatch))
                outcomeQueue.removeFirst(lines.count)
                try outcomes.submit(LineBatch(firstLine: outcomeLine, lines: lines))
                outcomeLine += lines.count
            }
        } catch {
            logger.error("storing SLA outcomes through ingest: \(error)")
        }
    }

    /// Whether every SLA outcome decided so far is stored (a checkpoint of the clocks may only
    /// be written then: a restart re-decides only what comes after it).
    private var outcomesSettled: Bool {
        outcomeQueue.isEmpty && (outcomes?.outstanding ?? 0) == 0
    }

    // MARK: State

    private func saveState() {
        stateDirty = false
        guard let directory else { return }
        do {
            try RulesStateFile(directory: directory).write(service.state)
            service.noteStateWrite(error: nil)
        } catch {
            service.noteStateWrite(error: "\(error)")
            logger.error("writing the rules state: \(error)")
        }
    }

    private func checkpointIfDue(force: Bool = false) {
        guard let directory, let interval = settings.checkpointInterval, unconfirmed == nil, outcomesSettled else { return }
        let now = clock.now()
        guard force || now >= nextCheckpoint else { return }
        nextCheckpoint = now + interval
        guard service.lastSeq != checkpointedSeq else { return }
        do {
            try SLACheckpoint(directory: directory).write(service.book, lastSeq: service.lastSeq, lastEventID: service.lastEventID)
            checkpointedSeq = service.lastSeq
        } catch {
            logger.error("writing the SLA clocks: \(error)")
        }
    }

    /// Whether the store holds the event the clocks' checkpoint ends with; if not, the clocks
    /// start again from the first stored event.
    private func confirmCheckpoint() -> Bool {
        guard let (seq, id) = unconfirmed else { return true }
        let stored: StoredEvent?
        do {
            stored = try follower.storedEvent(at: seq)
        } catch {
            logger.warning("confirming the SLA clocks' checkpoint with the store: \(error)")
            return false
        }
        unconfirmed = nil
        if stored?.id == id { return true }
        logger.warning("SLA clocks' checkpoint not used: the store holds another event at sequence \(seq); following again from the first")
        try? service.resetClocks()
        checkpointedSeq = 0
        pending = []
        follower.restart(after: 0)
        return true
    }

    /// At a graceful stop: the state and the clocks are saved, the notifier queues stopped.
    public func shutdown() throws {
        saveState()
        // The outcomes still to store go first (ingest stops after this plugin in the stop
        // order); a checkpoint follows only if they all got there.
        // At most 2 s of the stop grace: what is not stored then is decided again after the
        // restart (the clocks' checkpoint is only written when every outcome is stored).
        let deadline = clock.now() + .seconds(2)
        while !outcomesSettled, clock.now() < deadline {
            sendOutcomes()
            _ = try? outcomes?.poll(timeout: .milliseconds(50))
        }
        checkpointIfDue(force: true)
        worker.stop()
    }

    // MARK: Philosophy

    private func configureNotifiers() {
        var senders: [String: any NotificationSender] = [:]
        for notifier in service.philosophy.notifiers {
            do {
                senders[notifier.name] = try NotifierFactory.sender(
                    for: notifier, dataDirectory: dataDirectory, philosophyDirectory: philosophyDirectory)
            } catch {
                logger.error("\(error.message); its notifications become dead letters until fixed")
                senders[notifier.name] = MissingSender(name: notifier.name, reason: error.message)
            }
        }
        worker.configure(senders: senders)
    }

    private func readControl() {
        guard control.requested(), var reloader else { return }
        let outcome = reloader.reload()
        self.reloader = reloader
        handle(outcome)
    }

    private func handle(_ outcome: PhilosophyReloader.Outcome) {
        guard let reloader else { return }
        var body = outcome.statusBody(plugin: name, path: reloader.path, inForce: reloader.digest)
        switch outcome {
        case .loaded:
            do {
                let (output, rebuild) = try service.reload(reloader.current ?? Philosophy(), now: wall())
                configureNotifiers()
                emit(output)
                saveState()
                if rebuild {
                    pending = []
                    checkpointedSeq = 0
                    follower.restart(after: 0)
                    logger.info("philosophy reloaded: SLA settings changed, following the clocks again from the first stored event")
                } else {
                    logger.info("philosophy reloaded")
                }
            } catch {
                logger.error("philosophy refused: \(error)")
                body = outcome.statusBody(plugin: name, path: reloader.path, inForce: reloader.digest)
            }
        case .refused(let check):
            for error in check.errors { logger.error("philosophy refused: \(error.description(file: reloader.path))") }
        case .unchanged:
            break
        }
        _ = try? bus.publish(
            topic: BusTopic.philosophyStatus(name, body.outcome.rawValue), type: BusMessageType.philosophyStatus, body: body)
    }

    // MARK: Helpers

    private static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o700) != 0, errno != EEXIST {
            throw RulesRequestError("cannot create `\(path)`: \(String(cString: strerror(errno)))")
        }
    }

    private static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let hex = String(value, radix: 16)
        return "sil-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
