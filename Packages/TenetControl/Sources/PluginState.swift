/// Where a supervised plugin is in its life.
///
/// ```
/// stopped ──start──▶ starting ──heartbeat──▶ running
///    ▲                  │  ▲                    │ exit / hung
///    │ operator stop    │  └──── backoff ◀──────┤
///    └── stopping ◀─────┘           │ too many failures
///                                   ▼
///                                 fatal ──operator restart──▶ starting
/// ```
public enum PluginState: String, Codable, Hashable, Sendable, CaseIterable {
    /// Spawned, waiting for its first heartbeat (or its start period, without heartbeats).
    case starting
    /// Alive and heartbeating.
    case running
    /// Exited or hung; waiting out the backoff delay before the next start.
    case backoff
    /// Asked to stop (SIGTERM sent); SIGKILL follows after the grace period.
    case stopping
    /// Not running, and not to be restarted until an operator starts it.
    case stopped
    /// Crash loop: failed too many times in a row; stays down until an operator restarts it.
    case fatal
}
