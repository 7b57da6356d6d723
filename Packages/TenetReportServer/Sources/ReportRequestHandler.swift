import Foundation
import Logging
import TenetBus
import TenetMetricsProtocol
import TenetPhilosophy
import TenetPlugin
import TenetReporting
import TenetStoreProtocol

/// The report plugin's request handler: at every turn it asks its ``ReportScheduler`` what is
/// due, writes those reports (asking the metrics and rules plugins over the bus; it opens no
/// database), publishes `report.written`, and answers `stats` and `run`.
///
/// A report is made only from ready inputs: the store is asked for its last sequence number
/// first, and the metrics plugin must have applied every event up to it (its `stats`, then the
/// figures' `last_seq`); otherwise, or when a plugin does not answer, the try fails, is logged
/// and counted, and the scheduler tries again later. Nothing here ends the process.
public final class ReportRequestHandler: RequestHandler {
    /// How long a turn may wait when nothing is due.
    public static let idleInterval: Duration = .seconds(1)
    /// How many tries a report waits for a rules plugin of the stack that does not answer
    /// before it is written without the SLA and alerts sections (which then say why).
    public static let rulesAttempts = 2

    private let name: String
    private let logger: Logger
    private let settings: ReportSettings
    private let wall: @Sendable () -> Date
    private let bus: BusPublisher
    private let metrics: BusRequestClient
    private let rules: BusRequestClient?
    private let store: BusRequestClient?
    private let rulesNote: String?
    private let philosophyPath: String?
    private var philosophy: Philosophy
    private var philosophyDigest: String
    /// Why no philosophy is in force: the file named has errors and none was read before.
    private var philosophyProblem: String?
    private var scheduler: ReportScheduler
    private let writer: ReportWriter
    private var writtenCount = 0
    private var failureCount = 0
    private var lastWritten: ReportWritten?
    private var lastFailure: ReportPluginStats.Failure?
    /// When the schedule was last looked at.
    private var lastPlanned: Date?
    /// The scheduled reports found to end before anything was stored (`period/start`): not
    /// written, not tried again while the plugin runs.
    private var beforeData: Set<String> = []
    /// The store's last sequence number as first seen unchanged, and when: how long the store
    /// has been quiet.
    private var storeSeen: (seq: Int64, at: Date)?

    /// Creates the handler: loads the philosophy and connects to the plugins.
    ///
    /// - Parameters:
    ///   - rulesEndpoint: `nil` when the stack has no rules plugin (`rulesNote` says so in the reports).
    ///   - storeEndpoint: `nil` when the stack has no store plugin: the metrics plugin's figures are then taken as they are.
    ///   - philosophyPath: the philosophy file (`TENET_PHILOSOPHY`); `nil`: the default philosophy
    ///     (no values: reports hold volume and backlog). A file with errors holds every report back
    ///     (as not ready) until it is fixed.
    ///   - wall: the wall clock (tests inject theirs).
    /// - Throws: ``ZMQError`` when a socket cannot be made.
    public init(
        context: ZMQContext, publishEndpoint: String, metricsEndpoint: String, rulesEndpoint: String?, storeEndpoint: String?,
        name: String, philosophyPath: String?, dataDirectory: String, settings: ReportSettings, logger: Logger, rulesNote: String? = nil,
        wall: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.philosophyPath = philosophyPath.flatMap { $0.isEmpty ? nil : $0 }
        philosophy = Philosophy()
        philosophyDigest = ""
        if let path = self.philosophyPath {
            let check = PhilosophyLoader.load(path: path)
            philosophyDigest = check.digest
            if let loaded = check.philosophy {
                philosophy = loaded
            } else {
                philosophyProblem = "\(path) has errors (`tenet check \(path)` lists them)"
                for error in check.errors { logger.error("philosophy: \(error.description(file: path))") }
                logger.error("philosophy refused: no report is written until the file is fixed")
            }
        } else {
            logger.warning("the stack names no philosophy (TENET_PHILOSOPHY): reports hold volume and backlog only")
        }
        self.name = name
        self.logger = logger
        self.settings = settings
        self.wall = wall
        self.rulesNote = rulesNote
        writer = ReportWriter(directory: dataDirectory + "/reports")
        scheduler = ReportScheduler(
            schedule: Self.schedule(philosophy, settings), periods: settings.periods, formats: settings.formats, retryInitial: settings.retryInitial,
            retryMax: settings.retryMax)
        bus = try BusPublisher(context: context, endpoint: publishEndpoint, sender: name)
        metrics = try BusRequestClient(context: context, endpoint: metricsEndpoint, sender: name)
        rules = try rulesEndpoint.map { try BusRequestClient(context: context, endpoint: $0, sender: name) }
        store = try storeEndpoint.map { try BusRequestClient(context: context, endpoint: $0, sender: name) }
        let upcoming = scheduler.plan(now: wall(), existing: existingOrSkipped).upcoming
        let periods = settings.periods.isEmpty ? "off" : settings.periods.map(\.scheduleName).joined(separator: ", ")
        let after = ReportSettings.timeOfDayText(settings.afterMinutes)
        let formats = settings.formats.joined(separator: ",")
        let nextText = upcoming.map { (entry: ReportScheduler.Upcoming) -> String in
            "\(entry.period.rawValue) \(entry.start) at \(ReportSpan.text(entry.at))"
        }.joined(separator: ", ")
        let zone = philosophy.organisation.zone
        let directory = writer.directory
        var line = "report schedule: \(periods), due at \(after) \(zone) after each period, formats \(formats), into \(directory)"
        if !nextText.isEmpty { line += "; next: " + nextText }
        logger.info("\(line)")
    }

    deinit {
        bus.close()
        metrics.close()
        rules?.close()
        store?.close()
    }

    static func schedule(_ philosophy: Philosophy, _ settings: ReportSettings) -> ReportSchedule {
        ReportSchedule(zone: philosophy.organisation.zone, weekStart: philosophy.organisation.weekStart.rawValue, afterMinutes: settings.afterMinutes)
    }

    public var capacity: Int { 8 }

    // MARK: Requests

    public func handle(_ requests: [BusReplier.Request], replier: BusReplier) throws {
        for request in requests {
            switch ReportMethod(rawValue: request.method) {
            case .stats:
                try replier.reply(to: request, body: stats(now: wall()))
            case .run:
                let body: ReportRunRequest
                do {
                    body = try request.message.decodeBody(ReportRunRequest.self)
                } catch {
                    try replier.fail(request, with: .badRequest("`run` takes {\"period\": \"day\"|\"week\", \"date\": \"YYYY-MM-DD\"}: \(error.message)"))
                    continue
                }
                do {
                    try replier.reply(to: request, body: try run(body))
                } catch let error as ReportRunError {
                    try replier.fail(request, with: error.errorBody)
                }
            case nil:
                try replier.fail(request, with: .unknownMethod(request.method))
            }
        }
    }

    /// The reply to `stats` at `now`.
    func stats(now: Date) -> ReportPluginStats {
        var copy = scheduler
        let plan = copy.plan(now: now, existing: existingOrSkipped)
        let next =
            plan.jobs.map { ReportPluginStats.Due(period: $0.period.rawValue, start: $0.start, at: ReportSpan.text(now), attempts: $0.attempts) }
            + plan.upcoming.map { ReportPluginStats.Due(period: $0.period.rawValue, start: $0.start, at: ReportSpan.text($0.at), attempts: $0.attempts) }
        return ReportPluginStats(
            schedule: settings.periods.map(\.rawValue), formats: settings.formats, after: ReportSettings.timeOfDayText(settings.afterMinutes),
            zone: philosophy.organisation.zone, directory: writer.directory, written: writtenCount, failures: failureCount,
            lastWritten: lastWritten, lastFailure: lastFailure, next: next.sorted { ($0.period, $0.start) < ($1.period, $1.start) })
    }

    /// `run`: the report of the requested period (the latest ended one without a date), now,
    /// in every configured format whose file does not exist yet.
    func run(_ request: ReportRunRequest) throws(ReportRunError) -> ReportWritten {
        guard let period = ReportPeriod(rawValue: request.period) else {
            throw ReportRunError(.badRequest, "`period`: `\(request.period)` is not day or week")
        }
        reloadPhilosophy()
        let schedule = scheduler.schedule
        let span: ReportSpan
        if let date = request.date {
            guard let found = schedule.span(period, day: date) else {
                throw ReportRunError(.badRequest, "`date`: `\(date)` is not a date YYYY-MM-DD")
            }
            span = found
        } else {
            span = schedule.previous(period, before: schedule.span(period, containing: wall()))
        }
        let start = schedule.start(span)
        let now = wall()
        guard span.to <= now else {
            throw ReportRunError(.badRequest, "the \(period.rawValue) of \(start) has not ended yet (it ends at \(span.toText)): a report is of a whole period")
        }
        logger.info("writing the \(period.rawValue) report of \(start) on request")
        return try make(period: period, span: span, start: start, formats: settings.formats, late: false, attempts: Int.max, now: now)
    }

    // MARK: The schedule

    public func turn(replier: BusReplier) throws -> Duration? {
        let now = wall()
        // The server turns up to ten times a second; the schedule is looked at once a second.
        if let planned = lastPlanned, now >= planned, now.timeIntervalSince(planned) < 1 { return Self.idleInterval }
        lastPlanned = now
        let existing = existingOrSkipped
        var plan = scheduler.plan(now: now, existing: existing)
        // Before writing, the philosophy as it is now: a new time zone or week start moves the periods.
        if !plan.jobs.isEmpty && reloadPhilosophy() { plan = scheduler.plan(now: now, existing: existing) }
        for gone in plan.abandoned {
            logger.error(
                "gave up the \(gone.period.rawValue) report of \(gone.start) after \(gone.attempts) failed tries: a later period's report is due now (`run` can still write it)")
        }
        for job in plan.jobs { attempt(job) }
        return Self.idleInterval
    }

    /// The formats of a period's report that need not be written: those on disk, or all of them
    /// for a period found to end before anything was stored.
    private var existingOrSkipped: (ReportPeriod, String) -> Set<String> {
        let skipped = beforeData
        let writer = writer
        return { period, start in
            skipped.contains("\(period.rawValue)/\(start)") ? Set(ReportSettings.allFormats) : writer.existing(period, start: start)
        }
    }

    /// Writes a due report, or records why not and when it is tried again.
    func attempt(_ job: ReportScheduler.Job) {
        if job.late && job.attempts == 0 {
            let due = ReportSpan.text(job.due)
            logger.warning(
                "catching up: the \(job.period.rawValue) report of \(job.start) was due at \(due) and is written now; earlier missed \(job.period.rawValue)s are not written by the schedule (the `run` request writes one)")
        }
        do {
            let record = try make(
                period: job.period, span: job.span, start: job.start, formats: job.formats, late: job.late, attempts: job.attempts, now: wall())
            scheduler.succeeded(job)
            logger.info("wrote the \(job.period.rawValue) report of \(job.start): \(record.files.joined(separator: ", "))")
        } catch where error.code == .beforeData {
            scheduler.succeeded(job)
            beforeData.insert("\(job.period.rawValue)/\(job.start)")
            logger.info("no \(job.period.rawValue) report of \(job.start): \(error.message)")
        } catch {
            let next = scheduler.failed(job, now: wall())
            logger.warning(
                "the \(job.period.rawValue) report of \(job.start) was not written (try \(job.attempts + 1)): \(error.message); trying again at \(ReportSpan.text(next))")
        }
    }

    /// Makes and writes the report of `span` in the `formats` missing; records a failure.
    func make(period: ReportPeriod, span: ReportSpan, start: String, formats: [String], late: Bool, attempts: Int, now: Date) throws(ReportRunError)
        -> ReportWritten
    {
        do {
            return try makeOrFail(period: period, span: span, start: start, formats: formats, late: late, attempts: attempts, now: now)
        } catch where error.code == .beforeData {
            throw error
        } catch {
            failureCount += 1
            lastFailure = ReportPluginStats.Failure(period: period.rawValue, start: start, at: ReportSpan.text(wall()), reason: error.message)
            throw error
        }
    }

    private func makeOrFail(
        period: ReportPeriod, span: ReportSpan, start: String, formats: [String], late: Bool, attempts: Int, now: Date
    ) throws(ReportRunError) -> ReportWritten {
        reloadPhilosophy()
        if let philosophyProblem { throw ReportRunError(.notReady, philosophyProblem) }
        // What the store holds now; the figures must include all of it.
        var stored: Int64 = 0
        if let store {
            do {
                stored = try store.request(StoreMethod.stats.rawValue, body: EmptyBody(), timeout: settings.timeout, as: StoreStats.self).lastSeq
            } catch {
                throw ReportRunError(.notReady, "the \(settings.storePlugin) plugin did not answer `stats`: \(error)")
            }
        }
        if let store { try checkFeedReachedTheEnd(of: span, stored: stored, store: store) }
        let applied: Int64
        do {
            applied = try metrics.request(MetricsMethod.stats.rawValue, body: EmptyBody(), timeout: settings.timeout, as: MetricsStats.self).lastSeq
        } catch {
            throw ReportRunError(.notReady, "the \(settings.metricsPlugin) plugin did not answer `stats`: \(error)")
        }
        guard applied >= stored else {
            throw ReportRunError(
                .notReady, "the \(settings.metricsPlugin) plugin has applied the events up to \(applied) of the \(stored) stored: it is still catching up")
        }
        let rows: ReportCollector.Rows = formats.contains("csv") ? .all : formats.contains("html") ? .durations : .none
        let collector = ReportCollector(
            philosophy: philosophy, period: period.rawValue, history: settings.history, rows: rows, rowsLimit: settings.rowsLimit)
        let inputs: ReportInputs
        do {
            inputs = try collector.collect(
                span: span, at: now, metrics: BusReportSource(client: metrics, timeout: settings.timeout),
                rules: rules.map { BusReportSource(client: $0, timeout: settings.timeout) }, rulesNote: rulesNote)
        } catch {
            throw ReportRunError(.notReady, "the \(settings.metricsPlugin) plugin did not answer every question: \(error)")
        }
        guard inputs.scorecard.lastSeq >= stored else {
            throw ReportRunError(
                .notReady, "the figures include the events up to \(inputs.scorecard.lastSeq) of the \(stored) stored: the metrics plugin is catching up")
        }
        if rules != nil, inputs.sla == nil, attempts < Self.rulesAttempts {
            throw ReportRunError(.notReady, inputs.rulesNote ?? "the \(settings.rulesPlugin) plugin did not answer")
        }
        let model = ReportBuilder(philosophy: philosophy, period: period.rawValue, span: span, staffingTarget: settings.serviceLevel).build(inputs)
        let files: (written: [String], existing: [String])
        do {
            files = try writer.write(model, period: period, start: start, formats: formats)
        } catch {
            throw ReportRunError(.cannotWrite, "\(error)")
        }
        let record = ReportWritten(
            period: period.rawValue, start: start, from: span.fromText, to: span.toText, files: files.written, existing: files.existing,
            at: ReportSpan.text(wall()), lastSeq: inputs.scorecard.lastSeq, late: late)
        if !files.written.isEmpty {
            writtenCount += 1
            lastWritten = record
            do {
                _ = try bus.publish(topic: ReportTopic.written, type: ReportTopic.written, body: record)
            } catch {
                logger.warning("could not publish \(ReportTopic.written): \(error)")
            }
        }
        return record
    }

    /// A period's data is complete once a stored event lies at or after its end (the feed has
    /// moved on), or, when none does, once the store has taken no new event for
    /// ``ReportSettings/quiet`` (a quiet night). A feed still catching up on the past (the
    /// simulator's history, an import) stores events before the end and keeps the report waiting.
    /// A period that ends before the first stored event has no report at all
    /// (``ReportRunError/Code/beforeData``): the stack was not collecting yet.
    private func checkFeedReachedTheEnd(of span: ReportSpan, stored: Int64, store: BusRequestClient) throws(ReportRunError) {
        let passedTheEnd = try anyStored(store, from: span.toText, until: nil)
        let beforeTheEnd = try anyStored(store, from: nil, until: span.toText)
        let beforeData = ReportRunError(.beforeData, "nothing is stored before the period's end (\(span.toText)): the stack was not collecting yet")
        if passedTheEnd {
            if !beforeTheEnd { throw beforeData }
            return
        }
        let now = wall()
        if let seen = storeSeen, seen.seq == stored {
            let quietFor = now.timeIntervalSince(seen.at)
            if quietFor >= ReportScheduler.seconds(settings.quiet) {
                if !beforeTheEnd { throw beforeData }
                return
            }
            throw ReportRunError(
                .notReady,
                "no stored event has reached the period's end (\(span.toText)) yet, and the store has been quiet for \(Int(quietFor)) s of \(settings.quiet)")
        }
        storeSeen = (stored, now)
        throw ReportRunError(
            .notReady,
            "no stored event has reached the period's end (\(span.toText)) yet: waiting until the feed passes it or the store has been quiet for \(settings.quiet)")
    }

    /// Whether the store holds any event in `[from, until)`.
    private func anyStored(_ store: BusRequestClient, from: String?, until: String?) throws(ReportRunError) -> Bool {
        var query = QueryRequest()
        query.from = from
        query.until = until
        query.limit = 1
        do {
            return try !store.request(StoreMethod.query.rawValue, body: query, timeout: settings.timeout, as: EventsPage.self).events.isEmpty
        } catch {
            throw ReportRunError(.notReady, "the \(settings.storePlugin) plugin did not answer `query`: \(error)")
        }
    }

    /// A page of the store's `query` reply, read only for whether it holds any event.
    private struct EventsPage: Decodable {
        var events: [Ignored]

        struct Ignored: Decodable {
            init(from decoder: any Decoder) throws {}
        }
    }

    /// Reads the philosophy file again when it changed; a file with errors keeps the last good
    /// philosophy (and says so). Returns whether the schedule (zone, week start) changed.
    @discardableResult
    private func reloadPhilosophy() -> Bool {
        guard let philosophyPath else { return false }
        let check = PhilosophyLoader.load(path: philosophyPath)
        guard check.digest != philosophyDigest else { return false }
        philosophyDigest = check.digest
        guard let fresh = check.philosophy else {
            let consequence = philosophyProblem == nil ? "reports keep the philosophy read before" : "no report is written until it is fixed"
            logger.warning("\(philosophyPath) has errors (`tenet check` lists them): \(consequence)")
            return false
        }
        philosophy = fresh
        philosophyProblem = nil
        let schedule = Self.schedule(fresh, settings)
        let moved = schedule != scheduler.schedule
        scheduler.schedule = schedule
        logger.info("read \(philosophyPath) again")
        return moved
    }
}
