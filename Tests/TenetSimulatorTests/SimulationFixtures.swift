import Foundation
import TenetModels
import TenetPhilosophy
import TenetSimulator

/// Runs, events and statistics the simulator's tests share.
enum Fixtures {
    /// The repository's root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// philosophy.example.yaml, loaded once.
    static let philosophy: Philosophy = {
        let check = PhilosophyLoader.load(path: root.appendingPathComponent("philosophy.example.yaml").path)
        guard let philosophy = check.philosophy else { fatalError("philosophy.example.yaml: \(check.errors)") }
        return philosophy
    }()

    /// Monday 2026-11-02 00:00 in Berlin: a week without holidays.
    static let monday = Timestamp(rfc3339: "2026-11-02T00:00:00+01:00")!
    static let hour: Int64 = 3_600_000_000_000
    static let day: Int64 = 24 * hour

    static func at(_ start: Timestamp, plus nanoseconds: Int64) -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: start.nanosecondsSinceEpoch + nanoseconds)
    }

    /// The standard profile for the example philosophy, a week from Monday, seed 7: shared by
    /// the tests of the configured distributions.
    static let standardWeek: SimulatedRun = {
        do {
            return try SimulatedRun(profile: .standard, philosophy: philosophy, setup: SimulationSetup(seed: 7, start: monday), days: 7)
        } catch {
            fatalError("the standard week does not run: \(error)")
        }
    }()
}

/// The events of one run, parsed.
struct SimulatedRun: Sendable {
    var bytes: [UInt8]
    var events: [Event]
    var tally: SimulationTally
    var start: Timestamp
    var end: Timestamp

    init(profile: SimulationProfile, philosophy: Philosophy?, setup: SimulationSetup, days: Double) throws {
        var simulator = try Simulator(profile: profile, philosophy: philosophy, setup: setup)
        end = Fixtures.at(setup.start, plus: Int64(days * Double(Fixtures.day)))
        var bytes: [UInt8] = []
        simulator.run(until: end, into: &bytes)
        self.bytes = bytes
        tally = simulator.tally
        start = setup.start
        var events: [Event] = []
        var lineStart = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            events.append(try EventValidator.validate(json: bytes[lineStart..<index]))
            lineStart = index + 1
        }
        self.events = events
    }

    /// Every event of each conversation, in order.
    var byConversation: [String: [Event]] {
        Dictionary(grouping: events.filter { $0.conversation != nil }, by: { $0.conversation! })
    }
}

/// Statistical helpers: each test states its tolerance beside its use.
enum Statistics {
    /// The standard normal distribution function.
    static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.squareRoot()) }

    /// The upper critical value of χ² with `df` degrees of freedom for a standard normal
    /// quantile `z` (3.09 for α = 0.001), by the Wilson–Hilferty approximation.
    static func chiSquareCritical(df: Int, z: Double = 3.090) -> Double {
        let k = Double(df)
        let term = 1 - 2 / (9 * k) + z * (2 / (9 * k)).squareRoot()
        return k * term * term * term
    }

    /// χ² of observed against expected counts, cells with an expectation under 5 pooled into
    /// one (kept when the pool reaches 5); returns the statistic and the number of cells.
    static func chiSquare(observed: [Double], expected: [Double]) -> (statistic: Double, cells: Int) {
        var statistic = 0.0, cells = 0
        var pooledObserved = 0.0, pooledExpected = 0.0
        for (o, e) in zip(observed, expected) {
            if e < 5 {
                pooledObserved += o
                pooledExpected += e
            } else {
                statistic += (o - e) * (o - e) / e
                cells += 1
            }
        }
        if pooledExpected >= 5 {
            statistic += (pooledObserved - pooledExpected) * (pooledObserved - pooledExpected) / pooledExpected
            cells += 1
        }
        return (statistic, cells)
    }

    /// The Kolmogorov–Smirnov distance between a sample and a distribution function.
    static func kolmogorovSmirnov(_ sample: [Double], _ cdf: (Double) -> Double) -> Double {
        let sorted = sample.sorted()
        let n = Double(sorted.count)
        var distance = 0.0
        for (index, value) in sorted.enumerated() {
            let f = cdf(value)
            distance = max(distance, abs(f - Double(index) / n), abs(Double(index + 1) / n - f))
        }
        return distance
    }
}

extension Event {
    /// Seconds between two events.
    func seconds(since other: Event) -> Double {
        Double(at.nanosecondsSinceEpoch - other.at.nanosecondsSinceEpoch) / 1e9
    }

    var isAgentReply: Bool {
        if case .messageCreated(author: .agent, isPublic: true) = payload { return true }
        return false
    }

    var isBotMessage: Bool {
        if case .messageCreated(author: .bot, isPublic: _) = payload { return true }
        return false
    }

    /// A `conversation.assigned` to a team alone: the bot's hand-off.
    var isHandoff: Bool { type == .conversationAssigned && agent == nil }

    /// `survey` of an `x.survey.sent`.
    var sentSurvey: String? {
        guard type == .extension("x.survey.sent"), case .string(let survey)? = object["survey"] else { return nil }
        return survey
    }
}
