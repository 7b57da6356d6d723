// tenet-web-bench: the web plugin's live stream and the dashboard's first paint (issue 11;
// Scripts/bench.sh, BENCH_SUITES=web).
//
//   tenet-web-bench --bin DIR [--clients 100] [--messages 200] [--interval-ms 20] [--round K] [--work DIR]
//   tenet-web-bench --phase first-paint --bin DIR --repository DIR [--days 7] [--navigations 10] [--round K] [--work DIR]
//
// --phase fan-out (the default):
// Starts a stack with the web plugin alone (`DIR/tenet up`), connects server-sent events clients
// to /v1/stream over real HTTP connections (one thread reads them all, as fast as bytes come),
// and publishes metric events on the event bus on a fixed schedule, each stamped with the
// publisher's CLOCK_MONOTONIC; a client's latency for a message is its arrival minus the stamp.
// Two phases, their order alternating by round: N clients at once (the subject; aim: every client
// within 100 ms) and one client (the reference), with a plain SUB socket on the bus reading the
// same messages throughout (the bus hop every client's latency includes). A phase in which any
// client or the subscriber misses a message exits 1 without printing a measurement. Output: JSON
// lines (TenetBenchSupport.RunMeasurement) on stdout, a line for people on stderr.
//
// --phase first-paint (FirstPaintRun): a stack with store, ingest, metrics and web on the
// repository's philosophy.example.yaml, --days simulated days (fixed seed) sent and applied by the
// metrics plugin; one headless Chromium (/usr/bin/chromium, through Scripts/devtools_bridge.py)
// loads, --navigations times in alternating order after a warm-up, the dashboard with its token
// (first contentful paint, scorecard filled), the same page without the token and a tiny static
// page. A load that does not check out (rows ≠ series, a script error) exits 1.
import Foundation
import TenetBenchSupport

func standardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

let usage = """
    usage: tenet-web-bench --bin DIR [--clients N] [--messages N] [--interval-ms MS] [--round K] [--work DIR]
           tenet-web-bench --phase first-paint --bin DIR --repository DIR [--days N] [--navigations N] [--round K] [--work DIR]
    """

/// The command line's `--NAME VALUE` pairs; exits 2 on a malformed one.
func options() -> [String: String] {
    var values: [String: String] = [:]
    var arguments = CommandLine.arguments.dropFirst().makeIterator()
    while let argument = arguments.next() {
        guard argument.hasPrefix("--"), let value = arguments.next() else {
            standardError("tenet-web-bench: \(argument): expected --NAME VALUE\n\(usage)")
            exit(2)
        }
        values[String(argument.dropFirst(2))] = value
    }
    let known: Set<String> = ["bin", "clients", "messages", "interval-ms", "round", "work", "phase", "repository", "days", "navigations"]
    if let unknown = values.keys.sorted().first(where: { !known.contains($0) }) {
        standardError("tenet-web-bench: unknown argument --\(unknown)\n\(usage)")
        exit(2)
    }
    return values
}

/// The whole number `--name`, at least 1.
func whole(_ values: [String: String], _ name: String, _ fallback: Int) -> Int {
    guard let text = values[name] else { return fallback }
    guard let value = Int(text), value >= 1 else {
        standardError("tenet-web-bench: --\(name) needs a whole number >= 1, not '\(text)'\n\(usage)")
        exit(2)
    }
    return value
}

let values = options()
let clients = whole(values, "clients", 100), messages = whole(values, "messages", 200)
let intervalMS = whole(values, "interval-ms", 20), round = whole(values, "round", 1)
guard let bin = values["bin"] else {
    standardError("tenet-web-bench: --bin is required\n\(usage)")
    exit(2)
}
let work = values["work"] ?? NSTemporaryDirectory()
guard clients > 1 else {
    standardError("tenet-web-bench: --clients must be above 1 (one client is the reference)")
    exit(2)
}

let phase = values["phase"] ?? "fan-out"
guard phase == "fan-out" || phase == "first-paint" else {
    standardError("tenet-web-bench: --phase is fan-out or first-paint, not '\(phase)'\n\(usage)")
    exit(2)
}

if phase == "first-paint" {
    guard let repository = values["repository"] else {
        standardError("tenet-web-bench: --phase first-paint needs --repository (philosophy.example.yaml, Scripts/devtools_bridge.py)\n\(usage)")
        exit(2)
    }
    do {
        let run = FirstPaintRun(
            bin: bin, work: work, repository: repository, days: whole(values, "days", 7), navigations: whole(values, "navigations", 10), round: round)
        for measurement in try run.run() {
            measurement.print()
            let settings = measurement.settings
            standardError(
                "tenet-web-bench: round \(round), \(measurement.subject): first paint p50 \(settings["fcp_p50_ms"] ?? "?") ms, "
                    + "p90 \(settings["fcp_p90_ms"] ?? "?") ms" + (settings["ready_p50_ms"].map { ", scorecard filled p50 \($0) ms" } ?? "")
                    + " (\(settings["series"] ?? "?") series, \(settings["events"] ?? "?") events)")
        }
    } catch {
        standardError("tenet-web-bench: \(error)")
        exit(1)
    }
    exit(0)
}

do {
    let run = FanOutRun(bin: bin, work: work, clients: clients, messages: messages, interval: .milliseconds(intervalMS), round: round)
    let measurements = try run.run()
    for measurement in measurements {
        measurement.print()
        let settings = measurement.settings
        standardError(
            "tenet-web-bench: round \(round), \(measurement.subject) (\(measurement.variant)): p50 \(settings["p50_ms"] ?? "?") ms, "
                + "p99 \(settings["p99_ms"] ?? "?") ms, max \(settings["max_ms"] ?? "?") ms, within 100 ms \(settings["within_100ms"] ?? "?")")
    }
} catch {
    standardError("tenet-web-bench: \(error)")
    exit(1)
}
