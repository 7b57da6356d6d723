// tenet-bench-report: renders BENCHMARKS.md from the measurements the benchmark programs print
// (Scripts/bench.sh: `make bench`).
//
//   tenet-bench-report machine > RESULTS/machine.json      the machine and the tree, before measuring
//   tenet-bench-report render --results RESULTS --output BENCHMARKS.md [--build-seconds S] [--measure-seconds S]
//
// `render` reads RESULTS/machine.json and every RESULTS/*.ndjson (one measurement a line).
import Foundation
import TenetBenchSupport

func standardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

let usage = """
    usage: tenet-bench-report machine
           tenet-bench-report render --results DIR --output FILE [--build-seconds S] [--measure-seconds S]
    """

func render(_ arguments: [String]) throws(BenchmarkError) {
    var results = "", output = ""
    var build: Double?, measure: Double?
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
        guard let value = iterator.next() else { throw BenchmarkError(code: .usage, message: "\(argument) needs a value") }
        switch argument {
        case "--results": results = value
        case "--output": output = value
        case "--build-seconds": build = Double(value)
        case "--measure-seconds": measure = Double(value)
        default: throw BenchmarkError(code: .usage, message: "unknown argument '\(argument)'")
        }
    }
    guard !results.isEmpty, !output.isEmpty else { throw BenchmarkError(code: .usage, message: "--results and --output are required") }
    let machineFile = results + "/machine.json"
    guard let machineData = FileManager.default.contents(atPath: machineFile),
        let machine = try? JSONDecoder().decode(MachineInfo.self, from: machineData)
    else { throw BenchmarkError(code: .badResults, message: "\(machineFile) is missing or not a machine record") }
    var measurements: [RunMeasurement] = []
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: results)) ?? []).filter { $0.hasSuffix(".ndjson") }.sorted()
    for file in files {
        let path = results + "/" + file
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        measurements += try RunMeasurement.read(ndjson: text, file: path)
    }
    guard !measurements.isEmpty else { throw BenchmarkError(code: .badResults, message: "no measurements in \(results)/*.ndjson") }
    let (commit, changes) = TreeState.read()
    var changed: String?
    if commit != machine.commit {
        changed = "HEAD moved from \(machine.commit.prefix(10)) to \(commit.prefix(10))"
    } else if changes != machine.changes {
        changed = "uncommitted changes now: \(changes.count) files"
    }
    let renderer = ReportRenderer(
        machine: machine, measurements: measurements,
        timing: build.flatMap { build in measure.map { ReportRenderer.Timing(build: build, measure: $0) } }, changedSince: changed)
    let text = try renderer.render()
    do {
        try text.write(toFile: output, atomically: true, encoding: .utf8)
    } catch {
        throw BenchmarkError(code: .failed, message: "cannot write \(output): \(error)")
    }
    standardError("tenet-bench-report: wrote \(output) from \(measurements.count) measurements (commit \(machine.commit.prefix(10))\(machine.dirty ? ", uncommitted changes" : ""))")
}

do {
    let arguments = Array(CommandLine.arguments.dropFirst())
    switch arguments.first {
    case "machine":
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(MachineInfo.collect()), as: UTF8.self))
    case "render":
        try render(Array(arguments.dropFirst()))
    default:
        throw BenchmarkError(code: .usage, message: "name a command: machine or render")
    }
} catch let error as BenchmarkError {
    standardError("tenet-bench-report: \(error)")
    if error.code == .usage { standardError(usage) }
    exit(error.code == .usage ? 2 : 1)
} catch {
    standardError("tenet-bench-report: \(error)")
    exit(1)
}
