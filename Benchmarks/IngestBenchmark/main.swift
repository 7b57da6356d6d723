// tenet-ingest-bench: durable events/s end to end, `tenet send` → ingest → store (committed) →
// acknowledgement, on a fresh stack per run; every event checked afterwards (Scripts/bench.sh:
// `make bench` runs it alternating with its references, tenet-store-bench insert).
//
//   tenet-ingest-bench --bin DIR --input FILE --batch B [--round K] [--work DIR]
//
// Prints the measurement as a JSON line on stdout (TenetBenchSupport.RunMeasurement).
import Foundation
import TenetBenchSupport

func standardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

let usage = """
    usage: tenet-ingest-bench --bin DIR --input FILE --batch B [--round K] [--work DIR]

    Starts the store and ingest plugins with `DIR/tenet up` on a fresh data directory, times
    `tenet send FILE --batch B`, checks that every event of FILE was stored once, stops the
    stack and prints the measurement as a JSON line. --work (default: a new folder under /tmp)
    keeps the stack file and the logs.
    """

func parse(_ arguments: [String]) throws(BenchmarkError) -> (bin: String, input: String, batch: Int, round: Int, work: String?) {
    var bin = "", input = "", batch = 0, round = 1
    var work: String?
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
        guard let value = iterator.next() else { throw BenchmarkError(code: .usage, message: "\(argument) needs a value") }
        switch argument {
        case "--bin": bin = value
        case "--input": input = value
        case "--work": work = value
        case "--batch", "--round":
            guard let number = Int(value), number > 0 else {
                throw BenchmarkError(code: .usage, message: "\(argument) takes a whole number above 0, not '\(value)'")
            }
            if argument == "--batch" { batch = number } else { round = number }
        default: throw BenchmarkError(code: .usage, message: "unknown argument '\(argument)'")
        }
    }
    guard !bin.isEmpty, !input.isEmpty, batch > 0 else {
        throw BenchmarkError(code: .usage, message: "--bin, --input and --batch are required")
    }
    return (bin, input, batch, round, work)
}

do {
    let options = try parse(Array(CommandLine.arguments.dropFirst()))
    let work = try options.work ?? BenchmarkStack.makeDirectory()
    let run = EndToEndRun(
        bin: options.bin, input: options.input, events: try InputFile.countLines(options.input), batch: options.batch,
        round: options.round, work: work)
    let measurement = try run.run()
    measurement.print()
    let cpu = measurement.cpu.sorted { $0.key < $1.key }.map { "\($0.key) \(Statistics.fixed($0.value, 2)) s" }
    standardError(
        "# end to end batch=\(options.batch) run \(options.round): \(Statistics.grouped(measurement.rate)) events/s"
            + " (CPU: \(cpu.joined(separator: ", ")))")
    if options.work == nil { try? FileManager.default.removeItem(atPath: work) }
} catch let error as BenchmarkError {
    standardError("tenet-ingest-bench: \(error)")
    if error.code == .usage { standardError(usage) }
    exit(error.code == .usage ? 2 : 1)
} catch {
    standardError("tenet-ingest-bench: \(error)")
    exit(1)
}
