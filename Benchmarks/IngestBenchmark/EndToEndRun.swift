import Foundation
import GRDBSQLite
import TenetBenchSupport

/// One end-to-end run: a fresh stack (the store and ingest plugins under `tenet up`) on a fresh
/// data directory; `tenet send FILE --batch B` timed by the clock from its start to its exit
/// (after the last acknowledgement); then every event checked, and the stack stopped and removed.
///
/// Checks: `tenet send` exits 0 and reports `accepted N` with every other count 0; both plugins
/// still run and none restarted; after `tenet stop`, the database file holds exactly N events
/// (seq 1…N) and no dead letter.
struct EndToEndRun {
    /// The folder holding `tenet`, `tenet-store` and `tenet-ingest`.
    var bin: String
    /// The NDJSON file to send.
    var input: String
    /// The events in `input`.
    var events: Int
    /// `tenet send --batch`.
    var batch: Int
    /// The round number to print.
    var round: Int
    /// A folder for the stack file and the logs.
    var work: String

    static let plugins = ["store", "ingest"]
    static let stack = """
        # The stack of tenet-ingest-bench (make bench): the store and ingest only.
        plugins:
          - name: store
            command: tenet-store
            order: 10
          - name: ingest
            command: tenet-ingest
            order: 20
            env:
              TENET_INGEST_HTTP: "127.0.0.1:0"

        """

    var errors: String { work + "/stderr.log" }
    var tenet: String { bin + "/tenet" }

    /// Runs once and returns the measurement; throws when anything does not check out.
    func run() throws -> RunMeasurement {
        let stackFile = work + "/stack.yaml"
        try Self.stack.write(toFile: stackFile, atomically: true, encoding: .utf8)
        let data = try BenchmarkStack.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let stack = BenchmarkStack(tenet: tenet, work: work, data: data)
        let supervisor = try ChildProcess(
            executable: tenet, arguments: ["up", "--stack", stackFile, "--data", data], output: work + "/up.out", errors: work + "/up.log")
        var stopped = false
        defer { if !stopped { stack.stop(supervisor) } }

        let status = try stack.waitUntilReady(Self.plugins, supervisor: supervisor)
        let pids = ["store": status.plugins["store"]?.pid, "ingest": status.plugins["ingest"]?.pid, "supervisor": status.supervisorPID]
        let before = pids.compactMapValues { $0.flatMap(ProcessCPU.seconds(of:)) }

        let clock = ContinuousClock()
        let started = clock.now
        let (ending, output) = try ChildProcess.run(
            tenet, ["send", input, "--data", data, "--batch", String(batch)], scratch: work, errors: errors)
        let seconds = (clock.now - started).seconds

        var cpu: [String: Double] = [:]
        for (name, pid) in pids {
            if let pid, let now = ProcessCPU.seconds(of: pid), let then = before[name] { cpu[name] = now - then }
        }
        cpu["send"] = ending.cpuSeconds

        guard ending.succeeded else {
            throw BenchmarkError(code: .checkFailed, message: "tenet send ended with \(ending.text): \(output.suffix(400))")
        }
        let summary = try SendSummary.check(output, events: events)
        let after = try stack.status()
        guard after.ready(Self.plugins), after.restarts == 0 else {
            throw BenchmarkError(code: .checkFailed, message: "after the run a plugin is down or restarted: \(after.plugins)")
        }
        stack.stop(supervisor)
        stopped = true
        let rows = try Self.checkDatabase(data + "/tenet.sqlite", events: events)

        return RunMeasurement(
            suite: Suite.ingest, subject: Subject.endToEnd, variant: "batch \(batch)", run: round, count: events,
            seconds: seconds, rate: Double(events) / seconds, unit: "events/s",
            check: "`tenet send` exits 0 reporting `\(summary)`; no plugin restarted; after `tenet stop` \(rows)",
            settings: ["batch": String(batch)], cpu: cpu)
    }

    /// Checks the database: exactly `events` rows numbered 1…events, no dead letter. Returns
    /// the check in words.
    static func checkDatabase(_ path: String, events: Int) throws(BenchmarkError) -> String {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let handle else {
            throw BenchmarkError(code: .failed, message: "cannot open \(path)")
        }
        defer { sqlite3_close_v2(handle) }
        func number(_ sql: String) throws(BenchmarkError) -> Int {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement,
                sqlite3_step(statement) == SQLITE_ROW
            else {
                sqlite3_finalize(statement)
                throw BenchmarkError(code: .failed, message: "\(path): \(sql): \(String(cString: sqlite3_errmsg(handle)))")
            }
            defer { sqlite3_finalize(statement) }
            return Int(sqlite3_column_int64(statement, 0))
        }
        let rows = try number("SELECT COUNT(*) FROM events")
        let last = try number("SELECT COALESCE(MAX(seq), 0) FROM events")
        let dead = try number("SELECT COUNT(*) FROM dead_letters")
        guard rows == events, last == events, dead == 0 else {
            throw BenchmarkError(
                code: .checkFailed, message: "\(path) holds \(rows) events (last seq \(last)) and \(dead) dead letters, expected \(events), \(events) and 0")
        }
        return "the database file holds exactly \(events) rows, seq 1…\(events), no dead letter"
    }
}
