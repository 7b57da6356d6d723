import Foundation
import Testing
import TenetModels
import TenetSimulator
import TenetSimulatorService

@Suite("Simulator segments: resume, start anew, and the state file")
struct SimulatorSegmentsTests {
    static let wall = Timestamp(rfc3339: "2026-11-27T12:00:00Z")!

    static func hoursBefore(_ hours: Int64) -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: wall.nanosecondsSinceEpoch - hours * 3_600_000_000_000)
    }

    static func plan(_ previous: SimulatorState?, fingerprint: String = "f", settings: SimulatorSettings = SimulatorSettings()) throws
        -> SimulatorSegments.Plan
    {
        try SimulatorSegments.plan(
            previous: previous, settings: settings, profile: .standard, philosophy: nil, fingerprint: fingerprint, wall: wall)
    }

    /// A state as a run from `start` that reached `reached` leaves it.
    static func ran(from start: Timestamp, to reached: Timestamp, seed: UInt64 = 1) throws -> SimulatorState {
        let prefix = SimulatorState.idPrefix(for: start)
        var simulator = try Simulator(profile: .standard, philosophy: nil, setup: SimulationSetup(seed: seed, start: start, idPrefix: prefix))
        var bytes: [UInt8] = []
        let lines = simulator.run(until: reached, into: &bytes)
        return SimulatorState(seed: seed, segmentStart: start, idPrefix: prefix, reached: reached, lines: lines, fingerprint: "f")
    }

    @Test("a first run starts one history ago, with the configured seed")
    func firstRun() throws {
        let plan = try Self.plan(nil)
        #expect(!plan.resumed)
        #expect(plan.state.segmentStart == Self.hoursBefore(24) && plan.state.reached == Self.hoursBefore(24))
        #expect(plan.state.seed == 1 && plan.state.lines == 0 && plan.state.fingerprint == "f")
        #expect(plan.state.announcesInitialCustomers, "the first segment announces the initial customers")
        #expect(plan.simulator.now == Self.hoursBefore(24))
        #expect(plan.reason.contains("first run"))
    }

    @Test("a segment starts on a whole second, and a saved state replays to the same place")
    func wholeInstants() throws {
        let wall = Timestamp(nanosecondsSinceEpoch: Self.wall.nanosecondsSinceEpoch + 123_456_789)
        let plan = try SimulatorSegments.plan(
            previous: nil, settings: SimulatorSettings(), profile: .standard, philosophy: nil, fingerprint: "f", wall: wall)
        #expect(plan.state.segmentStart == Self.hoursBefore(24))
        // Delivered at an odd instant, the state still round-trips through its file unchanged.
        var live = LiveSimulation(
            simulator: plan.simulator, state: plan.state,
            pace: SimulationPace(simulatedStart: plan.state.reached, wallStart: wall, speed: nil, followsWallClock: true))
        let sink = RecordingSink()
        try live.advance(wall: Timestamp(nanosecondsSinceEpoch: wall.nanosecondsSinceEpoch - 20 * 3_600_000_000_000 + 987_654), into: sink)
        live.acknowledge(sink.batches)
        #expect(live.state.reached.nanosecondsSinceEpoch % 1_000_000 == 0)
        let data = try JSONEncoder().encode(live.state)
        #expect(try JSONDecoder().decode(SimulatorState.self, from: data) == live.state)
    }

    @Test("an unchanged segment within the history is resumed where it reached")
    func resumes() throws {
        let previous = try Self.ran(from: Self.hoursBefore(20), to: Self.hoursBefore(8))
        #expect(previous.lines > 0)
        let plan = try Self.plan(previous)
        #expect(plan.resumed)
        #expect(plan.state == previous)
        #expect(plan.simulator.now == previous.reached)
    }

    @Test("a changed fingerprint, a long segment or a wrong line count start a new segment where the last one reached")
    func newSegmentAtReached() throws {
        let previous = try Self.ran(from: Self.hoursBefore(20), to: Self.hoursBefore(8))
        var short = SimulatorSettings()
        short.replayLimit = .seconds(3_600)
        var miscounted = previous
        miscounted.lines -= 1
        for (plan, says) in [
            (try Self.plan(previous, fingerprint: "g"), "changed"), (try Self.plan(previous, settings: short), "replay limit"),
            (try Self.plan(miscounted), "did not give"),
        ] {
            #expect(!plan.resumed)
            #expect(plan.state.segmentStart == previous.reached && plan.state.reached == previous.reached)
            #expect(plan.state.idPrefix != previous.idPrefix)
            #expect(plan.state.seed != previous.seed, "a new segment does not repeat the last one's randomness")
            #expect(!plan.state.announcesInitialCustomers, "the customers were announced by the first segment")
            #expect(plan.reason.contains(says), "\(plan.reason)")
        }
    }

    @Test("a continuing segment announces neither the initial customers nor the month's roster again")
    func continuation() throws {
        let start = Timestamp(rfc3339: "2026-11-10T00:00:00Z")!
        let end = Timestamp(rfc3339: "2026-11-11T00:00:00Z")!
        func count(announcing: Bool) throws -> (customers: Int, roster: Int) {
            var simulator = try Simulator(
                profile: .standard, philosophy: nil,
                setup: SimulationSetup(seed: 2, start: start, idPrefix: "x", announcesInitialCustomers: announcing))
            var bytes: [UInt8] = []
            simulator.run(until: end, into: &bytes)
            let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
            return (lines.count { $0.contains(#""type":"customer.started""#) }, lines.count { $0.contains(#""type":"x.employee.active""#) })
        }
        let first = try count(announcing: true)
        let continuing = try count(announcing: false)
        #expect(first.customers >= 24_000 && first.roster > 0, "\(first)")
        #expect(continuing.customers < 1_000, "only the day's new customers: \(continuing)")
        #expect(continuing.roster == 0)
    }

    @Test("a gap longer than the history is skipped")
    func skipsGap() throws {
        let previous = try Self.ran(from: Self.hoursBefore(80), to: Self.hoursBefore(70))
        let plan = try Self.plan(previous)
        #expect(!plan.resumed)
        #expect(plan.state.segmentStart == Self.hoursBefore(24))
        #expect(plan.reason.contains("skipped"))
    }

    @Test("the state file round-trips, is the owner's alone, and a damaged one is refused")
    func stateFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tenet-sim-state-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/state.json"
        #expect(try SimulatorState.load(path: path) == nil)
        let state = SimulatorState(
            seed: 18_446_744_073_709_551_615, segmentStart: Self.hoursBefore(3), idPrefix: SimulatorState.idPrefix(for: Self.hoursBefore(3)),
            reached: Self.wall, lines: 12_345, fingerprint: "abc")
        try state.save(path: path)
        #expect(try SimulatorState.load(path: path) == state)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        try Data("{\"version\":1,\"seed\":1".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: (any Error).self) { try SimulatorState.load(path: path) }
        #expect(SimulatorState.idPrefix(for: Timestamp(rfc3339: "1970-01-01T00:00:36Z")!) == "s10")
    }
}
