import Foundation
import TenetBenchSupport
import TenetBus
import TenetMetricsProtocol

/// The metrics plugin in a real stack (store, ingest, metrics under `tenet up`), on one data
/// directory loaded once:
///
/// 1. Load: `tenet send FILE` at full speed; the time until ingest acknowledged every event (the
///    reference: ingest's durable rate) beside the time until the plugin's `last_seq` reached the
///    last event.
/// 2. Memory: the plugin's VmRSS and VmHWM with every event applied.
/// 3. Queries over the plugin's request socket: the issue's query and the `scorecard` request,
///    timed (median), the query's figures checked against DuckDB's when given.
/// 4. Latency: events sent at a steady rate on top of the history (``LiveLoad``).
/// 5. Restarts: after SIGTERM, after SIGKILL, and with the checkpoint folder deleted (a full
///    recompute), each timed from the new process's start until its `last_seq` is the store's, and
///    checked: the query's figures equal those before the restart.
struct StackRun {
    /// The folder of `tenet`, `tenet-store`, `tenet-ingest`, `tenet-metrics`.
    var bin: String
    /// The NDJSON history.
    var input: String
    /// Events in `input`.
    var events: Int
    /// The philosophy file of the stack.
    var philosophy: String
    /// The query's window (RFC 3339): DuckDB's too.
    var from: String
    var to: String
    /// The round to print.
    var round: Int
    /// A folder for the stack file and logs.
    var work: String
    /// The live load: events per second, seconds, events per request.
    var liveRate: Int
    var liveSeconds: Double
    var liveBatch: Int
    /// DuckDB's figures (bench.py --figures), to check the query against.
    var expect: String?
    /// Timed runs of the query and of the scorecard.
    var queryRuns = 20
    var scorecardRuns = 10
    /// Called with each measurement as soon as it is made (so that a later failure keeps it).
    var emit: (RunMeasurement) -> Void = { _ in }

    var tenet: String { bin + "/tenet" }
    var errors: String { work + "/stderr.log" }
    static let plugins = ["store", "ingest", "metrics"]
    static let sender = "tenet-metrics-bench"

    /// The issue's query: p90 first response, business hours, teams {a,b} × channels {chat,email}.
    var query: MetricQueryRequest {
        MetricQueryRequest(
            metric: "first_response_time", stat: "p90", hours: "business", from: from, to: to,
            where: ["team": ["a", "b"], "channel": ["chat", "email"]], by: ["team", "channel"])
    }

    func run() throws {
        let stackFile = work + "/stack.yaml"
        let philosophyCopy = work + "/philosophy.yaml"
        try? FileManager.default.removeItem(atPath: philosophyCopy)
        try FileManager.default.copyItem(atPath: philosophy, toPath: philosophyCopy)
        try """
            # The stack of tenet-metrics-bench (make bench).
            philosophy: philosophy.yaml
            defaults:
              restart: always
              max_failures: 10
            plugins:
              - { name: store, command: \(bin)/tenet-store, order: 10 }
              - { name: ingest, command: \(bin)/tenet-ingest, order: 20, env: { TENET_INGEST_HTTP: "127.0.0.1:0" } }
              - { name: metrics, command: \(bin)/tenet-metrics, order: 25 }

            """.write(toFile: stackFile, atomically: true, encoding: .utf8)
        let data = try BenchmarkStack.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: data) }
        let stack = BenchmarkStack(tenet: tenet, work: work, data: data)
        let supervisor = try ChildProcess(
            executable: tenet, arguments: ["up", "--stack", stackFile, "--data", data], output: work + "/up.out", errors: work + "/up.log")
        defer { stack.stop(supervisor) }
        var status = try stack.waitUntilReady(Self.plugins, supervisor: supervisor)
        let context = try ZMQContext()
        defer { context.terminate() }
        // 1. Load.
        try load(stack: stack, status: status, context: context).forEach(emit)
        status = try stack.status()
        guard let metricsPID = status.plugins["metrics"]?.pid, let memory = ProcessMemory(pid: metricsPID) else {
            throw BenchmarkError(code: .failed, message: "cannot read the metrics plugin's memory")
        }
        // 2. Memory.
        let fileBytes = (try? FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? 0
        emit(RunMeasurement(
            suite: Suite.metrics, subject: Subject.pluginMemory, variant: "memory", run: round, count: events,
            seconds: 0, rate: Double(memory.resident), unit: "bytes",
            check: "read from /proc/PID/status of the plugin after its last_seq reached the last event",
            settings: ["vm_rss": String(memory.resident), "vm_hwm": String(memory.peak), "ndjson_bytes": String(fileBytes)]))

        // 3. Queries.
        let metrics = try BusRequestClient(context: context, endpoint: endpoint("metrics", status), sender: Self.sender)
        defer { metrics.close() }
        let (queryResult, figures) = try timeQuery(metrics)
        emit(queryResult)
        emit(try timeScorecard(metrics, lastSeq: Int64(events)))

        // 4. Latency at a steady rate.
        let subscribe = try stack.subscribeEndpoint()
        let live = LiveLoad(
            ingest: try endpoint("ingest", status), subscribe: subscribe, rate: liveRate, seconds: liveSeconds,
            batch: liveBatch, round: round, historyEvents: events)
        let outcome = try live.run(context: context)
        outcome.measurements.forEach(emit)
        let storeLast = outcome.lastSeq

        // 5. Restarts.
        let before = try stats(metrics, timeout: .seconds(60))
        guard before.lastSeq == storeLast else {
            throw BenchmarkError(code: .checkFailed, message: "the plugin is at last_seq \(before.lastSeq), the store at \(storeLast)")
        }
        for kind in [Subject.restartClean, Subject.restartKill, Subject.restartFull] {
            emit(try restart(kind, stack: stack, context: context, storeLast: storeLast, figures: figures, events: before.events))
        }
    }

    // MARK: Load

    func load(stack: BenchmarkStack, status: StackStatus, context: ZMQContext) throws -> [RunMeasurement] {
        let client = try BusRequestClient(context: context, endpoint: endpoint("metrics", status), sender: Self.sender)
        defer { client.close() }
        let pids = Self.plugins.compactMap { name in status.plugins[name]?.pid.map { (name, $0) } }
        let cpuBefore = Dictionary(uniqueKeysWithValues: pids.compactMap { name, pid in ProcessCPU.seconds(of: pid).map { (name, $0) } })
        let clock = ContinuousClock()
        let started = clock.now
        let send = try ChildProcess(
            executable: tenet, arguments: ["send", input, "--data", stack.data, "--batch", "1000"], output: work + "/send.out", errors: errors)
        var acknowledged: Duration?
        var caughtUp: Duration?
        var cpuAtAck: [String: Double] = [:]
        let limit = Duration.seconds(max(600, Double(events) / 5_000))
        while acknowledged == nil || caughtUp == nil {
            if acknowledged == nil, let ending = send.poll() {
                acknowledged = clock.now - started
                let output = (try? String(contentsOfFile: work + "/send.out", encoding: .utf8)) ?? ""
                guard ending.succeeded else {
                    throw BenchmarkError(code: .checkFailed, message: "tenet send ended with \(ending.text): \(output.suffix(400))")
                }
                _ = try SendSummary.check(output, events: events)
                for (name, pid) in pids { cpuAtAck[name] = ProcessCPU.seconds(of: pid).map { $0 - (cpuBefore[name] ?? 0) } }
            }
            if caughtUp == nil, let seq = try? stats(client, timeout: .seconds(2)).lastSeq, seq >= Int64(events) {
                caughtUp = clock.now - started
            }
            guard clock.now - started < limit else {
                throw BenchmarkError(code: .failed, message: "the load did not finish within \(limit)")
            }
            usleep(50_000)
        }
        var cpu: [String: Double] = [:]
        for (name, pid) in pids { cpu[name] = ProcessCPU.seconds(of: pid).map { $0 - (cpuBefore[name] ?? 0) } }
        let ack = acknowledged!.seconds
        let caught = caughtUp!.seconds
        let after = try stack.status()
        guard after.ready(Self.plugins), after.restarts == 0 else {
            throw BenchmarkError(code: .checkFailed, message: "after the load a plugin is down or restarted: \(after.plugins)")
        }
        let check = "`tenet send` exits 0 reporting accepted \(events) and nothing else; the plugin's last_seq reaches \(events); no plugin restarted"
        return [
            RunMeasurement(
                suite: Suite.metrics, subject: Subject.ingestAck, variant: "load", run: round, count: events, seconds: ack,
                rate: Double(events) / ack, unit: "events/s", check: check, settings: [:], cpu: cpuAtAck),
            RunMeasurement(
                suite: Suite.metrics, subject: Subject.metricsCaughtUp, variant: "load", run: round, count: events, seconds: caught,
                rate: Double(events) / caught, unit: "events/s", check: check, settings: [:], cpu: cpu),
        ]
    }

    // MARK: Queries

    /// Times the query; returns the measurement and the reply's figures (to compare after restarts).
    func timeQuery(_ client: BusRequestClient) throws -> (RunMeasurement, [FigureBody]) {
        let body = BusMessage.encodeJSON(query)
        let reply = try client.request("query", rawBody: body, timeout: .seconds(120)).decodeBody(MetricQueryReply.self)
        var check = "\(reply.groups.count) groups, \(reply.groups.reduce(0) { $0 + $1.sampleSize }) measurements"
        guard reply.groups.count == 4, reply.groups.allSatisfy({ $0.sampleSize > 0 }) else {
            throw BenchmarkError(code: .checkFailed, message: "the query gave \(reply.groups.count) groups, expected 4 with data: \(reply.groups)")
        }
        if let expect {
            try Self.compare(reply.groups, with: expect)
            check += ", each equal to DuckDB's (value to the microsecond, sample size exactly)"
        }
        let times = try (0..<queryRuns).map { _ in try Self.time { _ = try client.request("query", rawBody: body, timeout: .seconds(120)) } }
        let median = Statistics.median(times)!
        return (
            RunMeasurement(
                suite: Suite.metrics, subject: Subject.tenetQuery, variant: "query", run: round, count: queryRuns, seconds: median,
                rate: 1 / median, unit: "queries/s", check: check,
                settings: ["runs": times.map { String($0) }.joined(separator: ","), "last_seq": String(reply.lastSeq)]),
            reply.groups
        )
    }

    func timeScorecard(_ client: BusRequestClient, lastSeq: Int64) throws -> RunMeasurement {
        let body = Array("{}".utf8)
        let card = try client.request("scorecard", rawBody: body, timeout: .seconds(120)).decodeBody(ScorecardReply.self)
        let series = Set(card.series.map(\.series))
        guard !series.isEmpty, card.lastSeq == lastSeq else {
            throw BenchmarkError(code: .checkFailed, message: "the scorecard holds \(series.count) series at last_seq \(card.lastSeq), expected some at \(lastSeq)")
        }
        let times = try (0..<scorecardRuns).map { _ in try Self.time { _ = try client.request("scorecard", rawBody: body, timeout: .seconds(120)) } }
        let median = Statistics.median(times)!
        return RunMeasurement(
            suite: Suite.metrics, subject: Subject.tenetScorecard, variant: "scorecard", run: round, count: scorecardRuns, seconds: median,
            rate: 1 / median, unit: "scorecards/s",
            check: "\(series.count) standing series in \(card.series.count) figures, at last_seq \(card.lastSeq)",
            settings: ["runs": times.map { String($0) }.joined(separator: ","), "series": series.sorted().joined(separator: " "),
                       "figures": String(card.series.count)])
    }

    /// Checks the query's groups against DuckDB's (bench.py --figures FILE: `{"query": [{"team",
    /// "channel", "value", "sample_size"}…]}`).
    static func compare(_ groups: [FigureBody], with path: String) throws(BenchmarkError) {
        guard let data = FileManager.default.contents(atPath: path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let expected = object["query"] as? [[String: Any]]
        else { throw BenchmarkError(code: .failed, message: "\(path) does not hold DuckDB's figures") }
        func key(_ team: String?, _ channel: String?) -> String { "\(team ?? "-")/\(channel ?? "-")" }
        var tenet: [String: FigureBody] = [:]
        for group in groups { tenet[key(group.dimensions["team"] ?? nil, group.dimensions["channel"] ?? nil)] = group }
        guard expected.count == groups.count else {
            throw BenchmarkError(code: .checkFailed, message: "DuckDB has \(expected.count) groups, Tenet \(groups.count)")
        }
        for row in expected {
            let name = key(row["team"] as? String, row["channel"] as? String)
            guard let group = tenet[name], let value = group.value, let duck = (row["value"] as? NSNumber)?.doubleValue,
                (row["sample_size"] as? NSNumber)?.intValue == group.sampleSize, abs(value - duck) <= 1e-6
            else {
                throw BenchmarkError(code: .checkFailed, message: "group \(name): DuckDB \(row), Tenet \(tenet[name].map { "\($0)" } ?? "none")")
            }
        }
    }

    // MARK: Restarts

    func restart(
        _ kind: String, stack: BenchmarkStack, context: ZMQContext, storeLast: Int64, figures: [FigureBody], events: Int
    ) throws -> RunMeasurement {
        let status = try stack.status()
        guard let old = status.plugins["metrics"]?.pid else { throw BenchmarkError(code: .failed, message: "the metrics plugin does not run") }
        let storePID = status.plugins["store"]?.pid
        let storeCPU = storePID.flatMap(ProcessCPU.seconds(of:))
        let folder = stack.data + "/metrics"
        let checkpoint = Self.folderBytes(folder)
        switch kind {
        case Subject.restartKill:
            kill(old, SIGKILL)
        default:
            try stack.command(["stop", "metrics"])
            try stack.waitFor("metrics", state: "stopped")
            if kind == Subject.restartFull { try? FileManager.default.removeItem(atPath: folder) }
            try stack.command(["start", "metrics"])
        }
        // The new process.
        let deadline = ContinuousClock.now + .seconds(60)
        var pid: Int32?
        while pid == nil {
            if let now = try? stack.status(), let plugin = now.plugins["metrics"], plugin.state == "running", let new = plugin.pid, new != old {
                pid = new
            } else if ContinuousClock.now > deadline {
                throw BenchmarkError(code: .failed, message: "the metrics plugin did not come back within 60 s (\(kind))")
            } else {
                usleep(10_000)
            }
        }
        let status2 = try stack.status()
        let client = try BusRequestClient(context: context, endpoint: endpoint("metrics", status2), sender: Self.sender)
        defer { client.close() }
        var seconds: Double?
        let limit = ContinuousClock.now + .seconds(max(300, Double(events) / 10_000))
        while seconds == nil {
            if let stats = try? stats(client, timeout: .seconds(1)), stats.lastSeq >= storeLast {
                seconds = ProcessCPU.secondsSinceStart(of: pid!)
            } else if ContinuousClock.now > limit {
                throw BenchmarkError(code: .failed, message: "the metrics plugin did not reach last_seq \(storeLast) after its restart (\(kind))")
            } else {
                usleep(10_000)
            }
        }
        let memory = ProcessMemory(pid: pid!)
        // Where the time went: the new plugin's CPU since its start, the store's meanwhile.
        var cpu: [String: Double] = [:]
        cpu["metrics"] = ProcessCPU.seconds(of: pid!)
        if let storePID, let now = ProcessCPU.seconds(of: storePID), let then = storeCPU { cpu["store"] = now - then }
        // Exact: the same figures as before the restart, and every event counted.
        let reply = try client.request("query", rawBody: BusMessage.encodeJSON(query), timeout: .seconds(120)).decodeBody(MetricQueryReply.self)
        let after = try stats(client, timeout: .seconds(10))
        guard reply.groups == figures, after.events == events, after.lastSeq == storeLast else {
            throw BenchmarkError(
                code: .checkFailed,
                message: "after the restart (\(kind)) the query gives \(reply.groups) (before: \(figures)), \(after.events) events (before: \(events))")
        }
        return RunMeasurement(
            suite: Suite.metrics, subject: kind, variant: "restart", run: round, count: Int(storeLast), seconds: seconds!,
            rate: Double(storeLast) / seconds!, unit: "events/s",
            check: "from the new process's start (/proc/PID/stat) until `stats` gives last_seq \(storeLast), the store's last; "
                + "then the query's figures equal those before the restart and `stats` counts the same \(events) events",
            settings: [
                "checkpoint_bytes_before": String(checkpoint), "checkpoint_bytes_after": String(Self.folderBytes(folder)),
                "vm_hwm": String(memory?.peak ?? 0),
            ], cpu: cpu)
    }

    // MARK: Helpers

    func stats(_ client: BusRequestClient, timeout: Duration) throws -> MetricsStats {
        try client.request("stats", rawBody: Array("{}".utf8), timeout: timeout).decodeBody(MetricsStats.self)
    }

    func endpoint(_ plugin: String, _ status: StackStatus) throws(BenchmarkError) -> String {
        guard let endpoint = status.plugins[plugin]?.endpoint, !endpoint.isEmpty else {
            throw BenchmarkError(code: .failed, message: "the stack has no endpoint for \(plugin)")
        }
        return endpoint
    }

    /// Seconds `body` takes on the clock.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        return (clock.now - start).seconds
    }

    /// The bytes of the files under `path` (0 when it does not exist).
    static func folderBytes(_ path: String) -> Int {
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return 0 }
        var total = 0
        while let name = enumerator.nextObject() as? String {
            total += (try? FileManager.default.attributesOfItem(atPath: path + "/" + name)[.size] as? Int) ?? 0
        }
        return total
    }
}
