/// A point on a monotonic time line, in nanoseconds from an arbitrary origin.
///
/// Monotonic instants never go backwards and ignore wall-clock changes, so they are the right
/// base for timeouts, backoff and heartbeat deadlines. On Linux the system clock reads
/// `CLOCK_MONOTONIC`, which is shared by every process on the machine: two processes can
/// compare instants they read.
public struct MonotonicInstant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the clock's origin.
    public var nanoseconds: Int64

    /// Creates an instant at `nanoseconds` from the origin.
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// The instant at the origin.
    public static let zero = MonotonicInstant(nanoseconds: 0)

    /// Seconds since the origin, as a floating-point number (for reports and JSON).
    public var seconds: Double { Double(nanoseconds) / 1e9 }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// The instant `duration` after this one.
    public static func + (lhs: Self, rhs: Duration) -> Self {
        Self(nanoseconds: lhs.nanoseconds &+ rhs.totalNanoseconds)
    }

    /// The instant `duration` before this one.
    public static func - (lhs: Self, rhs: Duration) -> Self {
        Self(nanoseconds: lhs.nanoseconds &- rhs.totalNanoseconds)
    }

    /// The time between two instants.
    public static func - (lhs: Self, rhs: Self) -> Duration {
        .nanoseconds(lhs.nanoseconds &- rhs.nanoseconds)
    }

    public var description: String { "\(seconds)s" }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating at the bounds of `Int64`.
    public var totalNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return scaled &+ attoseconds / 1_000_000_000
    }

    /// The duration in seconds, as a floating-point number.
    public var totalSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// Monotonic instants are the instants of ``TestClock``, a Swift `Clock`.
extension MonotonicInstant: InstantProtocol {
    /// The instant `duration` after this one.
    public func advanced(by duration: Duration) -> MonotonicInstant { self + duration }

    /// The time from this instant to `other`.
    public func duration(to other: MonotonicInstant) -> Duration { other - self }
}
