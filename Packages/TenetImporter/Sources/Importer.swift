import Foundation
import Logging
import TenetBus
import TenetClock
import TenetModels
import TenetPlugin

/// The importer's loop: watches the inbox, takes each complete file, imports it through ingest
/// and moves it to `done/` or `failed/` with its report (docs/PLUGINS.md, "The importer").
///
/// One file at a time, in the order they became ready. A file in `processing/` comes first: one
/// left there by a restart (it is imported again from its first line, under the same source, so
/// nothing is stored twice) or by a transient failure (ingest unreachable: tried again after a
/// delay that doubles up to a minute, and no new file is taken meanwhile).
///
/// Not thread-safe: one thread calls ``turn(shouldStop:)`` (or ``run(until:)``).
public final class Importer {
    /// The settings.
    public let configuration: ImporterConfiguration
    /// The inbox and its subdirectories.
    public let directories: InboxDirectories
    /// Files moved to `done/` since the start.
    public private(set) var done = 0
    /// Files moved to `failed/` since the start.
    public private(set) var failed = 0

    private let files: FileImporter
    private let clock: any MonotonicClock
    private let logger: Logger
    private var watcher: InboxWatcher
    /// Files whose import began before (before a restart, or before a transient failure).
    private var attempted: Set<String> = []
    private var prepared = false
    private var retryAt: MonotonicInstant?
    private var retryDelay: Duration = .seconds(1)

    /// Creates the importer of plugin `name`, sending to ingest at `ingestEndpoint`.
    public init(
        configuration: ImporterConfiguration, context: ZMQContext, ingestEndpoint: String, name: String, logger: Logger,
        clock: any MonotonicClock = SystemMonotonicClock()
    ) {
        self.configuration = configuration
        directories = InboxDirectories(inbox: configuration.inbox)
        files = FileImporter(
            context: context, ingestEndpoint: ingestEndpoint, plugin: name, mappingsDirectory: configuration.mappings,
            batchSize: configuration.batchSize)
        self.clock = clock
        self.logger = logger
        watcher = InboxWatcher(settle: configuration.settle)
    }

    /// Runs turns every ``ImporterConfiguration/scanInterval`` until `stop` is raised. A file
    /// being imported when it is raised stays in `processing/`.
    public func run(until stop: StopSignal) {
        var lastProblem: String?
        while !stop.isRaised {
            do {
                let reports = try turn(shouldStop: { stop.isRaised })
                lastProblem = nil
                if !reports.isEmpty { continue }  // more may be ready: look again at once
            } catch {
                if error.description != lastProblem { logger.error("\(error.description)") }
                lastProblem = error.description
            }
            let wake = clock.now() + configuration.scanInterval
            while !stop.isRaised && clock.now() < wake { usleep(20_000) }
        }
    }

    /// One look at the directories: makes them if needed, then imports the files of
    /// `processing/` (when their retry is due) or else the files of the inbox that are ready.
    /// Returns the reports of the files moved to `done/` or `failed/`.
    public func turn(shouldStop: () -> Bool) throws(ImporterError) -> [FileReport] {
        if !prepared {
            try directories.create()
            // Where the CSV mappings go, made so that a user finds it; its absence is no error.
            try? FileManager.default.createDirectory(
                atPath: configuration.mappings, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            attempted = Set(try InboxDirectories.files(in: directories.processing).map(\.name))
            if !attempted.isEmpty {
                logger.notice("resuming \(attempted.sorted().joined(separator: ", ")) from processing/ (imported again from the first line)")
            }
            prepared = true
        }
        var reports: [FileReport] = []
        let left = try InboxDirectories.files(in: directories.processing).map(\.name).sorted()
        if !left.isEmpty {
            if let retryAt, clock.now() < retryAt { return [] }
            for name in left {
                guard !shouldStop(), let report = try importClaimed(name, shouldStop: shouldStop) else { return reports }
                reports.append(report)
            }
            return reports
        }
        let ready = watcher.ready(in: try InboxDirectories.files(in: directories.inbox), at: clock.now())
        for name in ready {
            if shouldStop() { break }
            if FileManager.default.fileExists(atPath: directories.processing + "/" + name) { continue }
            _ = try directories.claim(name)
            guard let report = try importClaimed(name, shouldStop: shouldStop) else { break }
            reports.append(report)
        }
        return reports
    }

    /// Imports `processing/NAME` and moves it on; `nil` when it stays in `processing/`.
    private func importClaimed(_ name: String, shouldStop: () -> Bool) throws(ImporterError) -> FileReport? {
        var report = FileReport(file: name, startedAt: Timestamp.now().rfc3339, resumed: attempted.contains(name))
        attempted.insert(name)
        logger.info("importing \(name)\(report.resumed ? " again" : "")")
        do {
            try files.importFile(at: directories.processing + "/" + name, name: name, into: &report, shouldStop: shouldStop)
            report.status = .done
        } catch where error.isTransient {
            if error.code != .stopped {
                retryAt = clock.now() + retryDelay
                logger.warning("\(error.description); trying again in \(retryDelay)")
                retryDelay = min(.seconds(60), retryDelay * 2)
            } else {
                logger.notice("\(error.description); it stays in processing/")
            }
            return nil
        } catch {
            report.status = .failed
            report.reason = "\(error.code.rawValue): \(error.message)"
        }
        retryAt = nil
        retryDelay = .seconds(1)
        report.finishedAt = Timestamp.now().rfc3339
        let written = try directories.finish(name, report: report)
        attempted.remove(name)
        if written.status == .done {
            done += 1
            logger.info(
                "\(name): done: accepted \(written.accepted), duplicates \(written.duplicates), conflicts \(written.conflicts), rejected \(written.rejected), skipped \(written.skipped)"
            )
        } else {
            failed += 1
            logger.warning("\(name): failed: \(written.reason ?? "")")
        }
        return written
    }
}
