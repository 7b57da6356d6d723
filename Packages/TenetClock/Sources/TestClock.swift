import Synchronization

/// A Swift `Clock` that moves only when a test advances it, so code that sleeps (timers,
/// alert durations, SLA clocks, retry delays) is tested without sleeping.
///
/// Write the code under test against any `Clock` whose `Duration` is `Swift.Duration` (as
/// Hummingbird's `MemoryPersistDriver<C: Clock>` does); production passes `ContinuousClock`,
/// tests pass a `TestClock`:
///
/// ```swift
/// let clock = TestClock()
/// let timer = Task { try await clock.sleep(for: .seconds(10)); fired() }
/// await clock.waitForSleepers(1)       // the task is asleep
/// clock.advance(by: .seconds(9))      // not yet
/// clock.advance(by: .seconds(1))      // resumes the task
/// ```
///
/// Sleepers resume when ``advance(by:)`` or ``advance(to:)`` reaches their deadline, in
/// deadline order (the earlier registration first on a tie). A cancelled sleeper throws
/// `CancellationError` at once. Its instants are ``MonotonicInstant``s, so
/// ``monotonicClock`` hands the same time line to logic that takes a ``MonotonicClock``.
public final class TestClock: Clock, Sendable {
    public typealias Instant = MonotonicInstant
    public typealias Duration = Swift.Duration

    private struct Sleeper {
        var id: UInt64
        var deadline: MonotonicInstant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct Waiter {
        var count: Int
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var now: MonotonicInstant
        var nextID: UInt64 = 0
        var sleepers: [Sleeper] = []
        var waiters: [Waiter] = []

        /// Removes and returns the waiters whose count of sleepers is reached.
        mutating func satisfiedWaiters() -> [Waiter] {
            let count = sleepers.count
            let ready = waiters.filter { $0.count <= count }
            waiters.removeAll { $0.count <= count }
            return ready
        }
    }

    private let state: Mutex<State>

    /// Creates a clock that reads `start` until advanced.
    public init(start: MonotonicInstant = .zero) {
        state = Mutex(State(now: start))
    }

    /// The current instant: where the last advance left the clock.
    public var now: MonotonicInstant {
        state.withLock { $0.now }
    }

    /// One nanosecond: the clock keeps whole nanoseconds.
    public var minimumResolution: Duration { .nanoseconds(1) }

    /// How many tasks are asleep on the clock right now.
    public var sleeperCount: Int {
        state.withLock { $0.sleepers.count }
    }

    /// Suspends until the clock is advanced to `deadline` or past it; returns at once if it
    /// already is. `tolerance` is ignored: the test decides when time passes.
    ///
    /// - Throws: `CancellationError` if the task is cancelled before the deadline.
    public func sleep(until deadline: MonotonicInstant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let (immediate, ready) = state.withLock { state -> (Result<Void, any Error>?, [Waiter]) in
                    if Task.isCancelled { return (.failure(CancellationError()), []) }
                    if deadline <= state.now { return (.success(()), []) }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return (nil, state.satisfiedWaiters())
                }
                if let immediate { continuation.resume(with: immediate) }
                for waiter in ready { waiter.continuation.resume() }
            }
        } onCancel: {
            let removed = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            removed?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock forward by `duration` and resumes, in deadline order, every sleeper
    /// whose deadline has come. A negative duration is refused: time is monotonic.
    public func advance(by duration: Duration) {
        precondition(duration >= .zero, "a monotonic clock cannot go backwards")
        advance(to: now + duration)
    }

    /// Moves the clock to `instant` (not before the current instant) and resumes, in deadline
    /// order, every sleeper whose deadline has come.
    public func advance(to instant: MonotonicInstant) {
        let due = state.withLock { state -> [Sleeper] in
            precondition(instant >= state.now, "a monotonic clock cannot go backwards")
            state.now = instant
            let due = state.sleepers.filter { $0.deadline <= instant }
            state.sleepers.removeAll { $0.deadline <= instant }
            return due.sorted { ($0.deadline, $0.id) < ($1.deadline, $1.id) }
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Suspends until at least `count` tasks are asleep on the clock, so that a test advances
    /// the clock only once the code under test has started waiting.
    public func waitForSleepers(_ count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let satisfied = state.withLock { state -> Bool in
                if state.sleepers.count >= count { return true }
                state.waiters.append(Waiter(count: count, continuation: continuation))
                return false
            }
            if satisfied { continuation.resume() }
        }
    }

    /// The same time line as a ``MonotonicClock``, for logic that takes one.
    public var monotonicClock: any MonotonicClock { Reading(clock: self) }

    private struct Reading: MonotonicClock {
        let clock: TestClock
        func now() -> MonotonicInstant { clock.now }
    }
}
