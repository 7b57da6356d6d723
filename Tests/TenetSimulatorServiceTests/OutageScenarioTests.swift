import Foundation
import Testing
import TenetMetricsProtocol
import TenetMetricsServer
import TenetModels
import TenetPhilosophy
import TenetSimulator

/// One simulated event as the store would hand it to the metrics plugin.
struct SimulatedStoredEvent: StoredEventLike {
    var seq: Int64
    var id: String
    var json: [UInt8]
}

/// The outage scenario, measured by the metrics engine itself: within the simulated hour the
/// outage starts, first response time on chat and social falls off the example philosophy's
/// target (">= 80% within 15m"), while the same hour without the outage, same seed, is well above.
@Suite("Outage scenario through the metrics engine")
struct OutageScenarioTests {
    static let outage = Timestamp(rfc3339: "2026-11-04T10:00:00Z")!   // a Wednesday, 11:00 in Berlin
    static let start = Timestamp(rfc3339: "2026-11-02T00:00:00Z")!

    static func philosophy() throws -> Philosophy {
        var parts = #filePath.split(separator: "/").map(String.init)
        parts.removeLast(3)
        let path = "/" + parts.joined(separator: "/") + "/philosophy.example.yaml"
        let check = PhilosophyLoader.load(path: path)
        return try #require(check.philosophy, "\(check.errors)")
    }

    /// The share of chat and social first responses within 15 minutes (business hours) that
    /// completed in the hour from `outage`, with or without the outage.
    static func withinFifteenMinutes(outage scheduled: Bool) throws -> (share: Double, count: Int) {
        let philosophy = try philosophy()
        let scenarios = scheduled ? [try ScheduledScenario(name: "outage_spike", start: outage)] : []
        var simulator = try Simulator(
            profile: .standard, philosophy: philosophy, setup: SimulationSetup(seed: 11, start: start, scenarios: scenarios))
        let end = Timestamp(nanosecondsSinceEpoch: outage.nanosecondsSinceEpoch + 3_600_000_000_000)
        var bytes: [UInt8] = []
        simulator.run(until: end, into: &bytes)
        var service = MetricsService(philosophy: philosophy)
        var seq: Int64 = 0
        for line in bytes.split(separator: 0x0A) {
            seq += 1
            service.apply(SimulatedStoredEvent(seq: seq, id: "line-\(seq)", json: Array(line)))
        }
        let reply = try service.answer(
            MetricQueryRequest(
                metric: "first_response_time", stat: "within_15m", hours: "business", from: outage.rfc3339, to: end.rfc3339,
                where: ["channel": ["chat", "social"]]),
            now: end)
        let figure = try #require(reply.groups.first)
        return ((figure.value ?? .nan) / 100, figure.sampleSize)
    }

    @Test("the outage moves first response time off target within the hour it starts")
    func outageMissesTarget() throws {
        let calm = try Self.withinFifteenMinutes(outage: false)
        let outage = try Self.withinFifteenMinutes(outage: true)
        #expect(calm.count >= 20, "a weekday late morning has chats and social messages answered: \(calm)")
        #expect(calm.share >= 0.8, "without the outage the hour is on target: \(calm)")
        #expect(outage.share < 0.8, "with the outage the hour is off target: \(outage)")
        #expect(outage.share < calm.share - 0.2, "calm \(calm), outage \(outage)")
    }
}
