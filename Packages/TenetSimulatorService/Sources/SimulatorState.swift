import Foundation
import TenetModels
import TenetSimulator

/// What the simulator plugin keeps between runs, in `$TENET_DATA_DIR/<plugin>/state.json`, so
/// that a restart resumes the same simulated support center instead of starting another.
///
/// A run is a *segment*: one simulation from ``segmentStart`` with one seed, whose ids all start
/// with ``idPrefix``. ``reached`` is the simulated instant up to which ingest has acknowledged
/// every event. On a restart the plugin replays the segment in memory up to ``reached`` (without
/// sending; the same seed gives the same events) and sends on from there, so conversations open at
/// the stop carry on, and events sent before a crash but not yet recorded here come again with
/// the same ids (ingest counts them as duplicates). A segment ends, and a new one starts at
/// ``reached``, when the settings' ``fingerprint`` changed or the segment grew longer than the
/// replay limit.
public struct SimulatorState: Codable, Hashable, Sendable {
    /// The format's version; a file with another one is set aside.
    public var version = 1
    /// The seed of the segment.
    public var seed: UInt64
    /// The segment's first simulated instant.
    public var segmentStart: Timestamp
    /// The prefix of the segment's ids.
    public var idPrefix: String
    /// Every event before this simulated instant has been acknowledged.
    public var reached: Timestamp
    /// Lines of the segment acknowledged, up to ``reached``.
    public var lines: Int
    /// A digest of what decides the events (profile, philosophy, scale, scenarios).
    public var fingerprint: String
    /// Whether the segment announced the initial customers (only a stack's first segment does:
    /// later ones go on with the same customers, `SimulationSetup.announcesInitialCustomers`).
    public var announcesInitialCustomers: Bool

    /// Creates a state.
    public init(
        seed: UInt64, segmentStart: Timestamp, idPrefix: String, reached: Timestamp, lines: Int, fingerprint: String,
        announcesInitialCustomers: Bool = true
    ) {
        self.announcesInitialCustomers = announcesInitialCustomers
        self.seed = seed
        self.segmentStart = segmentStart
        self.idPrefix = idPrefix
        self.reached = reached
        self.lines = lines
        self.fingerprint = fingerprint
    }

    enum CodingKeys: String, CodingKey {
        case version, seed, idPrefix = "id_prefix", segmentStart = "segment_start", reached, lines, fingerprint
        case announcesInitialCustomers = "announces_initial_customers"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        seed = try container.decode(UInt64.self, forKey: .seed)
        idPrefix = try container.decode(String.self, forKey: .idPrefix)
        segmentStart = try Self.timestamp(container, .segmentStart)
        reached = try Self.timestamp(container, .reached)
        lines = try container.decode(Int.self, forKey: .lines)
        fingerprint = try container.decode(String.self, forKey: .fingerprint)
        announcesInitialCustomers = try container.decode(Bool.self, forKey: .announcesInitialCustomers)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(seed, forKey: .seed)
        try container.encode(idPrefix, forKey: .idPrefix)
        try container.encode(segmentStart.rfc3339, forKey: .segmentStart)
        try container.encode(reached.rfc3339, forKey: .reached)
        try container.encode(lines, forKey: .lines)
        try container.encode(fingerprint, forKey: .fingerprint)
        try container.encode(announcesInitialCustomers, forKey: .announcesInitialCustomers)
    }

    /// The simulator's setup for this segment, with `scenarios`.
    public func setup(scenarios: [ScheduledScenario]) -> SimulationSetup {
        SimulationSetup(
            seed: seed, start: segmentStart, idPrefix: idPrefix, scenarios: scenarios, announcesInitialCustomers: announcesInitialCustomers)
    }

    private static func timestamp(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Timestamp {
        let text = try container.decode(String.self, forKey: key)
        guard let value = Timestamp(rfc3339: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "'\(text)' is not an RFC 3339 time")
        }
        return value
    }

    /// The state in `path`; `nil` when there is no file. A file that cannot be read as a state
    /// throws, with the reason.
    public static func load(path: String) throws -> SimulatorState? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let state = try JSONDecoder().decode(SimulatorState.self, from: data)
        guard state.version == 1 else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "version \(state.version) is not 1"))
        }
        return state
    }

    /// Writes the state to `path` atomically, readable by the owner only.
    public func save(path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try PrivateFile.write(Array(try encoder.encode(self)), to: path)
    }

    /// A segment's id prefix: `s` and its start in seconds since the epoch, in base 36
    /// (`stmr6u0`), short and different for every segment start.
    public static func idPrefix(for start: Timestamp) -> String {
        let seconds = start.nanosecondsSinceEpoch.floorDivided(by: 1_000_000_000)
        return "s" + String(seconds, radix: 36)
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
