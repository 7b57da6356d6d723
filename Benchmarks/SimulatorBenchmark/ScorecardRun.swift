import Foundation
import TenetBenchSupport
import TenetMetricsProtocol
import TenetMetricsServer
import TenetModels
import TenetPhilosophy
import TenetSimulator

/// Days of a profile measured by the metrics plugin's logic, and the scorecard at the end: how
/// a profile sits against a philosophy's targets.
struct ScorecardRun {
    var profile: SimulationProfile
    var philosophy: Philosophy
    var days: Int
    var seed: UInt64
    var start: Timestamp
    var scenarios: [ScheduledScenario]
    var until: Timestamp?
    var queries: [String]
    var dump: String?

    struct Stored: StoredEventLike {
        var seq: Int64
        var id: String
        var json: [UInt8]
    }

    func run() throws {
        var simulator = try Simulator(
            profile: profile, philosophy: philosophy, setup: SimulationSetup(seed: seed, start: start, scenarios: scenarios))
        var service = MetricsService(philosophy: philosophy)
        let end = until ?? Timestamp(nanosecondsSinceEpoch: start.nanosecondsSinceEpoch + Int64(days) * 86_400_000_000_000)
        var buffer: [UInt8] = []
        var seq: Int64 = 0
        var file: FileHandle?
        if let dump {
            _ = FileManager.default.createFile(atPath: dump, contents: nil)
            file = FileHandle(forWritingAtPath: dump)
        }
        defer { try? file?.close() }
        var t = start.nanosecondsSinceEpoch
        while t < end.nanosecondsSinceEpoch {
            t = min(end.nanosecondsSinceEpoch, t + 86_400_000_000_000)
            simulator.run(until: Timestamp(nanosecondsSinceEpoch: t), into: &buffer)
            file?.write(Data(buffer))
            var lineStart = 0
            for position in buffer.indices where buffer[position] == UInt8(ascii: "\n") {
                seq += 1
                service.apply(Stored(seq: seq, id: String(seq), json: Array(buffer[lineStart..<position])))
                lineStart = position + 1
            }
            buffer.removeAll(keepingCapacity: true)
        }
        print("# \(simulator.tally.summary)")
        print("# \(seq) events, unreadable \(service.unreadable); scorecard at \(end.rfc3339)")
        let weekAgo = Timestamp(nanosecondsSinceEpoch: end.nanosecondsSinceEpoch - 7 * 86_400_000_000_000)
        for query in queries {
            let parts = query.split(separator: ",").map(String.init)
            guard parts.count >= 3 else { throw BenchmarkError(code: .usage, message: "--query needs METRIC,STAT,HOURS[,BY]") }
            let request = MetricQueryRequest(
                metric: parts[0], stat: parts[1], hours: parts[2], from: weekAgo.rfc3339, to: end.rfc3339, by: parts.count > 3 ? [parts[3]] : nil)
            let reply = try service.answer(request, now: end)
            for group in reply.groups {
                let dims = group.dimensions.keys.sorted().map { "\($0)=\((group.dimensions[$0] ?? nil) ?? "-")" }.joined(separator: ",")
                print("? \(query) \(dims): \(group.value.map { Statistics.fixed($0, 2) } ?? "–") n=\(group.sampleSize)")
            }
        }
        let now = Timestamp(nanosecondsSinceEpoch: end.nanosecondsSinceEpoch - 1_000_000_000)
        for figure in service.scorecard(now: now) {
            let filter = figure.filter.keys.sorted().map { "\($0)=\(figure.filter[$0]!.joined(separator: ","))" }.joined(separator: " ")
            let owner = figure.value ?? figure.team.map { "team \($0)" } ?? ""
            let dims = figure.figure.dimensions.keys.sorted().map { "\($0)=\((figure.figure.dimensions[$0] ?? nil) ?? "-")" }.joined(separator: ",")
            let value = figure.figure.value.map { Statistics.fixed($0, 2) } ?? "–"
            print(
                [owner, figure.metric, figure.stat, figure.hours, figure.period, filter, dims, figure.target ?? "", value, "n=\(figure.figure.sampleSize)",
                 figure.status ?? ""].joined(separator: " | "))
        }
    }
}
