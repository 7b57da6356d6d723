import Testing
import TenetClock

@Suite("Monotonic clock")
struct ClockTests {
    @Test("a manual clock moves only when advanced")
    func manualClock() {
        let clock = ManualClock(start: MonotonicInstant(nanoseconds: 1_000))
        #expect(clock.now() == MonotonicInstant(nanoseconds: 1_000))
        clock.advance(by: .milliseconds(1500))
        #expect(clock.now().nanoseconds == 1_500_001_000)
        #expect(clock.now() - MonotonicInstant(nanoseconds: 1_000) == .milliseconds(1500))
    }

    @Test("instant arithmetic and ordering")
    func arithmetic() {
        let start = MonotonicInstant(nanoseconds: 5_000_000_000)
        #expect(start + .seconds(2) > start)
        #expect((start + .seconds(2)) - .seconds(2) == start)
        #expect(start.seconds == 5.0)
        #expect(Duration.milliseconds(1234).totalNanoseconds == 1_234_000_000)
        #expect(Duration.milliseconds(250).totalSeconds == 0.25)
    }

    @Test("the system clock never goes backwards")
    func systemClock() {
        let clock = SystemMonotonicClock()
        var previous = clock.now()
        for _ in 0..<10_000 {
            let next = clock.now()
            #expect(next >= previous)
            previous = next
        }
    }
}
