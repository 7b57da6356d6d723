/// Topic names on the event bus. Subscriptions match by prefix, so subscribe with the trailing
/// dot (`sys.plugin.store.`) to avoid also matching `sys.plugin.store2.`.
public enum BusTopic {
    /// Every system topic: heartbeats, lifecycle, plugin states.
    public static let system = "sys."
    /// Every heartbeat.
    public static let heartbeats = "sys.heartbeat."
    /// Every supervisor plugin-state message.
    public static let pluginStates = "sys.plugin."
    /// Every plugin lifecycle message.
    public static let lifecycles = "sys.lifecycle."
    /// Every philosophy message: reload requests and each plugin's outcome.
    public static let philosophy = "sys.philosophy."
    /// The supervisor's request that plugins re-read the philosophy file (`tenet reload`).
    public static let philosophyReload = "sys.philosophy.reload"
    /// Stored events (published by the store after commit).
    public static let events = "event."
    /// Metric values.
    public static let metrics = "metric."
    /// Alerts.
    public static let alerts = "alert."

    /// `sys.heartbeat.<plugin>`.
    public static func heartbeat(_ plugin: String) -> String { "sys.heartbeat.\(plugin)" }
    /// `sys.lifecycle.<plugin>.<phase>`.
    public static func lifecycle(_ plugin: String, _ phase: String) -> String { "sys.lifecycle.\(plugin).\(phase)" }
    /// `sys.philosophy.<plugin>.<outcome>`: what a plugin did when it re-read the philosophy.
    public static func philosophyStatus(_ plugin: String, _ outcome: String) -> String { "sys.philosophy.\(plugin).\(outcome)" }
    /// `sys.plugin.<plugin>.<state>`.
    public static func pluginState(_ plugin: String, _ state: String) -> String { "sys.plugin.\(plugin).\(state)" }
}
