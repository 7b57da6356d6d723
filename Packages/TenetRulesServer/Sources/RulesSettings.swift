import TenetModels
import TenetPlugin

/// How the rules plugin runs, from its environment (docs/ALERTS.md, "The rules plugin").
public struct RulesSettings: Hashable, Sendable {
    /// How often metric rules ask the metrics plugin for their figures, and the scorecard is
    /// read again (`TENET_RULES_EVALUATION_INTERVAL`, default 15s).
    public var evaluationInterval: Duration = .seconds(15)
    /// SLA warnings and breaches older than this are published but not notified
    /// (`TENET_RULES_NOTIFY_WINDOW`, default 15m).
    public var notifyWindow: Duration = .seconds(15 * 60)
    /// How far behind the wall clock the latest event may be for SLA time to follow the wall
    /// clock (`TENET_RULES_LIVE_LAG`, default 60s).
    public var liveLag: Duration = .seconds(60)
    /// How long without a new event before SLA time follows the wall clock anyway
    /// (`TENET_RULES_QUIET_AFTER`, default 10s).
    public var quietAfter: Duration = .seconds(10)
    /// How often the SLA clocks are saved while events come (`TENET_RULES_CHECKPOINT_INTERVAL`,
    /// default 1m; `off` saves none).
    public var checkpointInterval: Duration? = .seconds(60)
    /// The plugin that stores events (`TENET_RULES_STORE`, default `store`).
    public var store = "store"
    /// The plugin that computes metrics (`TENET_RULES_METRICS`, default `metrics`).
    public var metrics = "metrics"
    /// The plugin SLA outcomes are stored through, as `x.sla.outcome` events
    /// (`TENET_RULES_INGEST`, default `ingest`; `off`: not stored, and `sla_attainment` has no
    /// data).
    public var ingest: String? = "ingest"

    /// The defaults.
    public init() {}

    /// The settings the variables give; an unreadable value is an error naming the variable.
    public init(variables: [String: String]) throws(PluginEnvironmentError) {
        evaluationInterval = try Self.duration(variables, "TENET_RULES_EVALUATION_INTERVAL", default: evaluationInterval)
        notifyWindow = try Self.duration(variables, "TENET_RULES_NOTIFY_WINDOW", default: notifyWindow)
        liveLag = try Self.duration(variables, "TENET_RULES_LIVE_LAG", default: liveLag)
        quietAfter = try Self.duration(variables, "TENET_RULES_QUIET_AFTER", default: quietAfter)
        if variables["TENET_RULES_CHECKPOINT_INTERVAL"] == "off" {
            checkpointInterval = nil
        } else {
            checkpointInterval = try Self.duration(variables, "TENET_RULES_CHECKPOINT_INTERVAL", default: .seconds(60))
        }
        if let name = variables["TENET_RULES_STORE"], !name.isEmpty { store = name }
        if let name = variables["TENET_RULES_METRICS"], !name.isEmpty { metrics = name }
        if let name = variables["TENET_RULES_INGEST"], !name.isEmpty { ingest = name == "off" ? nil : name }
    }

    private static func duration(_ variables: [String: String], _ name: String, default value: Duration) throws(PluginEnvironmentError)
        -> Duration
    {
        guard let text = variables[name] else { return value }
        guard let parsed = DurationText.parse(text), parsed > .zero else {
            throw PluginEnvironmentError(
                code: .invalidValue, variable: name, message: "\(name) is `\(text)`: give a positive duration such as 30s or 5m")
        }
        return parsed
    }
}
