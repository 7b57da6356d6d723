/// One plugin as the stack file describes it.
public struct PluginSpec: Hashable, Sendable {
    /// The plugin's unique name: its `sender` on the bus and its name in `tenet status`.
    public var name: String
    /// The program to run: a path, or a name looked up beside `tenet` and then on `PATH`.
    public var command: String
    /// Arguments after the program.
    public var arguments: [String] = []
    /// Extra environment variables (on top of the supervisor's and the plugin contract's).
    public var environment: [String: String] = [:]
    /// Start order: lower first; a group starts once every lower group is running. Stops go
    /// in reverse.
    public var order: Int = 0
    /// Whether the plugin heartbeats on the bus. Without heartbeats it counts as running once
    /// it has stayed up for ``startPeriod``, and hangs cannot be detected.
    public var heartbeat: Bool = true
    /// Restart behaviour.
    public var restart = RestartPolicy()
    /// How long a stopping plugin gets between SIGTERM and SIGKILL.
    public var stopGrace: Duration = .seconds(5)
    /// A heartbeating plugin silent for longer than this is hung: it is killed and restarted.
    public var heartbeatTimeout: Duration = .seconds(3)
    /// How long a heartbeating plugin may take to send its first heartbeat before it is killed
    /// as hung.
    public var startTimeout: Duration = .seconds(10)
    /// For plugins without heartbeats: how long they must stay up to count as running.
    public var startPeriod: Duration = .seconds(1)
    /// Whether the plugin is started with the stack (`false`: only by `tenet start NAME`).
    public var autostart: Bool = true

    /// Creates a spec with defaults for everything but the name and command.
    public init(name: String, command: String) {
        self.name = name
        self.command = command
    }
}
