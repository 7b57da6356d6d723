/// The body of `sys.lifecycle.<name>.<phase>`.
public struct LifecycleBody: Codable, Hashable, Sendable {
    /// `ready` once the plugin serves, `stopping` when shutdown begins, `stopped` at the end.
    public var phase: String
    /// The plugin's process id.
    public var pid: Int32

    /// Creates a lifecycle body.
    public init(phase: String, pid: Int32) {
        self.phase = phase
        self.pid = pid
    }
}
