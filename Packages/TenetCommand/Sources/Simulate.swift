import ArgumentParser
import Foundation
import TenetBus
import TenetClock
import TenetIngestClient
import TenetModels
import TenetPhilosophy
import TenetSimulator
import TenetSimulatorService

/// `tenet simulate`: a simulated support center. Writes a history as NDJSON as fast as it can,
/// or, with `--speed`, sends live to the running stack (docs/SIMULATOR.md).
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a support center: write a history as NDJSON, or send live to the stack with --speed.",
        discussion: """
            Without --speed, writes --days of events from --start (default: that many days before today, \
            00:00 UTC) to --out (default: standard output) as fast as it can, and a summary on standard \
            error. With --speed, sends to the running stack's ingest plugin: simulated time starts at \
            --start (default: --days ago, or now without --days), runs --speed times faster than real \
            time until it reaches the wall clock, then in real time, until interrupted. The same seed, \
            profile, philosophy and start give byte-identical output.
            Scenarios: NAME[@WHEN][/DURATION], WHEN an RFC 3339 time or +DURATION after the start \
            (e.g. outage_spike@+2d9h/90m); names: \(ScheduledScenario.names.joined(separator: ", ")).
            """)

    @Option(help: "Days of simulated time (default 7 without --speed).")
    var days: Double?

    @Option(help: "The first simulated instant, RFC 3339 (2026-11-02T00:00:00Z) or a date (2026-11-02, 00:00 UTC).")
    var start: String?

    @Option(help: "The last simulated instant, exclusive, RFC 3339 (instead of --days).")
    var end: String?

    @Option(help: "The prefix of every event and conversation id (the plugin's segments use their own).")
    var idPrefix: String = "sim"

    @Option(help: "The seed: the same seed gives the same events.")
    var seed: UInt64 = 1

    @Option(help: "The profile (YAML; default: the standard profile, see --print-profile).")
    var profile: String?

    @Option(help: "The philosophy whose teams, zone and schedules the center follows.")
    var philosophy: String?

    @Option(help: "Multiplies arrivals and agents (e.g. 3.3 for about 200 agents).")
    var scale: Double = 1

    @Option(name: .customLong("scenario"), help: "A scenario to run (repeatable).")
    var scenarios: [String] = []

    @Option(help: "Where the NDJSON goes (- for standard output).")
    var out: String = "-"

    @Option(help: "Send live to the running stack at this many simulated seconds per real second (or max).")
    var speed: String?

    @Flag(help: "Print the standard profile and exit.")
    var printProfile = false

    @Flag(help: "Show the running stack's simulator plugin: where it is and what ingest made of its events.")
    var stats = false

    @Flag(help: "With --stats: print JSON.")
    var json = false

    @OptionGroup var data: DataOptions

    func run() throws {
        if printProfile {
            print(SimulationProfile.standardText, terminator: SimulationProfile.standardText.hasSuffix("\n") ? "" : "\n")
            return
        }
        if stats {
            try showStats()
            return
        }
        guard scale > 0, scale <= 1000 else { throw ValidationError("--scale must be above 0 and at most 1000") }
        if let days, !(days > 0) { throw ValidationError("--days must be above 0") }
        var loaded = try loadProfile()
        if scale != 1 { loaded = loaded.scaled(by: scale) }
        let philosophy = try loadPhilosophy()
        let now = Timestamp.now()
        if let speed {
            let pace: Double?
            do { pace = try SimulatorOptionText.speed(speed) } catch { throw ValidationError(error.message) }
            let begin = try startInstant(default: days.map { Self.instant(now, minusDays: $0) } ?? now)
            try runLive(profile: loaded, philosophy: philosophy, begin: begin, speed: pace, wall: now)
        } else {
            let span = days ?? 7
            let midnight = Timestamp(nanosecondsSinceEpoch: now.nanosecondsSinceEpoch - now.nanosecondsSinceEpoch % 86_400_000_000_000)
            let begin = try startInstant(default: Self.instant(midnight, minusDays: span.rounded(.up)))
            var finish = Timestamp(nanosecondsSinceEpoch: begin.nanosecondsSinceEpoch + Int64(span * 86_400 * 1e9))
            if let end {
                guard let instant = Timestamp(rfc3339: end), instant > begin else {
                    throw ValidationError("--end '\(end)' is not an RFC 3339 time after the start")
                }
                finish = instant
            }
            try writeHistory(profile: loaded, philosophy: philosophy, begin: begin, end: finish)
        }
    }

    private func loadProfile() throws -> SimulationProfile {
        guard let profile else { return .standard }
        do { return try SimulationProfile.load(path: profile) } catch { throw CommandFailure(message: "\(error)", exitCode: 1) }
    }

    private func loadPhilosophy() throws -> Philosophy? {
        guard let philosophy else { return nil }
        let check = PhilosophyLoader.load(path: philosophy)
        guard let loaded = check.philosophy, check.errors.isEmpty else {
            throw CommandFailure(
                message: check.errors.map { $0.description(file: philosophy) }.joined(separator: "\n"), exitCode: 1)
        }
        return loaded
    }

    private func startInstant(default fallback: Timestamp) throws -> Timestamp {
        guard let start else { return fallback }
        if let instant = Timestamp(rfc3339: start) ?? Timestamp(rfc3339: start + "T00:00:00Z") { return instant }
        throw ValidationError("--start '\(start)' is neither an RFC 3339 time nor a date such as 2026-11-02")
    }

    private func setup(_ begin: Timestamp, idPrefix: String) throws -> SimulationSetup {
        let parsed: [ScheduledScenario]
        do {
            parsed = try scenarios.map { text throws(SimulatorOptionError) in try SimulatorOptionText.scenario(text, base: begin) }
        } catch {
            throw ValidationError(error.message)
        }
        return SimulationSetup(seed: seed, start: begin, idPrefix: idPrefix, scenarios: parsed)
    }

    private func showStats() throws {
        let endpoint = try Send.pluginEndpoint("simulator", dataPath: data.data)
        let context = try ZMQContext()
        defer { context.terminate() }
        let client = try BusRequestClient(context: context, endpoint: endpoint, sender: "tenet-cli")
        defer { client.close() }
        let stats = try client.request("stats", body: EmptyBody(), timeout: .seconds(10), as: SimulatorStats.self)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            print(String(decoding: try encoder.encode(stats), as: UTF8.self))
            return
        }
        print("""
            segment \(stats.segment) from \(stats.segmentStart), seed \(stats.seed)
            simulated time \(stats.simulated) (\(stats.live ? "live, in real time" : "catching up, \(Int(stats.behindSeconds)) s behind the wall clock at \(stats.speed.map { "\(Self.format($0))×" } ?? "full speed")"))
            acknowledged up to \(stats.acknowledged)
            lines submitted \(stats.linesSubmitted), acknowledged since start \(stats.linesAcknowledged), retries \(stats.retries)
            accepted \(stats.accepted), duplicates \(stats.duplicates), conflicts \(stats.conflicts), rejected \(stats.rejected)
            """)
    }

    private func writeHistory(profile: SimulationProfile, philosophy: Philosophy?, begin: Timestamp, end: Timestamp) throws {
        var simulator: Simulator
        do {
            simulator = try Simulator(profile: profile, philosophy: philosophy, setup: try setup(begin, idPrefix: idPrefix))
        } catch let error as SimulationProfileError {
            throw CommandFailure(message: "\(error)", exitCode: 1)
        }
        let output: FileHandle
        if out == "-" {
            output = .standardOutput
        } else {
            guard FileManager.default.createFile(atPath: out, contents: nil), let handle = FileHandle(forWritingAtPath: out) else {
                throw CommandFailure(message: "cannot write \(out)", exitCode: 2)
            }
            output = handle
        }
        defer { if out != "-" { try? output.close() } }
        let clock = ContinuousClock()
        let started = clock.now
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 21)
        var events = 0
        var bytes = 0
        while simulator.now < end {
            let step = Timestamp(nanosecondsSinceEpoch: min(end.nanosecondsSinceEpoch, simulator.now.nanosecondsSinceEpoch + 3_600_000_000_000))
            events += simulator.run(until: step, into: &buffer)
            if buffer.count >= 1 << 20 || simulator.now >= end {
                try output.write(contentsOf: buffer)
                bytes += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        let seconds = (clock.now - started).totalSeconds
        FileHandle.standardError.write(Data("""
            simulated \(begin.rfc3339) to \(end.rfc3339): \(events) events, \(bytes) bytes in \(String(format: "%.2f", seconds)) s \
            (\(Int(Double(events) / max(seconds, 1e-9))) events/s)

            """.utf8))
    }

    private func runLive(profile: SimulationProfile, philosophy: Philosophy?, begin: Timestamp, speed: Double?, wall: Timestamp) throws {
        let idPrefix = SimulatorState.idPrefix(for: begin)
        let simulator: Simulator
        do {
            simulator = try Simulator(profile: profile, philosophy: philosophy, setup: try setup(begin, idPrefix: idPrefix))
        } catch let error as SimulationProfileError {
            throw CommandFailure(message: "\(error)", exitCode: 1)
        }
        let endpoint = try Send.pluginEndpoint("ingest", dataPath: data.data)
        let context = try ZMQContext()
        defer { context.terminate() }
        let sender = try IngestSender(
            context: context, endpoint: endpoint, source: "simulate:" + idPrefix, sender: "tenet-simulate",
            configuration: IngestSender.Configuration(keptErrors: 100))
        let sink = IngestLineSink(sender: sender)
        var live = LiveSimulation(
            simulator: simulator,
            state: SimulatorState(seed: seed, segmentStart: begin, idPrefix: idPrefix, reached: begin, lines: 0, fingerprint: ""),
            pace: SimulationPace(simulatedStart: begin, wallStart: wall, speed: speed, followsWallClock: true))
        var finish = days.map { Timestamp(nanosecondsSinceEpoch: begin.nanosecondsSinceEpoch + Int64($0 * 86_400 * 1e9)) }
        if let end {
            guard let instant = Timestamp(rfc3339: end), instant > begin else {
                throw ValidationError("--end '\(end)' is not an RFC 3339 time after the start")
            }
            finish = instant
        }
        live.end = finish
        FileHandle.standardError.write(Data("simulating from \(begin.rfc3339) into the stack (Ctrl-C stops)\n".utf8))
        var lastReport = Timestamp.now()
        while true {
            let now = Timestamp.now()
            do {
                try live.advance(wall: now, into: sink)
                if live.isCaughtUp(wall: now, tolerance: .milliseconds(50)) || !sink.hasRoom {
                    live.acknowledge(try sender.poll(timeout: .milliseconds(50)).map(\.batch))
                }
            } catch let error as IngestSenderError {
                throw CommandFailure(message: error.message, exitCode: 2)
            }
            if let finish, live.simulator.now >= finish {
                do { try sender.finish() } catch { throw CommandFailure(message: error.message, exitCode: 2) }
                break
            }
            if now.nanosecondsSinceEpoch - lastReport.nanosecondsSinceEpoch >= 5_000_000_000 {
                lastReport = now
                let report = sender.report
                FileHandle.standardError.write(Data(
                    "at \(live.simulator.now.rfc3339): accepted \(report.accepted), duplicates \(report.duplicates), rejected \(report.rejected)\n".utf8))
            }
        }
        Send.print(sender.report, skipped: nil)
        if !sender.report.isClean { throw ExitCode(1) }
    }

    private static func instant(_ base: Timestamp, minusDays days: Double) -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: base.nanosecondsSinceEpoch - Int64(days * 86_400 * 1e9))
    }


    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
