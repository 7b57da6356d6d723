import TenetClock
import TenetModels
import TenetPhilosophy
import TenetSimulator

/// Decides, at a start of the simulator plugin, whether to resume the segment it left or to
/// start a new one, and builds the simulator for it (docs/SIMULATOR.md, "Stopping and
/// resuming").
public enum SimulatorSegments {
    /// A simulator ready to go on, its state, and why it was chosen (for the log).
    public struct Plan {
        /// The simulator, run up to `state.reached`.
        public var simulator: Simulator
        /// The segment.
        public var state: SimulatorState
        /// Whether it goes on with the segment of the last run.
        public var resumed: Bool
        /// Why, in a sentence.
        public var reason: String
    }

    /// The plan for a start at wall-clock `wall`, after a run that left `previous` (`nil`: none).
    ///
    /// - The last segment is resumed when its fingerprint is unchanged, it reached no further
    ///   back than `settings.history` and no longer than `settings.replayLimit` after its start,
    ///   and replaying it gives the lines it recorded.
    /// - Otherwise a new segment starts where the last one reached (a gap longer than the
    ///   history is skipped: it starts `history` ago), or `history` ago on a first run.
    public static func plan(
        previous: SimulatorState?, settings: SimulatorSettings, profile: SimulationProfile, philosophy: Philosophy?,
        fingerprint: String, wall: Timestamp
    ) throws -> Plan {
        // A whole second: the state file keeps instants to the millisecond, and a replay must
        // start exactly where the segment did.
        let wallSecond = wall.nanosecondsSinceEpoch - wall.nanosecondsSinceEpoch % 1_000_000_000
        let earliest = Timestamp(nanosecondsSinceEpoch: wallSecond - settings.history.totalNanoseconds)
        var start = earliest
        var reason = "first run: starting \(DurationText.format(settings.history)) ago, at \(earliest.rfc3339)"
        var seed = settings.seed
        if let previous {
            seed = mixed(settings.seed, previous.reached)
            if previous.reached < earliest {
                reason = "the last run reached \(previous.reached.rfc3339), more than \(DurationText.format(settings.history)) ago: the gap is skipped, a new segment starts at \(earliest.rfc3339)"
            } else if previous.fingerprint != fingerprint {
                start = previous.reached
                reason = "the profile, philosophy, scale or scenarios changed: a new segment starts where the last one reached, \(start.rfc3339)"
            } else if previous.reached.nanosecondsSinceEpoch - previous.segmentStart.nanosecondsSinceEpoch > settings.replayLimit.totalNanoseconds {
                start = previous.reached
                reason = "the segment is longer than the replay limit (\(DurationText.format(settings.replayLimit))): a new one starts at \(start.rfc3339)"
            } else if let simulator = try LiveSimulation.replay(
                profile: profile, philosophy: philosophy, scenarios: try scenarios(settings, previous.segmentStart), state: previous)
            {
                return Plan(
                    simulator: simulator, state: previous, resumed: true,
                    reason: "resuming segment \(previous.idPrefix) at \(previous.reached.rfc3339) (\(previous.lines) lines replayed)")
            } else {
                start = previous.reached
                reason = "replaying segment \(previous.idPrefix) did not give the \(previous.lines) lines it sent: a new segment starts at \(start.rfc3339)"
            }
        }
        // Only the first segment announces the initial customers: later ones go on with the same
        // customers, whose `customer.started` events are stored already.
        let state = SimulatorState(
            seed: seed, segmentStart: start, idPrefix: SimulatorState.idPrefix(for: start), reached: start, lines: 0,
            fingerprint: fingerprint, announcesInitialCustomers: previous == nil)
        let simulator = try Simulator(profile: profile, philosophy: philosophy, setup: state.setup(scenarios: try scenarios(settings, start)))
        return Plan(simulator: simulator, state: state, resumed: false, reason: reason)
    }

    /// A digest of everything that decides the events besides the seed and the start.
    public static func fingerprint(profileText: String, philosophyDigest: String, settings: SimulatorSettings) -> String {
        let text = [profileText, philosophyDigest, String(settings.scale), settings.scenarios].joined(separator: "\u{1F}")
        return SHA256.hash(Array(text.utf8)).hex
    }

    private static func scenarios(_ settings: SimulatorSettings, _ start: Timestamp) throws -> [ScheduledScenario] {
        try SimulatorOptionText.scenarios(settings.scenarios, base: start)
    }

    /// A new segment's seed: the configured seed mixed with the segment's start, so that no two
    /// segments repeat each other.
    static func mixed(_ seed: UInt64, _ start: Timestamp) -> UInt64 {
        var generator = SeededRandom(seed: seed ^ UInt64(bitPattern: start.nanosecondsSinceEpoch))
        return generator.next()
    }
}
