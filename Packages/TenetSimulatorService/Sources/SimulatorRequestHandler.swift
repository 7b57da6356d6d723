import Logging
import TenetBus
import TenetIngestClient
import TenetModels
import TenetPlugin

/// The simulator plugin's work: between requests it runs the live simulation, sends its events
/// to ingest and saves its state; it answers `stats` with ``SimulatorStats``.
///
/// A turn delivers at most a few thousand lines, so `stats` is answered promptly even while a
/// long history is caught up; when ingest is slow the window of batches in flight fills and
/// the simulation waits for it. The state is saved at most every ``saveInterval`` and at a
/// graceful stop, after waiting briefly for the last acknowledgements.
public final class SimulatorRequestHandler: RequestHandler {
    /// How often the state file is written at most while running.
    public static let saveInterval: Int64 = 2_000_000_000
    /// How far behind the wall clock the simulation may be and still count as live.
    public static let liveTolerance: Duration = .seconds(1)

    private var live: LiveSimulation
    private let sink: IngestLineSink
    private let statePath: String?
    private let logger: Logger
    private let now: @Sendable () -> Timestamp
    private var savedAt = Timestamp(nanosecondsSinceEpoch: 0)
    private var savedState: SimulatorState?
    private var wasLive = false
    private var loggedRejections = 0

    /// Runs `live`, sending through `sender`, saving its state to `statePath` (`nil`: never).
    public init(
        live: LiveSimulation, sender: IngestSender, statePath: String?, logger: Logger,
        now: @escaping @Sendable () -> Timestamp = { .now() }
    ) {
        self.live = live
        sink = IngestLineSink(sender: sender)
        self.statePath = statePath
        self.logger = logger
        self.now = now
    }

    public var extraSockets: [ZMQSocket] { [sink.sender.socket] }

    public func handle(_ requests: [BusReplier.Request], replier: BusReplier) throws {
        for request in requests {
            switch request.method {
            case "stats": try replier.reply(to: request, body: stats())
            default: try replier.fail(request, with: .unknownMethod(request.method))
            }
        }
    }

    public func turn(replier: BusReplier) throws -> Duration? {
        let wall = now()
        try live.advance(wall: wall, into: sink)
        reportRejections()
        if !wasLive && live.pace.isLive(at: wall) && live.isCaughtUp(wall: wall, tolerance: Self.liveTolerance) {
            wasLive = true
            logger.info("caught up with the wall clock at \(live.simulator.now.rfc3339): running in real time")
        }
        if wall.nanosecondsSinceEpoch - savedAt.nanosecondsSinceEpoch >= Self.saveInterval {
            try save(at: wall)
        }
        // Behind the pace with room to send: go on at once. Otherwise the socket wakes the
        // loop for acknowledgements, and 50 ms is fine grain for real time.
        return !live.isCaughtUp(wall: now(), tolerance: .milliseconds(50)) && sink.hasRoom ? .zero : .milliseconds(50)
    }

    public func shutdown() throws {
        let deadline = now().nanosecondsSinceEpoch + 2_000_000_000
        while live.outstandingBatches > 0 && now().nanosecondsSinceEpoch < deadline {
            live.acknowledge(try sink.sender.poll(timeout: .milliseconds(50)).map(\.batch))
        }
        try save(at: now())
        logger.info("stopped at \(live.state.reached.rfc3339) (segment \(live.state.idPrefix), \(live.state.lines) lines acknowledged)")
    }

    /// What `stats` answers now.
    public func stats() -> SimulatorStats {
        let wall = now()
        let report = sink.sender.report
        return SimulatorStats(
            segment: live.state.idPrefix, segmentStart: live.state.segmentStart.rfc3339, seed: live.state.seed,
            simulated: live.simulator.now.rfc3339, acknowledged: live.state.reached.rfc3339,
            behindSeconds: max(0, Double(wall.nanosecondsSinceEpoch - live.simulator.now.nanosecondsSinceEpoch) / 1e9),
            live: live.pace.isLive(at: wall) && live.isCaughtUp(wall: wall, tolerance: Self.liveTolerance), speed: live.pace.speed,
            linesSubmitted: live.submittedLines, linesAcknowledged: sink.sender.acknowledgedLines,
            accepted: report.accepted, duplicates: report.duplicates, rejected: report.rejected, conflicts: report.conflicts,
            retries: sink.sender.retries)
    }

    private func save(at wall: Timestamp) throws {
        savedAt = wall
        guard let statePath, live.state != savedState else { return }
        try live.state.save(path: statePath)
        savedState = live.state
    }

    /// Logs the line errors ingest reported since the last look: the simulator's events are
    /// meant to be valid, so any rejection is a defect worth seeing.
    private func reportRejections() {
        let report = sink.sender.report
        let total = report.rejected + report.conflicts
        guard total > loggedRejections else { return }
        for error in report.errors.suffix(min(5, total - loggedRejections)) {
            logger.error("ingest rejected simulated line \(error.line): \(error.reason)")
        }
        loggedRejections = total
    }
}
