/// The answer to the control request `status`, printed by `tenet status --json`.
///
/// Times named `…_monotonic` are seconds on the machine's monotonic clock (`CLOCK_MONOTONIC`),
/// which every process on the machine shares; `now_monotonic` is the supervisor's reading when
/// it answered, so ages can be computed without trusting wall clocks.
public struct StatusReport: Codable, Hashable, Sendable {
    /// The supervisor itself.
    public struct Supervisor: Codable, Hashable, Sendable {
        public var pid: Int32
        public var phase: String
        public var stack: String
        public var dataDirectory: String
        public var startedAt: String
        public var nowMonotonic: Double
        public var protocolVersion: Int
        /// The philosophy file the stack file names, if any.
        public var philosophy: String?

        enum CodingKeys: String, CodingKey {
            case pid, phase, stack, philosophy
            case dataDirectory = "data_dir"
            case startedAt = "started_at"
            case nowMonotonic = "now_monotonic"
            case protocolVersion = "protocol_version"
        }

        /// Creates a value from its parts.
        public init(
            pid: Int32, phase: String, stack: String, dataDirectory: String, startedAt: String, nowMonotonic: Double,
            protocolVersion: Int, philosophy: String? = nil
        ) {
            self.philosophy = philosophy
            self.pid = pid
            self.phase = phase
            self.stack = stack
            self.dataDirectory = dataDirectory
            self.startedAt = startedAt
            self.nowMonotonic = nowMonotonic
            self.protocolVersion = protocolVersion
        }
    }

    /// How a plugin's last run ended.
    public struct Exit: Codable, Hashable, Sendable {
        public var reason: String
        public var exitCode: Int32?
        public var signal: Int32?
        public var atMonotonic: Double
        public var ranForSeconds: Double
        /// The last line of the plugin's log when the process ended (cut to 300 characters),
        /// usually the reason a plugin gives when it exits on an error.
        public var lastOutput: String?

        enum CodingKeys: String, CodingKey {
            case reason
            case exitCode = "exit_code"
            case signal
            case atMonotonic = "at_monotonic"
            case ranForSeconds = "ran_for_seconds"
            case lastOutput = "last_output"
        }

        /// Creates a value from its parts.
        public init(reason: String, exitCode: Int32? = nil, signal: Int32? = nil, atMonotonic: Double, ranForSeconds: Double, lastOutput: String? = nil) {
            self.reason = reason
            self.exitCode = exitCode
            self.signal = signal
            self.atMonotonic = atMonotonic
            self.ranForSeconds = ranForSeconds
            self.lastOutput = lastOutput
        }
    }

    /// One plugin.
    public struct Plugin: Codable, Hashable, Sendable {
        public var name: String
        public var state: PluginState
        public var pid: Int32?
        public var restarts: Int
        public var consecutiveFailures: Int
        public var command: String
        public var order: Int
        public var heartbeat: Bool
        public var endpoint: String
        public var log: String
        public var stateSinceMonotonic: Double?
        public var startedAtMonotonic: Double?
        public var lastHeartbeatMonotonic: Double?
        public var nextStartMonotonic: Double?
        public var lastExit: Exit?

        enum CodingKeys: String, CodingKey {
            case name, state, pid, restarts, command, order, heartbeat, endpoint, log
            case consecutiveFailures = "consecutive_failures"
            case stateSinceMonotonic = "state_since_monotonic"
            case startedAtMonotonic = "started_at_monotonic"
            case lastHeartbeatMonotonic = "last_heartbeat_monotonic"
            case nextStartMonotonic = "next_start_monotonic"
            case lastExit = "last_exit"
        }

        /// Creates a value from its parts.
        public init(name: String, state: PluginState, pid: Int32? = nil, restarts: Int, consecutiveFailures: Int, command: String, order: Int, heartbeat: Bool, endpoint: String, log: String, stateSinceMonotonic: Double? = nil, startedAtMonotonic: Double? = nil, lastHeartbeatMonotonic: Double? = nil, nextStartMonotonic: Double? = nil, lastExit: Exit? = nil) {
            self.name = name
            self.state = state
            self.pid = pid
            self.restarts = restarts
            self.consecutiveFailures = consecutiveFailures
            self.command = command
            self.order = order
            self.heartbeat = heartbeat
            self.endpoint = endpoint
            self.log = log
            self.stateSinceMonotonic = stateSinceMonotonic
            self.startedAtMonotonic = startedAtMonotonic
            self.lastHeartbeatMonotonic = lastHeartbeatMonotonic
            self.nextStartMonotonic = nextStartMonotonic
            self.lastExit = lastExit
        }
    }

    public var supervisor: Supervisor
    public var endpoints: BusEndpoints
    public var plugins: [Plugin]

    /// The plugin called `name`, if any.
    public func plugin(_ name: String) -> Plugin? {
        plugins.first { $0.name == name }
    }

    /// Creates a value from its parts.
    public init(supervisor: Supervisor, endpoints: BusEndpoints, plugins: [Plugin]) {
        self.supervisor = supervisor
        self.endpoints = endpoints
        self.plugins = plugins
    }
}

/// The body of `sys.plugin.<name>.<state>`.
public struct PluginStateBody: Codable, Hashable, Sendable {
    public var plugin: String
    public var from: PluginState
    public var to: PluginState
    public var reason: String
    public var pid: Int32?
    public var restarts: Int
    /// Entering `backoff`: seconds until the next start.
    public var backoffSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case plugin, from, to, reason, pid, restarts
        case backoffSeconds = "backoff_seconds"
    }

    /// Creates a value from its parts.
    public init(plugin: String, from: PluginState, to: PluginState, reason: String, pid: Int32? = nil, restarts: Int, backoffSeconds: Double? = nil) {
        self.plugin = plugin
        self.from = from
        self.to = to
        self.reason = reason
        self.pid = pid
        self.restarts = restarts
        self.backoffSeconds = backoffSeconds
    }
}

/// The body of control requests that name a plugin (`start`, `restart`, `stop`).
public struct PluginNameBody: Codable, Hashable, Sendable {
    /// The plugin.
    public var name: String?

    /// Creates a body naming `name`.
    public init(name: String?) {
        self.name = name
    }
}

/// The reply to `start`, `restart` and `stop`.
public struct ControlReply: Codable, Hashable, Sendable {
    /// What the supervisor did, in words.
    public var result: String
    /// The plugin's state right after the command, when one plugin was named.
    public var state: PluginState?

    /// Creates a value from its parts.
    public init(result: String, state: PluginState? = nil) {
        self.result = result
        self.state = state
    }
}
