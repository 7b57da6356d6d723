/// The body of `sys.heartbeat.<name>`.
public struct HeartbeatBody: Codable, Hashable, Sendable {
    /// The plugin's process id.
    public var pid: Int32
    /// Seconds since the plugin started.
    public var uptimeSeconds: Double
    /// How many heartbeats this instance has sent, this one included.
    public var count: UInt64

    /// Creates a heartbeat body.
    public init(pid: Int32, uptimeSeconds: Double, count: UInt64) {
        self.pid = pid
        self.uptimeSeconds = uptimeSeconds
        self.count = count
    }

    enum CodingKeys: String, CodingKey {
        case pid
        case uptimeSeconds = "uptime_seconds"
        case count
    }
}
