import Foundation
import Testing
import TenetIngestClient
import TenetModels
import TenetPhilosophy
import TenetSimulator
import TenetSimulatorService

/// A sink that keeps every batch and acknowledges only what the test says.
final class RecordingSink: LineSink {
    var batches: [LineBatch] = []
    var room = true
    var ready: [LineBatch] = []

    var hasRoom: Bool { room }
    func submit(_ batch: LineBatch) throws { batches.append(batch) }
    func acknowledged() throws -> [LineBatch] {
        defer { ready = [] }
        return ready
    }
    var lines: [String] { batches.flatMap(\.lines) }
}

@Suite("Live simulation: paced delivery, acknowledged progress, exact resume")
struct LiveSimulationTests {
    static let start = Timestamp(rfc3339: "2026-11-02T06:00:00Z")!
    static let wallStart = Timestamp(rfc3339: "2026-11-27T12:00:00Z")!

    static func wall(_ seconds: Int64) -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: wallStart.nanosecondsSinceEpoch + seconds * 1_000_000_000)
    }

    /// The example philosophy: its teams, zone and schedules, as the plugin runs in `make run`.
    static let philosophy: Philosophy? = {
        var parts = #filePath.split(separator: "/").map(String.init)
        parts.removeLast(3)
        return PhilosophyLoader.load(path: "/" + parts.joined(separator: "/") + "/philosophy.example.yaml").philosophy
    }()

    static func simulator(seed: UInt64 = 7, start: Timestamp = start, prefix: String = "t") throws -> Simulator {
        try Simulator(profile: .standard, philosophy: philosophy, setup: SimulationSetup(seed: seed, start: start, idPrefix: prefix))
    }

    static func state(seed: UInt64 = 7, prefix: String = "t") -> SimulatorState {
        SimulatorState(seed: seed, segmentStart: start, idPrefix: prefix, reached: start, lines: 0, fingerprint: "f")
    }

    /// The simulator's own output from `start` to `end`, in one run.
    static func oneRun(until end: Timestamp, seed: UInt64 = 7) throws -> [String] {
        var simulator = try simulator(seed: seed)
        var bytes: [UInt8] = []
        simulator.run(until: end, into: &bytes)
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test("paced delivery gives exactly the lines of one uninterrupted run, numbered 1… in batches of at most 1000")
    func pacedEqualsOneRun() throws {
        // Speed 3600: one simulated hour per real second; 6 simulated hours in 6 steps of the wall clock.
        var live = LiveSimulation(
            simulator: try Self.simulator(), state: Self.state(),
            pace: SimulationPace(simulatedStart: Self.start, wallStart: Self.wallStart, speed: 3600, followsWallClock: false))
        let sink = RecordingSink()
        for second in 1...6 {
            while !live.isCaughtUp(wall: Self.wall(Int64(second))) {
                try live.advance(wall: Self.wall(Int64(second)), into: sink, maximumLines: 500)
            }
        }
        let end = Timestamp(nanosecondsSinceEpoch: Self.start.nanosecondsSinceEpoch + 6 * 3_600_000_000_000)
        #expect(live.simulator.now == end)
        let expected = try Self.oneRun(until: end)
        #expect(expected.count > 100, "six hours of a Monday morning give events")
        #expect(sink.lines == expected)
        var next = 1
        for batch in sink.batches {
            #expect(batch.firstLine == next)
            #expect(batch.lines.count <= LiveSimulation.batchSize)
            next += batch.lines.count
        }
        #expect(live.submittedLines == expected.count)
    }

    @Test("runs cut at irregular instants, to the nanosecond, give the bytes of one run")
    func irregularBoundaries() throws {
        var generator = SeededRandom(seed: 3)
        var simulator = try Self.simulator()
        let end = Timestamp(nanosecondsSinceEpoch: Self.start.nanosecondsSinceEpoch + 8 * 3_600_000_000_000)
        var bytes: [UInt8] = []
        var cut = Self.start.nanosecondsSinceEpoch
        while cut < end.nanosecondsSinceEpoch {
            cut = min(end.nanosecondsSinceEpoch, cut + Int64(generator.next() % 90_000_000_000))
            simulator.run(until: Timestamp(nanosecondsSinceEpoch: cut), into: &bytes)
            #expect(simulator.now == Timestamp(nanosecondsSinceEpoch: cut))
        }
        let expected = try Self.oneRun(until: end)
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.count == expected.count)
        let firstDifference = zip(lines, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(firstDifference == nil, "line \(firstDifference ?? -1): \(firstDifference.map { lines[$0] } ?? "") vs \(firstDifference.map { expected[$0] } ?? "")")
    }

    @Test("the state moves only as far as every earlier batch is acknowledged, whatever the order of the acknowledgements")
    func acknowledgedFrontier() throws {
        var live = LiveSimulation(
            simulator: try Self.simulator(), state: Self.state(),
            pace: SimulationPace(simulatedStart: Self.start, wallStart: Self.wallStart, speed: nil, followsWallClock: false))
        live.end = Timestamp(nanosecondsSinceEpoch: Self.start.nanosecondsSinceEpoch + 12 * 3_600_000_000_000)
        let sink = RecordingSink()
        while !live.isCaughtUp(wall: Self.wallStart) {
            try live.advance(wall: Self.wallStart, into: sink, maximumLines: .max)
        }
        try #require(sink.batches.count >= 30, "twelve hours give many batches")
        #expect(live.state.reached == Self.start && live.state.lines == 0)
        // Every batch but one in the middle, in reverse order: the state stops before that one.
        let held = sink.batches.count * 2 / 3
        live.acknowledge(Array(sink.batches.enumerated().filter { $0.offset != held }.map(\.element).reversed()))
        let before = sink.batches[held].firstLine - 1
        #expect(live.state.lines <= before && live.state.lines > 0, "\(live.state.lines) of \(before)")
        #expect(live.state.reached > Self.start && live.state.reached < live.simulator.now)
        // Every line before `reached` is among the acknowledged ones, and none after it.
        #expect(try Self.oneRun(until: live.state.reached).count == live.state.lines)
        // Then the one held back: everything is acknowledged, up to the end.
        live.acknowledge([sink.batches[held]])
        #expect(live.state.lines == live.submittedLines)
        #expect(live.state.reached == live.end)
        #expect(live.outstandingBatches == 0)
    }

    @Test("a sink without room stops the simulation where it is")
    func backPressure() throws {
        var live = LiveSimulation(
            simulator: try Self.simulator(), state: Self.state(),
            pace: SimulationPace(simulatedStart: Self.start, wallStart: Self.wallStart, speed: nil, followsWallClock: false))
        let sink = RecordingSink()
        sink.room = false
        #expect(try live.advance(wall: Self.wall(5), into: sink) == 0)
        #expect(live.simulator.now == Self.start)
        #expect(sink.batches.isEmpty)
    }

    @Test("a replayed segment goes on with exactly the events an uninterrupted run gives")
    func exactResume() throws {
        let hours: Int64 = 10
        let end = Timestamp(nanosecondsSinceEpoch: Self.start.nanosecondsSinceEpoch + hours * 3_600_000_000_000)
        var first = LiveSimulation(
            simulator: try Self.simulator(), state: Self.state(),
            pace: SimulationPace(simulatedStart: Self.start, wallStart: Self.wallStart, speed: nil, followsWallClock: false))
        first.end = Timestamp(nanosecondsSinceEpoch: Self.start.nanosecondsSinceEpoch + 4 * 3_600_000_000_000)
        let sink = RecordingSink()
        while !first.isCaughtUp(wall: Self.wallStart) {
            try first.advance(wall: Self.wallStart, into: sink, maximumLines: .max)
        }
        // Only the first batch is acknowledged before the "crash".
        first.acknowledge([sink.batches[0]])
        let saved = first.state
        let simulator = try #require(try LiveSimulation.replay(profile: .standard, philosophy: Self.philosophy, scenarios: [], state: saved))
        var second = LiveSimulation(
            simulator: simulator, state: saved,
            pace: SimulationPace(simulatedStart: saved.reached, wallStart: Self.wallStart, speed: nil, followsWallClock: false))
        second.end = end
        let resumed = RecordingSink()
        while !second.isCaughtUp(wall: Self.wallStart) {
            try second.advance(wall: Self.wallStart, into: resumed, maximumLines: .max)
        }
        let expected = try Self.oneRun(until: end)
        #expect(Array(expected.prefix(saved.lines)) + resumed.lines == expected)
        #expect(resumed.batches.first?.firstLine == saved.lines + 1)
        // The lines sent again after the crash are the same events, by id, as those sent before it.
        let resent = Set(sink.lines.dropFirst(saved.lines))
        #expect(!resent.isEmpty && resent.isSubset(of: Set(resumed.lines)))
        // A state whose line count does not match its replay is refused.
        var tampered = saved
        tampered.lines += 1
        #expect(try LiveSimulation.replay(profile: .standard, philosophy: Self.philosophy, scenarios: [], state: tampered) == nil)
    }
}
