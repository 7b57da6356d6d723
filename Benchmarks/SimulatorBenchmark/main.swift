// tenet-simulator-bench: simulated events per second written as NDJSON (TenetSimulator), beside
// the same lines written through the generic JSON writer (TenetModels' JSONWriter, from parsed
// values) in the same process. Scripts/bench.sh runs it once a round (`make bench`, suite
// `simulator`).
//
//   tenet-simulator-bench [run] [--agents N] [--days D] [--seed S] [--round K] [--philosophy FILE]
//       [--profile FILE] [--sample M] [--start DATE]
//   tenet-simulator-bench scorecard [--days D | --until DATE] [--seed S] [--philosophy FILE] [--profile FILE] [--start DATE]
//       [--scenario NAME@TIME]... [--query METRIC,STAT,HOURS[,BY]]... [--dump FILE]
//
// `run` (SimulatorRun): the standard profile scaled to N agents (200 by default: the aim is one
// simulated year for 200 agents in under a minute) simulates D days (91) one simulated day at a
// time; only `Simulator.run(until:into:)` is timed. Checks between the timed calls: every line's
// id is the next number and its time is not before the previous line's; every line of a
// sample of M (20,000) spread over the run passes EventValidator. The reference: the first M
// lines, parsed (untimed), written again with JSONWriter (timed). Output: two measurements as
// JSON lines (TenetBenchSupport.RunMeasurement) on stdout, a line for people each on stderr.
//
// `scorecard` (ScorecardRun): D days (28) of the profile, or until DATE, fed to the metrics
// plugin's logic (MetricsService) with the philosophy: prints the scorecard at the end, and each
// query's figures over the last 7 days (for calibrating a profile against a philosophy's
// targets; docs/SIMULATOR.md); --dump writes the events to FILE as well.
import Foundation
import TenetBenchSupport
import TenetModels
import TenetPhilosophy
import TenetSimulator

func standardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

let usage = """
    usage: tenet-simulator-bench [run] [--agents N] [--days D] [--seed S] [--round K] [--philosophy FILE] [--profile FILE] [--sample M] [--start DATE]
           tenet-simulator-bench scorecard [--days D | --until DATE] [--seed S] [--philosophy FILE] [--profile FILE] [--start DATE]
               [--scenario NAME@TIME]... [--query METRIC,STAT,HOURS[,BY]]... [--dump FILE]
    """

struct Options {
    var mode = "run"
    var agents: Int?
    var days: Int?
    var seed: UInt64 = 42
    var round = 1
    var philosophy = "philosophy.example.yaml"
    var profile: String?
    var sample = 20_000
    var start = Timestamp(rfc3339: "2026-11-02T00:00:00+01:00")!
    var scenarios: [ScheduledScenario] = []
    var until: Timestamp?
    var queries: [String] = []
    var dump: String?
}

func parse(_ arguments: [String]) throws -> Options {
    var options = Options()
    var rest = arguments[...]
    if let first = rest.first, !first.hasPrefix("--") {
        guard first == "run" || first == "scorecard" else { throw BenchmarkError(code: .usage, message: "unknown mode '\(first)'") }
        options.mode = first
        rest = rest.dropFirst()
    }
    var iterator = rest.makeIterator()
    while let argument = iterator.next() {
        guard let value = iterator.next() else { throw BenchmarkError(code: .usage, message: "\(argument) needs a value") }
        func whole() throws -> Int {
            guard let number = Int(value.filter { $0 != "_" }), number >= 1 else {
                throw BenchmarkError(code: .usage, message: "\(argument) needs a whole number >= 1, not '\(value)'")
            }
            return number
        }
        switch argument {
        case "--agents": options.agents = try whole()
        case "--days": options.days = try whole()
        case "--seed": options.seed = UInt64(try whole())
        case "--round": options.round = try whole()
        case "--sample": options.sample = try whole()
        case "--philosophy": options.philosophy = value
        case "--profile": options.profile = value
        case "--start":
            guard let start = Timestamp(rfc3339: value) else { throw BenchmarkError(code: .usage, message: "--start needs an RFC 3339 time") }
            options.start = start
        case "--until":
            guard let until = Timestamp(rfc3339: value) else { throw BenchmarkError(code: .usage, message: "--until needs an RFC 3339 time") }
            options.until = until
        case "--query": options.queries.append(value)
        case "--dump": options.dump = value
        case "--scenario":
            let parts = value.split(separator: "@", maxSplits: 1).map(String.init)
            guard parts.count == 2, let at = Timestamp(rfc3339: parts[1]) else {
                throw BenchmarkError(code: .usage, message: "--scenario needs NAME@RFC3339-TIME")
            }
            options.scenarios.append(try ScheduledScenario(name: parts[0], start: at))
        default: throw BenchmarkError(code: .usage, message: "unknown argument '\(argument)'")
        }
    }
    return options
}

do {
    let options = try parse(Array(CommandLine.arguments.dropFirst()))
    let check = PhilosophyLoader.load(path: options.philosophy)
    guard let philosophy = check.philosophy else {
        throw BenchmarkError(code: .failed, message: "\(options.philosophy): \(check.errors.map(\.description).joined(separator: "; "))")
    }
    var profile = try options.profile.map { path throws(SimulationProfileError) in try SimulationProfile.load(path: path) } ?? .standard
    if options.mode == "run" {
        let agents = options.agents ?? 200
        profile = profile.scaled(by: Double(agents) / Double(profile.agentCount))
        let run = SimulatorRun(
            profile: profile, philosophy: philosophy, days: options.days ?? 91, seed: options.seed, start: options.start, round: options.round,
            sample: options.sample)
        for measurement in try run.run() { measurement.print() }
    } else {
        if let agents = options.agents { profile = profile.scaled(by: Double(agents) / Double(profile.agentCount)) }
        let run = ScorecardRun(
            profile: profile, philosophy: philosophy, days: options.days ?? 28, seed: options.seed, start: options.start, scenarios: options.scenarios,
            until: options.until, queries: options.queries, dump: options.dump)
        try run.run()
    }
} catch let error as BenchmarkError {
    standardError("tenet-simulator-bench: \(error)")
    if error.code == .usage { standardError(usage) }
    exit(error.code == .usage ? 2 : 1)
} catch {
    standardError("tenet-simulator-bench: \(error)")
    exit(1)
}
