import Synchronization
import Testing
import TenetClock

/// A value shared between a test and the tasks it starts.
private final class Shared<Value: Sendable>: Sendable {
    private let value: Mutex<Value>
    init(_ value: Value) { self.value = Mutex(value) }
    func get() -> Value { value.withLock { $0 } }
    func update(_ change: (inout Value) -> Void) { value.withLock { change(&$0) } }
}

/// Code written against any Swift `Clock`, as a rules plugin's timers will be.
private func fire<C: Clock>(after delay: C.Duration, on clock: C, _ action: @Sendable () -> Void) async throws {
    try await clock.sleep(for: delay)
    action()
}

@Suite("Test clock (a Swift Clock that moves when told)")
struct TestClockTests {
    @Test("a task sleeping 10 s resumes when the clock reaches 10 s, not a nanosecond before")
    func resumesAtTheDeadline() async throws {
        let clock = TestClock(start: MonotonicInstant(nanoseconds: 5_000))
        let firedAt = Shared<MonotonicInstant?>(nil)
        let task = Task { try await fire(after: .seconds(10), on: clock) { firedAt.update { $0 = clock.now } } }
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(10) - .nanoseconds(1))
        #expect(clock.sleeperCount == 1)
        #expect(firedAt.get() == nil)
        clock.advance(by: .nanoseconds(1))
        #expect(clock.sleeperCount == 0)
        try await task.value
        #expect(firedAt.get() == MonotonicInstant(nanoseconds: 5_000) + .seconds(10))
    }

    @Test("two sleepers resume in deadline order, whatever order they fell asleep in")
    func deadlineOrder() async throws {
        let clock = TestClock()
        let woken = Shared<[String]>([])
        let late = Task { try await fire(after: .seconds(10), on: clock) { woken.update { $0.append("late") } } }
        await clock.waitForSleepers(1)
        let early = Task { try await fire(after: .seconds(5), on: clock) { woken.update { $0.append("early") } } }
        await clock.waitForSleepers(2)

        clock.advance(by: .seconds(6))
        try await early.value
        #expect(woken.get() == ["early"])
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .seconds(4))
        try await late.value
        #expect(woken.get() == ["early", "late"])
        #expect(clock.now == .zero + .seconds(10))
    }

    @Test("one advance past several deadlines resumes every sleeper due, and only those")
    func advancePastMany() async throws {
        let clock = TestClock()
        let tasks = (1...5).map { seconds in
            Task { try await clock.sleep(for: .seconds(seconds)) }
        }
        await clock.waitForSleepers(5)
        clock.advance(by: .seconds(3))
        for task in tasks.prefix(3) { try await task.value }
        #expect(clock.sleeperCount == 2)
        clock.advance(to: .zero + .seconds(5))
        for task in tasks.suffix(2) { try await task.value }
        #expect(clock.sleeperCount == 0)
    }

    @Test("a deadline already past returns at once; a cancelled sleeper throws and leaves the clock")
    func pastAndCancelled() async throws {
        let clock = TestClock(start: .zero + .seconds(100))
        try await clock.sleep(until: .zero + .seconds(50), tolerance: nil)
        #expect(clock.sleeperCount == 0)

        let task = Task { try await clock.sleep(for: .seconds(1)) }
        await clock.waitForSleepers(1)
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(clock.sleeperCount == 0)
        #expect(clock.now == .zero + .seconds(100))
    }

    @Test("the same time line drives MonotonicClock logic and its instants are InstantProtocol")
    func monotonicView() {
        let clock = TestClock(start: MonotonicInstant(nanoseconds: 7))
        let monotonic = clock.monotonicClock
        clock.advance(by: .milliseconds(1500))
        #expect(monotonic.now() == MonotonicInstant(nanoseconds: 1_500_000_007))
        #expect(clock.now.duration(to: clock.now.advanced(by: .seconds(2))) == .seconds(2))
        #expect(clock.minimumResolution == .nanoseconds(1))
    }
}
