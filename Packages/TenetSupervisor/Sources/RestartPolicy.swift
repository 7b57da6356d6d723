import TenetModels

/// When and how fast a plugin is restarted after it ends on its own.
public struct RestartPolicy: Hashable, Sendable {
    /// Which endings lead to a restart.
    public enum Mode: String, Hashable, Sendable, CaseIterable {
        /// Restart after any exit (the default for long-running plugins).
        case always
        /// Restart unless the plugin exited with code 0.
        case onFailure = "on-failure"
        /// Never restart; the plugin ends in `stopped`.
        case never
    }

    /// Which endings lead to a restart.
    public var mode: Mode = .always
    /// The delay before the first restart.
    public var initialBackoff: Duration = .milliseconds(500)
    /// The longest delay between restarts.
    public var maximumBackoff: Duration = .seconds(30)
    /// Each consecutive failure multiplies the delay by this.
    public var multiplier: Double = 2
    /// A random spread of ± this fraction around each delay, so restarts do not fall in step.
    public var jitter: Double = 0.2
    /// This many consecutive failures make a crash loop: the plugin goes `fatal`.
    public var maximumFailures: Int = 5
    /// A run at least this long counts as stable: failures and backoff start over.
    public var stableAfter: Duration = .seconds(10)

    /// Creates the default policy.
    public init() {}

    /// The delay before restart number `failure` (1 for the first failure in a row), given a
    /// random `unit` in 0...1 for the jitter.
    public func delay(afterFailure failure: Int, unit: Double) -> Duration {
        let exponent = Double(max(0, failure - 1))
        let base = initialBackoff.totalSeconds * pow(multiplier, exponent)
        let spread = 1 + jitter * (2 * unit - 1)
        let seconds = min(maximumBackoff.totalSeconds, base * spread)
        return .nanoseconds(Int64(seconds * 1e9))
    }
}

#if canImport(Glibc)
import Glibc
#endif
