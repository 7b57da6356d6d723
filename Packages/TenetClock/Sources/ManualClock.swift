import Synchronization

/// A clock that moves only when told to: for tests of time-based logic without sleeping.
public final class ManualClock: MonotonicClock {
    private let current: Mutex<MonotonicInstant>

    /// Creates a clock that reads `start` until advanced.
    public init(start: MonotonicInstant = .zero) {
        current = Mutex(start)
    }

    public func now() -> MonotonicInstant {
        current.withLock { $0 }
    }

    /// Moves the clock forward by `duration` (a negative duration is refused: time is monotonic).
    public func advance(by duration: Duration) {
        precondition(duration >= .zero, "a monotonic clock cannot go backwards")
        current.withLock { $0 = $0 + duration }
    }
}
