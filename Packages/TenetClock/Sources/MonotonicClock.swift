#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A source of monotonic time.
///
/// Time-based logic (backoff, heartbeat timeouts, alert durations) takes a clock instead of
/// reading the system time itself, so that tests drive it with a ``ManualClock`` and never sleep.
public protocol MonotonicClock: Sendable {
    /// The current instant.
    func now() -> MonotonicInstant
}

/// The machine's monotonic clock (`CLOCK_MONOTONIC`).
public struct SystemMonotonicClock: MonotonicClock {
    /// Creates the system clock.
    public init() {}

    public func now() -> MonotonicInstant {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return MonotonicInstant(nanoseconds: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }
}
