import Foundation
import TenetMetrics
import TenetModels
import TenetPhilosophy

// tenet-metrics-bench CONVERSATIONS: how fast the metrics engine takes events and answers,
// on synthetic conversations (about 9 events each). Prints one JSON object.
// A first probe; the full comparison with DuckDB is still to be written (issue 8).
// Events are parsed in batches of 1,000 and each batch applied: parsing and applying are timed
// apart.
// The engine's own memory is the growth of the resident set while it is built (read from
// /proc/self/statm, freed memory handed back to the system before each run), apart from the
// input lines the probe holds; max_rss_mib includes those lines.

let conversations = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 100_000
var random = SeededRandom(seed: 1)
var lines: [[UInt8]] = []
lines.reserveCapacity(conversations * 10)
let base: Int64 = 1_794_000_000
for index in 0..<conversations {
    var clock = base + Int64.random(in: 0...(28 * 86_400), using: &random)
    let channel = ["chat", "email", "phone", "social"][index % 4]
    let team = ["support", "billing", "sales"][Int.random(in: 0..<3, using: &random)]
    var n = 0
    func add(_ type: String, _ extra: String = "") {
        clock += Int64.random(in: 1...1800, using: &random)
        n += 1
        let at = Timestamp(nanosecondsSinceEpoch: clock * 1_000_000_000).rfc3339
        lines.append(Array(#"{"id":"c\#(index)-\#(n)","type":"\#(type)","at":"\#(at)","conversation":"c\#(index)","channel":"\#(channel)","team":"\#(team)","priority":"normal"\#(extra)}"#.utf8))
    }
    add("conversation.opened")
    add("message.created", #","author":"customer","public":true"#)
    add("message.created", #","author":"agent","public":true,"agent":"a\#(index % 40)""#)
    add("message.created", #","author":"customer","public":true"#)
    add("message.created", #","author":"agent","public":true,"agent":"a\#(index % 40)""#)
    add("status.changed", #","status":"pending""#)
    add("status.changed", #","status":"solved""#)
    if index % 3 == 0 { add("survey.answered", #","survey":"csat","score":\#(1 + index % 5)"#) }
    if index % 7 == 0 { add("status.changed", #","status":"open","previous":"solved""#) }
}
// Two orders: as they happened (a live stream), and shuffled (every conversation's events
// late and out of order: the worst case).
var ordered = lines
ordered.sort { a, b in
    let at = { (line: [UInt8]) -> Substring in
        let text = String(decoding: line, as: UTF8.self)
        return text[text.range(of: "\"at\":\"")!.upperBound...].prefix(20)
    }
    return at(a) < at(b)
}
lines.shuffle(using: &random)

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The processor time `body` takes on this thread, in seconds: steadier than the wall clock on
/// a machine shared with other work.
func cpuSeconds(_ body: () throws -> Void) rethrows -> Double {
    var start = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
    try body()
    var end = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
    return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
}

/// The resident set now, in bytes (0 where /proc is not available).
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Hands freed memory back to the system, so that the next engine's growth is its own.
func trim() {
    // glibc's malloc_trim, which Swift's Glibc module does not declare.
    guard let symbol = dlsym(nil, "malloc_trim") else { return }
    _ = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)(0)
}

/// Parses `input` in batches of 1,000 lines and applies each batch to `engine`: the seconds
/// spent parsing and the seconds spent applying, timed apart.
func feed(_ input: [[UInt8]], into engine: inout MetricsEngine) throws -> (parse: Double, apply: Double) {
    var parse = 0.0
    var apply = 0.0
    var batch: [Event] = []
    var start = 0
    while start < input.count {
        let end = min(start + 1_000, input.count)
        parse += try seconds {
            batch.removeAll(keepingCapacity: true)
            for line in input[start..<end] { batch.append(try EventValidator.validate(json: line)) }
        }
        apply += seconds { for event in batch { engine.apply(event) } }
        start = end
    }
    return (parse, apply)
}

let eventCount = lines.count
trim()
let residentBeforeInOrder = residentBytes()
var engine = MetricsEngine(measurer: ConversationMeasurer(settings: MetricSettings()))
let inOrder = try feed(ordered, into: &engine)
trim()
let engineInOrder = residentBytes() - residentBeforeInOrder
ordered = []
engine = MetricsEngine(measurer: ConversationMeasurer(settings: MetricSettings()))
trim()
let residentBeforeShuffled = residentBytes()
let shuffled = try feed(lines, into: &engine)
trim()
let engineShuffled = residentBytes() - residentBeforeShuffled
let parse = (inOrder.parse + shuffled.parse) / 2
let applyInOrder = inOrder.apply
let applyShuffled = shuffled.apply
let query = MetricQuery(
    metric: "first_response_time", statistic: .percentile(90), hours: .calendar,
    from: Timestamp(nanosecondsSinceEpoch: (base + 14 * 86_400) * 1_000_000_000), to: nil,
    filter: MetricFilter([.init(field: .dimension(.team), values: ["support", "billing"]), .init(field: .dimension(.channel), values: ["chat", "email"])]),
    groupBy: [.dimension(.team), .dimension(.channel)])
var answer: [MetricGroup] = []
let queryTime = seconds { for _ in 0..<10 { answer = engine.answer(query) } } / 10
// The issue's query: p90 first response in business hours, teams × channels, the rolling 28 days
// up to the end of the data.
let end = Timestamp(nanosecondsSinceEpoch: (base + 29 * 86_400) * 1_000_000_000)
var issueQuery = query
issueQuery.hours = .business
issueQuery.from = Timestamp(nanosecondsSinceEpoch: end.nanosecondsSinceEpoch - 28 * 86_400_000_000_000)
issueQuery.to = end
var issueAnswer: [MetricGroup] = []
let issueQueryTime = seconds { for _ in 0..<10 { issueAnswer = engine.answer(issueQuery) } } / 10
// The standing scorecard of philosophy.example.yaml (when found in the working directory) at the
// end of the data, each series answered by its own query, as MetricsService.scorecard does.
let philosophy = PhilosophyLoader.load(path: "philosophy.example.yaml").philosophy ?? Philosophy()
let periods = PeriodCalendar(philosophy.organisation)
let standing = StandingSeries.of(philosophy)
let scorecardQueries = standing.map { series in
    let key = series.keyMetric
    let bounds = periods.bounds(of: key.period, containing: end)
    return MetricQuery(
        metric: key.metric, statistic: key.statistic, hours: key.hours, from: bounds.start,
        to: key.metric == "backlog" ? end : bounds.end, filter: key.filter, groupBy: series.groupBy)
}
var scorecardFigures = 0
let scorecardTime = seconds {
    for _ in 0..<5 {
        scorecardFigures = 0
        for query in scorecardQueries { scorecardFigures += engine.answer(query).count }
    }
} / 5
// The same scorecard asked at once (queries of one metric and span share a pass).
var sharedFigures = 0
let sharedScorecardTime = seconds {
    for _ in 0..<5 { sharedFigures = engine.answer(scorecardQueries).reduce(0) { $0 + $1.count } }
} / 5
let queryCPU = cpuSeconds { for _ in 0..<10 { answer = engine.answer(query) } } / 10
let issueQueryCPU = cpuSeconds { for _ in 0..<10 { issueAnswer = engine.answer(issueQuery) } } / 10
let scorecardCPU = cpuSeconds { for _ in 0..<5 { for query in scorecardQueries { _ = engine.answer(query) } } } / 5
let sharedScorecardCPU = cpuSeconds { for _ in 0..<5 { _ = engine.answer(scorecardQueries) } } / 5
// A checkpoint written to memory and read back (the file system left out: it is the engine's
// side of a restart), checked against the query.
var checkpoint: [UInt8] = []
let checkpointWrite = try seconds {
    var writer = CheckpointWriter { checkpoint.append(contentsOf: $0) }
    try engine.writeCheckpoint(to: &writer)
    try writer.finish()
}
var restored = engine
let checkpointRead = try seconds {
    var offset = 0
    var reader = CheckpointReader(size: Int64(checkpoint.count)) { buffer in
        let count = min(buffer.count, checkpoint.count - offset)
        checkpoint.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
        offset += count
        return count
    }
    restored = try MetricsEngine(measurer: ConversationMeasurer(settings: MetricSettings()), checkpoint: &reader)
    try reader.finish()
}
precondition(restored.answer(query) == answer, "the restored engine answers differently")
var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
let report: [String: Any] = [
    "conversations": conversations, "events": eventCount, "parse_events_per_second": Double(eventCount) / parse,
    "apply_in_order_events_per_second": Double(eventCount) / applyInOrder,
    "apply_shuffled_events_per_second": Double(eventCount) / applyShuffled, "query_seconds": queryTime, "query_groups": answer.count,
    "query_sample": answer.reduce(0) { $0 + $1.figure.sampleSize },
    "issue_query_seconds": issueQueryTime, "issue_query_sample": issueAnswer.reduce(0) { $0 + $1.figure.sampleSize },
    "scorecard_seconds": scorecardTime, "scorecard_series": scorecardQueries.count, "scorecard_figures": scorecardFigures, "query_cpu_seconds": queryCPU, "issue_query_cpu_seconds": issueQueryCPU,
    "scorecard_cpu_seconds": scorecardCPU, "scorecard_shared_cpu_seconds": sharedScorecardCPU,
    "scorecard_shared_seconds": sharedScorecardTime, "scorecard_shared_figures": sharedFigures, "max_rss_mib": Double(usage.ru_maxrss) / 1024,
    "late_events": engine.lateEventCount, "engine_in_order_mib": Double(engineInOrder) / 1_048_576,
    "engine_shuffled_mib": Double(engineShuffled) / 1_048_576,
    "engine_bytes_per_event": Double(max(engineInOrder, engineShuffled)) / Double(eventCount),
    "checkpoint_bytes": checkpoint.count, "checkpoint_write_seconds": checkpointWrite, "checkpoint_read_seconds": checkpointRead,
]
print(String(decoding: try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys]), as: UTF8.self))
