// tenet-metrics-bench: the metrics benchmarks of issue 8 (Scripts/bench.sh: `make bench`).
//
//   tenet-metrics-bench engine --input FILE --philosophy FILE [--round K]
//   tenet-metrics-bench stack --bin DIR --input FILE --philosophy FILE --from T --to T [--round K]
//       [--live-rate 10000] [--live-seconds 30] [--live-batch 50] [--expect DUCKDB.json] [--work DIR]
//
// `engine`: events/s through MetricsEngine alone, in `at` order and in the file's (shuffled)
// order (EngineRun). `stack`: a real stack with the metrics plugin on one data directory loaded
// once: the load beside ingest's acknowledgements, memory, the query and the scorecard over the
// request socket, latency at a steady rate beside ingest's, and restarts (StackRun). Each prints
// its measurements as JSON lines on stdout (TenetBenchSupport.RunMeasurement); the DuckDB side
// is Benchmarks/duckdb/bench.py.
import Foundation
import TenetBenchSupport
import TenetPhilosophy

func standardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

let usage = """
    usage: tenet-metrics-bench engine --input FILE --philosophy FILE [--round K]
           tenet-metrics-bench stack --bin DIR --input FILE --philosophy FILE --from T --to T [--round K]
               [--live-rate N] [--live-seconds S] [--live-batch N] [--expect FILE] [--work DIR]
    """

/// The options as given: name → value.
func options(_ arguments: ArraySlice<String>) throws(BenchmarkError) -> [String: String] {
    var values: [String: String] = [:]
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
        guard argument.hasPrefix("--"), let value = iterator.next() else {
            throw BenchmarkError(code: .usage, message: "\(argument): expected --NAME VALUE")
        }
        values[String(argument.dropFirst(2))] = value
    }
    return values
}

func required(_ values: [String: String], _ name: String) throws(BenchmarkError) -> String {
    guard let value = values[name], !value.isEmpty else { throw BenchmarkError(code: .usage, message: "--\(name) is required") }
    return value
}

func number(_ values: [String: String], _ name: String, default fallback: Double) throws(BenchmarkError) -> Double {
    guard let text = values[name] else { return fallback }
    guard let value = Double(text), value > 0 else {
        throw BenchmarkError(code: .usage, message: "--\(name) takes a number above 0, not '\(text)'")
    }
    return value
}

func loadPhilosophy(_ path: String) throws(BenchmarkError) -> Philosophy {
    let check = PhilosophyLoader.load(path: path)
    guard let philosophy = check.philosophy else {
        throw BenchmarkError(code: .failed, message: "\(path): \(check.errors.map { "\($0)" }.joined(separator: "; "))")
    }
    return philosophy
}

do {
    let arguments = CommandLine.arguments.dropFirst()
    let values = try options(arguments.dropFirst())
    let round = Int(try number(values, "round", default: 1))
    switch arguments.first {
    case "engine":
        let run = EngineRun(input: try required(values, "input"), philosophy: try loadPhilosophy(try required(values, "philosophy")), round: round)
        for measurement in try run.run() {
            measurement.print()
            standardError("# metrics \(measurement.subject) run \(round): \(Statistics.grouped(measurement.rate)) events/s")
        }
    case "stack":
        let input = try required(values, "input")
        let work = try values["work"] ?? BenchmarkStack.makeDirectory()
        var run = StackRun(
            bin: try required(values, "bin"), input: input, events: try InputFile.countLines(input), philosophy: try required(values, "philosophy"),
            from: try required(values, "from"), to: try required(values, "to"), round: round, work: work,
            liveRate: Int(try number(values, "live-rate", default: 10_000)), liveSeconds: try number(values, "live-seconds", default: 30),
            liveBatch: Int(try number(values, "live-batch", default: 50)), expect: values["expect"])
        run.emit = { measurement in
            measurement.print()
            standardError("# metrics \(measurement.subject) run \(round): \(Statistics.fixed(measurement.seconds, 4)) s\(measurement.settings["p50"].map { ", p50 \($0) s" } ?? "")")
        }
        try run.run()
        if values["work"] == nil { try? FileManager.default.removeItem(atPath: work) }
    default:
        throw BenchmarkError(code: .usage, message: "name a command: engine or stack")
    }
} catch let error as BenchmarkError {
    standardError("tenet-metrics-bench: \(error)")
    if error.code == .usage { standardError(usage) }
    exit(error.code == .usage ? 2 : 1)
} catch {
    standardError("tenet-metrics-bench: \(error)")
    exit(1)
}
