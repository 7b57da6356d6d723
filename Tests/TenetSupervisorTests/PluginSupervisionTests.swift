import Testing
import TenetClock
import TenetModels
import TenetSupervisor
import TenetControl

#if canImport(Glibc)
import Glibc
#endif

/// Drives one plugin's state machine with a manual clock, playing the supervisor's part:
/// every `.spawn` effect is answered with a new pid.
struct Harness {
    var machine: PluginSupervision
    let clock = ManualClock(start: MonotonicInstant(nanoseconds: 1_000_000_000))
    var random = SeededRandom(seed: 42)
    var nextPid: Int32 = 100
    var log: [PluginSupervision.Effect] = []

    init(_ configure: (inout PluginSpec) -> Void = { _ in }) {
        var spec = PluginSpec(name: "store", command: "tenet-store")
        configure(&spec)
        machine = PluginSupervision(spec: spec)
    }

    var state: PluginState { machine.state }

    @discardableResult
    mutating func send(_ input: PluginSupervision.Input) -> [PluginSupervision.Effect] {
        var effects = machine.handle(input, at: clock.now(), random: &random)
        var index = 0
        while index < effects.count {
            if effects[index] == .spawn {
                nextPid += 1
                effects += machine.handle(.spawned(pid: nextPid), at: clock.now(), random: &random)
            }
            index += 1
        }
        log += effects
        return effects
    }

    /// Advances time in `step`s up to `total`, ticking after each step.
    mutating func wait(_ total: Duration, step: Duration = .milliseconds(100)) {
        var waited = Duration.zero
        while waited < total {
            clock.advance(by: step)
            waited += step
            send(.tick)
        }
    }

    /// Starts the plugin and brings it to running with a heartbeat.
    mutating func startRunning() {
        send(.start)
        send(.heartbeat)
    }
}

@Suite("Plugin supervision state machine")
struct PluginSupervisionTests {
    @Test("start, first heartbeat → running")
    func startsAndRuns() {
        var harness = Harness()
        let effects = harness.send(.start)
        #expect(effects.contains(.spawn))
        #expect(harness.state == .starting)
        #expect(harness.machine.pid == 101)
        harness.send(.heartbeat)
        #expect(harness.state == .running)
        #expect(harness.machine.restarts == 0)
    }

    @Test("a killed plugin is restarted after the first backoff delay, and the restart is counted")
    func restartsAfterKill() {
        var harness = Harness { $0.restart.jitter = 0 }
        harness.startRunning()
        harness.send(.exited(.signaled(signal: SIGKILL)))
        #expect(harness.state == .backoff)
        #expect(harness.machine.lastExit?.status == .signaled(signal: SIGKILL))
        #expect(harness.machine.nextStartAt == harness.clock.now() + .milliseconds(500))
        harness.wait(.milliseconds(400))
        #expect(harness.state == .backoff)
        harness.wait(.milliseconds(100))
        #expect(harness.state == .starting)
        #expect(harness.machine.pid == 102)
        #expect(harness.machine.restarts == 1)
        harness.send(.heartbeat)
        #expect(harness.state == .running)
    }

    @Test("backoff grows with every failure in a row, then the crash loop ends in fatal")
    func crashLoop() {
        var harness = Harness {
            $0.restart.initialBackoff = .milliseconds(100)
            $0.restart.maximumFailures = 5
            $0.restart.jitter = 0.2
        }
        harness.send(.start)
        var delays: [Duration] = []
        while harness.state != .fatal {
            harness.send(.exited(.exited(code: 1)))
            if harness.state == .backoff, let next = harness.machine.nextStartAt {
                delays.append(next - harness.clock.now())
                harness.clock.advance(by: next - harness.clock.now())
                harness.send(.tick)
            }
        }
        #expect(delays.count == 4)
        for (earlier, later) in zip(delays, delays.dropFirst()) {
            #expect(later > earlier)
        }
        // Jitter stays within ±20% of 100ms·2ⁿ.
        for (index, delay) in delays.enumerated() {
            let base = 0.1 * Double(1 << index)
            #expect(delay.totalSeconds >= base * 0.8 - 1e-9 && delay.totalSeconds <= base * 1.2 + 1e-9)
        }
        #expect(harness.machine.consecutiveFailures == 5)
        #expect(harness.machine.pid == nil)
        // Fatal stays fatal, whatever time passes.
        harness.wait(.seconds(120), step: .seconds(1))
        #expect(harness.state == .fatal)
        // An operator's restart revives it with a clean slate.
        harness.send(.restart)
        #expect(harness.state == .starting)
        #expect(harness.machine.consecutiveFailures == 0)
        #expect(harness.machine.pid != nil)
    }

    @Test("the backoff is capped at the maximum")
    func backoffCap() {
        var policy = RestartPolicy()
        policy.initialBackoff = .seconds(1)
        policy.maximumBackoff = .seconds(5)
        policy.jitter = 0
        #expect(policy.delay(afterFailure: 1, unit: 0.5) == .seconds(1))
        #expect(policy.delay(afterFailure: 3, unit: 0.5) == .seconds(4))
        #expect(policy.delay(afterFailure: 4, unit: 0.5) == .seconds(5))
        #expect(policy.delay(afterFailure: 40, unit: 0.5) == .seconds(5))
    }

    @Test("a stable run resets the failure count and the backoff")
    func stableRunResets() {
        var harness = Harness {
            $0.restart.jitter = 0
            $0.restart.stableAfter = .seconds(10)
        }
        harness.startRunning()
        harness.send(.exited(.exited(code: 1)))
        harness.wait(.milliseconds(500))
        harness.send(.heartbeat)
        harness.send(.exited(.exited(code: 1)))
        #expect(harness.machine.consecutiveFailures == 2)
        #expect(harness.machine.nextStartAt == harness.clock.now() + .seconds(1))
        harness.wait(.seconds(1))
        // This run lasts long enough to count as stable, heartbeating all along.
        for _ in 0..<11 {
            harness.wait(.seconds(1))
            harness.send(.heartbeat)
        }
        harness.send(.exited(.exited(code: 1)))
        #expect(harness.machine.consecutiveFailures == 1)
        #expect(harness.machine.nextStartAt == harness.clock.now() + .milliseconds(500))
    }

    @Test("a silent plugin is hung: killed with SIGKILL after the heartbeat timeout, then restarted")
    func hung() {
        var harness = Harness { $0.heartbeatTimeout = .seconds(3) }
        harness.startRunning()
        let pid = harness.machine.pid!
        harness.wait(.seconds(2))
        harness.send(.heartbeat)
        harness.wait(.seconds(3))
        #expect(harness.state == .running)
        harness.clock.advance(by: .milliseconds(100))
        let effects = harness.send(.tick)
        #expect(effects.contains(.kill(pid: pid)))
        #expect(harness.state == .stopping)
        harness.send(.exited(.signaled(signal: SIGKILL)))
        #expect(harness.state == .backoff)
        #expect(harness.machine.lastExit?.reason.hasPrefix("hung") == true)
    }

    @Test("a late turn of the supervisor is not the plugin's silence: no kill; silence it watched still counts")
    func supervisorStallIsNotAHang() {
        var harness = Harness { $0.heartbeatTimeout = .seconds(3) }
        harness.startRunning()
        let pid = harness.machine.pid!
        harness.wait(.seconds(1))
        harness.send(.heartbeat)
        // The supervisor itself stalls for 5 s: no tick and no heartbeat read in that time.
        harness.clock.advance(by: .seconds(5))
        let effects = harness.send(.tick)
        #expect(!effects.contains(.kill(pid: pid)))
        #expect(harness.state == .running)
        // Watching again, it judges the silence it saw: 3 s is within the timeout, 3.1 s is not.
        harness.wait(.seconds(3))
        #expect(harness.state == .running)
        harness.wait(.milliseconds(100))
        #expect(harness.log.contains(.kill(pid: pid)))
        #expect(harness.machine.lastExit == nil)
        #expect(harness.state == .stopping)
    }

    @Test("a late turn during start-up extends the start timeout by the stall, not more")
    func supervisorStallDuringStart() {
        var harness = Harness {
            $0.heartbeatTimeout = .seconds(3)
            $0.startTimeout = .seconds(10)
        }
        harness.send(.start)
        let pid = harness.machine.pid!
        harness.wait(.seconds(2))
        harness.clock.advance(by: .seconds(20))
        #expect(!harness.send(.tick).contains(.kill(pid: pid)))
        // 2 s watched before the stall, so 8 s more are allowed after it.
        harness.wait(.seconds(8))
        #expect(harness.state == .starting)
        harness.wait(.milliseconds(100))
        #expect(harness.log.contains(.kill(pid: pid)))
    }

    @Test("a plugin that never heartbeats is killed after the start timeout")
    func startTimeout() {
        var harness = Harness { $0.startTimeout = .seconds(10) }
        harness.send(.start)
        let pid = harness.machine.pid!
        harness.wait(.seconds(10))
        #expect(harness.state == .starting)
        harness.wait(.milliseconds(100))
        #expect(harness.log.contains(.kill(pid: pid)))
        #expect(harness.state == .stopping)
    }

    @Test("without heartbeats, staying up for the start period counts as running")
    func noHeartbeat() {
        var harness = Harness {
            $0.heartbeat = false
            $0.startPeriod = .seconds(1)
        }
        harness.send(.start)
        harness.wait(.milliseconds(900))
        #expect(harness.state == .starting)
        harness.wait(.milliseconds(100))
        #expect(harness.state == .running)
        // Silence is not a hang for a plugin that does not heartbeat.
        harness.wait(.seconds(60), step: .seconds(1))
        #expect(harness.state == .running)
    }

    @Test("an operator's stop is never undone by the restart logic")
    func operatorStop() {
        var harness = Harness { $0.stopGrace = .seconds(5) }
        harness.startRunning()
        let pid = harness.machine.pid!
        let effects = harness.send(.stop)
        #expect(effects.contains(.terminate(pid: pid)))
        #expect(harness.state == .stopping)
        // It ignores SIGTERM: SIGKILL comes after the grace period, not before.
        harness.wait(.milliseconds(4900))
        #expect(!harness.log.contains(.kill(pid: pid)))
        harness.wait(.milliseconds(100))
        #expect(harness.log.contains(.kill(pid: pid)))
        harness.send(.exited(.signaled(signal: SIGKILL)))
        #expect(harness.state == .stopped)
        harness.wait(.seconds(300), step: .seconds(1))
        #expect(harness.state == .stopped)
        #expect(harness.machine.pid == nil)
        #expect(!harness.log.dropFirst(3).contains(.spawn))
        // Stopping during backoff also sticks.
        harness.send(.start)
        harness.send(.exited(.exited(code: 1)))
        #expect(harness.state == .backoff)
        harness.send(.stop)
        harness.wait(.seconds(60), step: .seconds(1))
        #expect(harness.state == .stopped)
    }

    @Test("an operator's restart of a running plugin stops it gracefully, then starts it at once")
    func operatorRestart() {
        var harness = Harness()
        harness.startRunning()
        let pid = harness.machine.pid!
        #expect(harness.send(.restart).contains(.terminate(pid: pid)))
        harness.send(.exited(.exited(code: 0)))
        #expect(harness.state == .starting)
        #expect(harness.machine.pid != pid)
        #expect(harness.machine.restarts == 1)
    }

    @Test("a start while the plugin is still stopping starts it again once it has stopped")
    func startWhileStopping() {
        var harness = Harness()
        harness.startRunning()
        let pid = harness.machine.pid!
        harness.send(.stop)
        #expect(harness.state == .stopping)
        harness.send(.start)
        #expect(harness.state == .stopping)
        harness.send(.exited(.exited(code: 0)))
        #expect(harness.state == .starting)
        #expect(harness.machine.pid != pid)
    }

    @Test("restart policies: never stops, on-failure stops after a clean exit")
    func policies() {
        var never = Harness { $0.restart.mode = .never }
        never.startRunning()
        never.send(.exited(.exited(code: 1)))
        #expect(never.state == .stopped)

        var onFailure = Harness { $0.restart.mode = .onFailure }
        onFailure.startRunning()
        onFailure.send(.exited(.exited(code: 0)))
        #expect(onFailure.state == .stopped)
        onFailure.send(.start)
        onFailure.send(.exited(.exited(code: 2)))
        #expect(onFailure.state == .backoff)
    }

    @Test("a command that cannot be spawned counts as a failure and ends in fatal")
    func spawnFailure() {
        var harness = Harness { $0.restart.maximumFailures = 2 }
        var random = SeededRandom(seed: 1)
        _ = harness.machine.handle(.start, at: harness.clock.now(), random: &random)
        _ = harness.machine.handle(.spawnFailed(reason: "no such file"), at: harness.clock.now(), random: &random)
        #expect(harness.state == .backoff)
        #expect(harness.machine.lastExit?.reason == "could not start: no such file")
        harness.clock.advance(by: .seconds(5))
        _ = harness.machine.handle(.tick, at: harness.clock.now(), random: &random)
        _ = harness.machine.handle(.spawnFailed(reason: "no such file"), at: harness.clock.now(), random: &random)
        #expect(harness.state == .fatal)
    }

    @Test("every state change is announced with its reason")
    func announcements() {
        var harness = Harness()
        harness.startRunning()
        let changes = harness.log.compactMap { effect -> PluginState? in
            if case .changed(_, let to, _) = effect { return to }
            return nil
        }
        #expect(changes == [.starting, .running])
        #expect(harness.log.contains(.changed(from: .starting, to: .running, reason: "first heartbeat")))
    }
}
