import Foundation
import TenetBenchSupport
import TenetMetrics
import TenetMetricsServer
import TenetModels
import TenetPhilosophy

/// Events per second through `MetricsEngine.apply` alone, in one process without sockets or
/// store: the events of a file fed in `at` order (a live stream) and in the file's order
/// (generate.py shuffles them: every conversation's events late and out of order, the worst
/// case). The engine is the one the metrics plugin builds from the same philosophy
/// (`MetricsService(philosophy:)`: its schedules, coverage and settings).
///
/// Events are parsed (`EventValidator`, as the plugin does for each stored event) in batches of
/// 1,000 and each batch applied: parsing and applying are timed apart, so that the engine's
/// rate is its own and the plugin's whole per-event work (parse + apply) is reported beside it.
/// The engine's memory is the growth of the resident set while it is built (freed memory handed
/// back to the system first), apart from the input (the mapped file, and its lines laid out in
/// feeding order before the clock starts).
struct EngineRun {
    /// The NDJSON file.
    var input: String
    /// The philosophy the engine is built from.
    var philosophy: Philosophy
    /// The round number (odd rounds feed in order first, even rounds shuffled first).
    var round: Int

    static let batch = 1_000

    /// Runs both orders and returns one measurement each.
    func run() throws -> [RunMeasurement] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: input), options: .alwaysMapped)
        } catch {
            throw BenchmarkError(code: .failed, message: "cannot read \(input): \(error)")
        }
        return try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> [RunMeasurement] in
            let bytes = raw.bindMemory(to: UInt8.self)
            let lines = Self.lines(bytes)
            // Each event's instant, read once (untimed), for the order of a live stream.
            var instants: [Int64] = []
            instants.reserveCapacity(lines.count)
            for (index, line) in lines.enumerated() {
                do {
                    instants.append(try EventValidator.validate(json: UnsafeBufferPointer(rebasing: bytes[line])).at.nanosecondsSinceEpoch)
                } catch {
                    throw BenchmarkError(code: .failed, message: "\(input):\(index + 1): not an event: \(error)")
                }
            }
            let inOrder = lines.indices.sorted { instants[$0] != instants[$1] ? instants[$0] < instants[$1] : $0 < $1 }
            instants = []
            let shuffled = Array(lines.indices)
            var results: [RunMeasurement] = []
            let orders = round % 2 == 1 ? [(Subject.engineInOrder, inOrder), (Subject.engineShuffled, shuffled)]
                : [(Subject.engineShuffled, shuffled), (Subject.engineInOrder, inOrder)]
            for (subject, order) in orders {
                results.append(try feed(order, lines: lines, bytes: bytes, subject: subject))
            }
            return results.sorted { $0.subject < $1.subject }
        }
    }

    /// Feeds the lines in `order` to a fresh engine and measures it.
    func feed(_ order: [Int], lines: [Range<Int>], bytes: UnsafeBufferPointer<UInt8>, subject: String) throws(BenchmarkError) -> RunMeasurement {
        // The lines laid out in feeding order before the clock starts, so that both orders read
        // memory front to back (reading a 1.5 GB mapped file in `at` order jumps across it).
        var laidOut: [UInt8] = []
        laidOut.reserveCapacity(lines.reduce(0) { $0 + $1.count })
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(order.count)
        for index in order {
            let start = laidOut.count
            laidOut.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lines[index]]))
            ranges.append(start..<laidOut.count)
        }
        return try laidOut.withUnsafeBufferPointer { buffer throws(BenchmarkError) in
            try feed(ranges, buffer: buffer, subject: subject)
        }
    }

    /// Feeds `lines` of `buffer`, in their order, to a fresh engine and measures it.
    func feed(_ lines: [Range<Int>], buffer bytes: UnsafeBufferPointer<UInt8>, subject: String) throws(BenchmarkError) -> RunMeasurement {
        let order = lines.indices
        Self.trim()
        let before = Self.residentBytes()
        var engine = MetricsService(philosophy: philosophy).engine
        let clock = ContinuousClock()
        var parse = Duration.zero
        var apply = Duration.zero
        var batch: [Event] = []
        batch.reserveCapacity(Self.batch)
        var start = 0
        while start < order.count {
            let end = min(start + Self.batch, order.count)
            let parsed = clock.now
            batch.removeAll(keepingCapacity: true)
            for index in order[order.startIndex + start..<order.startIndex + end] {
                // Every line was validated once already: it cannot fail now.
                guard let event = try? EventValidator.validate(json: UnsafeBufferPointer(rebasing: bytes[lines[index]])) else {
                    throw BenchmarkError(code: .failed, message: "\(input): the \(index + 1)th line fed no longer parses")
                }
                batch.append(event)
            }
            let applied = clock.now
            for event in batch { engine.apply(event) }
            let done = clock.now
            parse += applied - parsed
            apply += done - applied
            start = end
        }
        Self.trim()
        let grown = Self.residentBytes() - before
        let events = order.count
        // The check: every event reached the engine, and the engine holds conversations.
        let conversations = engine.conversationCount
        guard conversations > 0 else {
            throw BenchmarkError(code: .checkFailed, message: "the engine holds no conversation after \(events) events")
        }
        let late = engine.lateEventCount
        return RunMeasurement(
            suite: Suite.metrics, subject: subject, variant: "engine", run: round, count: events, seconds: apply.seconds,
            rate: Double(events) / apply.seconds, unit: "events/s",
            check: "every line parsed and applied; the engine holds \(Statistics.grouped(Double(conversations))) conversations",
            settings: [
                "parse_seconds": String(parse.seconds), "parse_and_apply_rate": String(Double(events) / (parse + apply).seconds),
                "engine_bytes": String(grown), "conversations": String(conversations), "late_events": String(late),
            ])
    }

    /// The byte ranges of the non-empty lines.
    static func lines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        for index in 0..<bytes.count where bytes[index] == 0x0A {
            if index > start { lines.append(start..<index) }
            start = index + 1
        }
        if bytes.count > start { lines.append(start..<bytes.count) }
        return lines
    }

    /// The resident set now, in bytes (0 where /proc is not available).
    static func residentBytes() -> Int {
        ProcessMemory(pid: getpid())?.resident ?? 0
    }

    /// Hands freed memory back to the system, so that the next engine's growth is its own.
    static func trim() {
        // glibc's malloc_trim, which Swift's Glibc module does not declare.
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)(0)
    }
}
