import TenetClock
import TenetIngestClient
import TenetModels
import TenetPhilosophy
import TenetSimulator

/// A simulation delivered at a pace: each ``advance(wall:into:)`` runs the simulator up to where
/// its ``SimulationPace`` allows (no further while the sink has no room, so a slow ingest slows
/// the simulation down instead of piling events up), hands the lines to a ``LineSink`` in
/// numbered batches, and moves ``state`` on as far as the sink has acknowledged every line.
///
/// Lines are numbered from 1 within a segment, so a replayed segment gives every event the line
/// number it had the first time.
public struct LiveSimulation {
    /// Lines per batch at most.
    public static let batchSize = 1000
    /// Simulated time run at once at most, so that batches stay small at high speeds.
    public static let step: Int64 = 60 * 1_000_000_000

    /// The segment and how far it is acknowledged.
    public private(set) var state: SimulatorState
    /// How fast simulated time may run.
    public var pace: SimulationPace
    /// Lines handed to the sink in this segment (numbered 1…).
    public private(set) var submittedLines: Int
    /// Simulated time is not run past this instant (`nil`: no end).
    public var end: Timestamp?
    /// The simulator, for its tally.
    public private(set) var simulator: Simulator

    private var marks: [(lines: Int, reached: Timestamp)] = []
    private var unacknowledged: [Int: Int] = [:]
    private var buffer: [UInt8] = []

    /// Continues `simulator`, which has run exactly up to `state.reached` and given
    /// `state.lines` lines.
    public init(simulator: Simulator, state: SimulatorState, pace: SimulationPace) {
        self.simulator = simulator
        self.state = state
        self.pace = pace
        submittedLines = state.lines
    }

    /// Builds the simulator for `state`'s segment and replays it, without delivering, up to
    /// `state.reached`. Returns `nil` when the replay does not give `state.lines` lines (the
    /// profile, the philosophy or Tenet itself changed how events come out): the caller then
    /// starts a new segment at `state.reached`.
    public static func replay(
        profile: SimulationProfile, philosophy: Philosophy?, scenarios: [ScheduledScenario], state: SimulatorState
    ) throws -> Simulator? {
        var simulator = try Simulator(profile: profile, philosophy: philosophy, setup: state.setup(scenarios: scenarios))
        var scratch: [UInt8] = []
        var lines = 0
        while simulator.now < state.reached {
            let end = Timestamp(nanosecondsSinceEpoch: min(
                state.reached.nanosecondsSinceEpoch, simulator.now.nanosecondsSinceEpoch + 3600 * 1_000_000_000))
            scratch.removeAll(keepingCapacity: true)
            lines += simulator.run(until: end, into: &scratch)
        }
        return lines == state.lines ? simulator : nil
    }

    /// Whether the simulation has caught up with its pace's target at `wall`, or is behind it by
    /// at most `tolerance` (the wall clock moves on between two looks at it).
    public func isCaughtUp(wall: Timestamp, tolerance: Duration = .zero) -> Bool {
        let slack = tolerance.totalNanoseconds
        let target = min(pace.target(at: wall), end ?? .init(nanosecondsSinceEpoch: .max))
        return simulator.now.nanosecondsSinceEpoch >= target.nanosecondsSinceEpoch - slack
    }

    /// Takes the sink's acknowledgements, then runs and delivers up to the pace's target at
    /// `wall`, at most `maximumLines` lines (roughly: a step is never cut). Returns the lines
    /// delivered.
    @discardableResult
    public mutating func advance(wall: Timestamp, into sink: some LineSink, maximumLines: Int = 4 * batchSize) throws -> Int {
        acknowledge(try sink.acknowledged())
        let target = min(pace.target(at: wall), end ?? .init(nanosecondsSinceEpoch: .max))
        var delivered = 0
        while simulator.now < target && sink.hasRoom && delivered < maximumLines {
            // Whole milliseconds, as the state file keeps instants: a replay up to `reached`
            // then stops exactly where this run did.
            let next = min(target.nanosecondsSinceEpoch, simulator.now.nanosecondsSinceEpoch + Self.step)
            let whole = next - next % 1_000_000
            guard whole > simulator.now.nanosecondsSinceEpoch else { break }
            let end = Timestamp(nanosecondsSinceEpoch: whole)
            buffer.removeAll(keepingCapacity: true)
            let count = simulator.run(until: end, into: &buffer)
            if count > 0 {
                var lines: [String] = []
                lines.reserveCapacity(min(count, Self.batchSize))
                var lineStart = 0
                for index in buffer.indices where buffer[index] == 0x0A {
                    lines.append(String(decoding: buffer[lineStart..<index], as: UTF8.self))
                    lineStart = index + 1
                    if lines.count == Self.batchSize {
                        try submit(lines, to: sink)
                        lines.removeAll(keepingCapacity: true)
                    }
                }
                if !lines.isEmpty { try submit(lines, to: sink) }
                delivered += count
            }
            marks.append((submittedLines, end))
        }
        acknowledge([])
        return delivered
    }

    /// Records acknowledged batches and moves ``state`` to the last instant before which every
    /// line is acknowledged.
    public mutating func acknowledge(_ batches: [LineBatch]) {
        for batch in batches { unacknowledged[batch.firstLine] = nil }
        let contiguous = (unacknowledged.keys.min() ?? submittedLines + 1) - 1
        var taken = 0
        while taken < marks.count && marks[taken].lines <= contiguous {
            state.reached = marks[taken].reached
            state.lines = marks[taken].lines
            taken += 1
        }
        if taken > 0 { marks.removeFirst(taken) }
    }

    /// Batches handed to the sink and not yet acknowledged.
    public var outstandingBatches: Int { unacknowledged.count }

    private mutating func submit(_ lines: [String], to sink: some LineSink) throws {
        let first = submittedLines + 1
        try sink.submit(LineBatch(firstLine: first, lines: lines))
        unacknowledged[first] = lines.count
        submittedLines += lines.count
    }
}
