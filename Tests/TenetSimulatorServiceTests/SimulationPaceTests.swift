import Testing
import TenetModels
import TenetSimulatorService

@Suite("Simulation pace: speed, catching up with the wall clock, never past it")
struct SimulationPaceTests {
    static let wallStart = Timestamp(rfc3339: "2026-11-27T12:00:00Z")!
    static let dayAgo = Timestamp(rfc3339: "2026-11-26T12:00:00Z")!

    static func at(_ seconds: Int64) -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: wallStart.nanosecondsSinceEpoch + seconds * 1_000_000_000)
    }

    @Test("at speed 60 a day ago catches up in 24 minutes, then follows the wall clock")
    func catchesUp() {
        let pace = SimulationPace(simulatedStart: Self.dayAgo, wallStart: Self.wallStart, speed: 60, followsWallClock: true)
        #expect(pace.target(at: Self.wallStart) == Self.dayAgo)
        #expect(pace.target(at: Self.at(10)) == Timestamp(rfc3339: "2026-11-26T12:10:00Z")!)
        #expect(!pace.isLive(at: Self.at(10)))
        // 24 h ÷ 60 = 1,464 s → caught up at 24.4 minutes, then the target is the wall clock itself.
        #expect(pace.target(at: Self.at(1_463)) < Self.at(1_463))
        #expect(pace.target(at: Self.at(1_465)) == Self.at(1_465))
        #expect(pace.target(at: Self.at(5_000)) == Self.at(5_000))
        #expect(pace.isLive(at: Self.at(5_000)))
    }

    @Test("without following the wall clock, speed 60 runs into the future")
    func runsAhead() {
        let pace = SimulationPace(simulatedStart: Self.wallStart, wallStart: Self.wallStart, speed: 60, followsWallClock: false)
        #expect(pace.target(at: Self.at(60)) == Self.at(3_600))
        #expect(!pace.isLive(at: Self.at(60)))
    }

    @Test("max speed is held at the wall clock; a simulation starting in the future waits at its start")
    func maximum() {
        let pace = SimulationPace(simulatedStart: Self.dayAgo, wallStart: Self.wallStart, speed: nil, followsWallClock: true)
        #expect(pace.target(at: Self.wallStart) == Self.wallStart)
        #expect(pace.target(at: Self.at(30)) == Self.at(30))
        let future = SimulationPace(simulatedStart: Self.at(3_600), wallStart: Self.wallStart, speed: 60, followsWallClock: true)
        #expect(future.target(at: Self.at(10)) == Self.at(3_600))
        let unbounded = SimulationPace(simulatedStart: Self.dayAgo, wallStart: Self.wallStart, speed: nil, followsWallClock: false)
        #expect(unbounded.target(at: Self.wallStart).nanosecondsSinceEpoch == .max)
    }

    @Test("half speed lags the wall clock and is never live")
    func slow() {
        let pace = SimulationPace(simulatedStart: Self.wallStart, wallStart: Self.wallStart, speed: 0.5, followsWallClock: true)
        #expect(pace.target(at: Self.at(10)) == Self.at(5))
        #expect(!pace.isLive(at: Self.at(10)))
    }
}
