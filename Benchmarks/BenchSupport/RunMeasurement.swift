import Foundation

/// One timed run of one program, as every benchmark program prints it: one JSON object per line
/// on standard output (`tenet-bench-report render` reads them back).
///
/// A run is a fresh process doing a known amount of work (`count` units) and checking afterwards
/// that the work was really done; `check` says how, in words, for BENCHMARKS.md. The C twin of
/// the bus benchmark (`Benchmarks/c/zmq_throughput.c`) prints the same fields by hand.
public struct RunMeasurement: Codable, Hashable, Sendable {
    /// The comparison this run belongs to: ``Suite/ingest``, ``Suite/bus``, ``Suite/calendar``, ``Suite/metrics``,
    /// ``Suite/simulator``, ``Suite/sla`` or ``Suite/web``.
    public var suite: String
    /// What was measured, e.g. ``Subject/endToEnd`` or its reference ``Subject/plainSQLite``.
    public var subject: String
    /// The case within the suite, e.g. `batch 1000` or `pushpull`.
    public var variant: String
    /// The round this run belongs to (1, 2, …), as the orchestrating script numbers them.
    public var run: Int
    /// Units of work done and verified (events, rows, messages).
    public var count: Int
    /// Seconds on the clock for the timed part.
    public var seconds: Double
    /// The rate the program computed, in ``unit``.
    public var rate: Double
    /// The rate's unit, e.g. `events/s`.
    public var unit: String
    /// How the program verified afterwards that the work was done, in words.
    public var check: String
    /// Facts about the run worth printing (library versions, pragmas read back, parameters).
    public var settings: [String: String]
    /// CPU seconds (user + system) per process, when the program measured them.
    public var cpu: [String: Double]

    /// A measurement; `settings` and `cpu` default to empty.
    public init(
        suite: String, subject: String, variant: String, run: Int, count: Int, seconds: Double, rate: Double,
        unit: String, check: String, settings: [String: String] = [:], cpu: [String: Double] = [:]
    ) {
        self.suite = suite
        self.subject = subject
        self.variant = variant
        self.run = run
        self.count = count
        self.seconds = seconds
        self.rate = rate
        self.unit = unit
        self.check = check
        self.settings = settings
        self.cpu = cpu
    }

    /// The measurement as one line of compact JSON with sorted keys (no newline).
    public func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and numbers cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Prints ``jsonLine()`` on standard output and flushes it, so that a pipe gets it now.
    public func print() {
        Swift.print(jsonLine())
        fflush(nil)  // every C stream: stdout is not concurrency-safe to name in Swift 6
    }

    /// Reads every measurement of an NDJSON file; a line that does not decode is an error
    /// naming the file and line.
    public static func read(ndjson text: String, file: String) throws(BenchmarkError) -> [RunMeasurement] {
        var measurements: [RunMeasurement] = []
        let decoder = JSONDecoder()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            do {
                measurements.append(try decoder.decode(RunMeasurement.self, from: Data(trimmed.utf8)))
            } catch {
                throw BenchmarkError(code: .badResults, message: "\(file):\(index + 1): not a measurement: \(error)")
            }
        }
        return measurements
    }
}

/// The suites: each is a comparison of a subject with its references, measured in one run.
public enum Suite {
    /// Durable ingest end to end, beside the store's insert and plain SQLite.
    public static let ingest = "ingest"
    /// The ZeroMQ binding, beside the same program in C.
    public static let bus = "bus"
    /// Business durations and deadlines under a schedule, beside calendar-time subtraction.
    public static let calendar = "calendar"
    /// The metrics engine and plugin (issue 8): throughput beside ingest, latency beside ingest's
    /// acknowledgement, queries beside DuckDB, restart, memory.
    public static let metrics = "metrics"
    /// The simulator (issue 9): simulated events written as NDJSON, beside the generic JSON
    /// writer on the same lines.
    public static let simulator = "simulator"
    /// SLA clocks (issue 10): events applied and warnings and breaches emitted per second by
    /// `SLAClockBook`, beside the bare `BusinessCalendar.deadline` calls for the same clocks.
    public static let sla = "sla"
    /// The web plugin (issue 11): a metric event's delivery to 100 server-sent events clients,
    /// beside one client and a plain bus subscriber receiving the same messages; the dashboard's
    /// first paint in headless Chromium, beside the same page without the token and a tiny page.
    public static let web = "web"
}

/// The subjects of the suites.
public enum Subject {
    /// `tenet send` → ingest → store → acknowledgement, on a fresh stack.
    public static let endToEnd = "end-to-end"
    /// `EventStore.append` alone, one call per batch.
    public static let storeAppend = "store-append"
    /// A plain multi-row SQLite INSERT with the store's own settings (WAL, synchronous=FULL).
    public static let plainSQLite = "sqlite"
    /// The same with synchronous=NORMAL: not the store's setting, kept to show what FULL costs.
    public static let plainSQLiteNormal = "sqlite-normal"
    /// The TenetBus Swift binding.
    public static let swift = "swift"
    /// The same program in C against libzmq.
    public static let c = "c"
    /// `BusinessCalendar.businessNanoseconds(from:to:)` on random spans of up to 30 days.
    public static let businessDuration = "business-duration"
    /// The plain calendar-time subtraction of the same instants: the calendar's reference.
    public static let subtraction = "subtraction"
    /// `BusinessCalendar.deadline(from:adding:)` from the same instants.
    public static let deadline = "deadline"
    /// `SLAClockBook.apply`: conversation events applied to the SLA clocks.
    public static let slaApply = "sla-apply"
    /// `SLAClockBook.due(upTo:)` swept minute by minute: warnings and breaches emitted.
    public static let slaDue = "sla-due"
    /// `BusinessCalendar.deadline(from:adding:)` for the same clocks: the SLA clocks' reference.
    public static let slaDeadline = "sla-deadline"
    /// `Simulator.run(until:into:)`: simulated events written as NDJSON.
    public static let simulator = "simulator"
    /// The same lines, parsed beforehand, written again by `JSONWriter`: the simulator's reference.
    public static let jsonWriter = "json-writer"
    /// `MetricsEngine.apply` alone, events in `at` order.
    public static let engineInOrder = "engine-in-order"
    /// `MetricsEngine.apply` alone, events in the generator's shuffled order.
    public static let engineShuffled = "engine-shuffled"
    /// A stack with metrics: `tenet send` until ingest acknowledged every event.
    public static let ingestAck = "ingest-ack"
    /// The same load: until the metrics plugin's `last_seq` reached the last event.
    public static let metricsCaughtUp = "metrics-caught-up"
    /// Acknowledgement → first metric event including the event, at a steady rate.
    public static let metricLatency = "metric-latency"
    /// Send → acknowledgement of the same batches: the latency's reference.
    public static let ackLatency = "ack-latency"
    /// The query over the metrics plugin's request socket.
    public static let tenetQuery = "tenet-query"
    /// The `scorecard` request (every standing series).
    public static let tenetScorecard = "tenet-scorecard"
    /// The same query in SQL over the events in DuckDB's memory.
    public static let duckdbQuery = "duckdb-query"
    /// The scorecard's figures in SQL over the events in DuckDB's memory.
    public static let duckdbScorecard = "duckdb-scorecard"
    /// Loading the NDJSON into DuckDB's memory.
    public static let duckdbLoad = "duckdb-load"
    /// The metrics plugin's resident memory with every event applied.
    public static let pluginMemory = "plugin-memory"
    /// DuckDB's process with the same events loaded.
    public static let duckdbMemory = "duckdb-memory"
    /// The metrics plugin restarted after SIGTERM, until its `last_seq` is the store's.
    public static let restartClean = "restart-clean"
    /// The same after SIGKILL.
    public static let restartKill = "restart-kill"
    /// The same with its checkpoint folder deleted: a full recompute from the store.
    public static let restartFull = "restart-full"
    /// A metric event published on the bus until each of 100 `/v1/stream` clients has read it.
    public static let streamFanOut = "sse-fan-out"
    /// The same with one client connected: the stream's own latency, the fan-out's reference.
    public static let streamOne = "sse-one-client"
    /// A plain SUB socket on the event bus receiving the same messages (during the fan-out):
    /// the bus hop every stream client's latency includes.
    public static let busSubscriber = "bus-subscriber"
    /// The dashboard loaded in headless Chromium with the token: first contentful paint and the
    /// scorecard filled, from the navigation's start.
    public static let dashboardPaint = "dashboard-first-paint"
    /// The same page without the token (its HTML, CSS and script, the token form, no data
    /// request): the dashboard's reference.
    public static let shellPaint = "dashboard-shell-first-paint"
    /// A tiny static page (one paragraph, a `data:` URL): the browser's own floor.
    public static let tinyPagePaint = "tiny-page-first-paint"
}
