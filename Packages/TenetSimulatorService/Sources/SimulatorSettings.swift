import TenetModels
import TenetPlugin
import TenetSimulator

/// How the simulator plugin runs, from its environment (docs/SIMULATOR.md, "The plugin").
public struct SimulatorSettings: Hashable, Sendable {
    /// The profile file (`TENET_SIMULATOR_PROFILE`); `nil` for the standard profile.
    public var profilePath: String?
    /// Simulated seconds per real second while catching up (`TENET_SIMULATOR_SPEED`, default
    /// 60); `nil` for as fast as ingest takes the events.
    public var speed: Double? = 60
    /// How far in the past the first run starts, and the longest gap a restart catches up
    /// (`TENET_SIMULATOR_HISTORY`, default 1d).
    public var history: Duration = .seconds(86_400)
    /// The first segment's seed (`TENET_SIMULATOR_SEED`, default 1).
    public var seed: UInt64 = 1
    /// Multiplies arrivals and agents (`TENET_SIMULATOR_SCALE`, default 1).
    public var scale: Double = 1
    /// Scenarios, `NAME[@WHEN][/DURATION]` separated by commas, `+OFFSET` counted from the
    /// segment's start (`TENET_SIMULATOR_SCENARIOS`).
    public var scenarios = ""
    /// The plugin that takes the events (`TENET_SIMULATOR_INGEST`, default `ingest`).
    public var ingest = "ingest"
    /// The longest segment a restart replays; a longer one ends and a new one starts
    /// (`TENET_SIMULATOR_REPLAY_LIMIT`, default 14d).
    public var replayLimit: Duration = .seconds(14 * 86_400)

    /// The defaults.
    public init() {}

    /// The settings the variables give; an unreadable value is an error naming the variable.
    public init(variables: [String: String]) throws(SimulatorSettingsError) {
        profilePath = variables["TENET_SIMULATOR_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        if let text = variables["TENET_SIMULATOR_SPEED"] {
            do { speed = try SimulatorOptionText.speed(text) } catch {
                throw SimulatorSettingsError(variable: "TENET_SIMULATOR_SPEED", message: error.message)
            }
        }
        history = try Self.duration(variables, "TENET_SIMULATOR_HISTORY", default: history)
        replayLimit = try Self.duration(variables, "TENET_SIMULATOR_REPLAY_LIMIT", default: replayLimit)
        if let text = variables["TENET_SIMULATOR_SEED"] {
            guard let value = UInt64(text) else {
                throw SimulatorSettingsError(variable: "TENET_SIMULATOR_SEED", message: "'\(text)' is not a whole number from 0 to 2^64-1")
            }
            seed = value
        }
        if let text = variables["TENET_SIMULATOR_SCALE"] {
            guard let value = Double(text), value.isFinite, value > 0, value <= 1000 else {
                throw SimulatorSettingsError(variable: "TENET_SIMULATOR_SCALE", message: "'\(text)' is not a number above 0 and at most 1000")
            }
            scale = value
        }
        scenarios = variables["TENET_SIMULATOR_SCENARIOS"] ?? ""
        do { _ = try SimulatorOptionText.scenarios(scenarios, base: Timestamp(nanosecondsSinceEpoch: 0)) } catch {
            throw SimulatorSettingsError(variable: "TENET_SIMULATOR_SCENARIOS", message: error.message)
        }
        if let text = variables["TENET_SIMULATOR_INGEST"], !text.isEmpty { ingest = text }
    }

    private static func duration(_ variables: [String: String], _ name: String, default value: Duration) throws(SimulatorSettingsError) -> Duration {
        guard let text = variables[name] else { return value }
        guard let parsed = DurationText.parse(text), parsed > .zero else {
            throw SimulatorSettingsError(variable: name, message: "'\(text)' is not a duration above zero such as 6h or 7d")
        }
        return parsed
    }
}

/// An environment variable of the simulator plugin with a value it cannot take (or a file it
/// names that cannot be used): the plugin exits with 78, a configuration error.
///
/// Printed as `TENET_SIMULATOR_SPEED: speed 'fast' is not a number above 0 (…) or max`.
public struct SimulatorSettingsError: PluginConfigurationError, Hashable, Sendable, CustomStringConvertible {
    /// The variable.
    public var variable: String
    /// What is wrong with its value.
    public var message: String

    /// Creates an error.
    public init(variable: String, message: String) {
        self.variable = variable
        self.message = message
    }

    public var description: String { "\(variable): \(message)" }
}
