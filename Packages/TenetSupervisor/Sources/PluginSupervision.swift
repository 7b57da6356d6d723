import TenetControl
import TenetClock
import TenetModels

/// The supervision state machine of one plugin: pure logic, no processes and no clock of its own.
///
/// The supervisor feeds it inputs (an operator's command, a process that started or exited, a
/// heartbeat, a timer tick) with the current monotonic instant, and carries out the effects it
/// answers (spawn, SIGTERM, SIGKILL) and publishes its state changes. Because time only comes
/// in as an argument, tests drive it with a ``ManualClock`` and never sleep.
///
/// Hangs are judged only on silence the supervisor watched. A tick that comes more than a
/// third of the heartbeat timeout after the previous one means the supervisor itself was not
/// reading (its loop stalled, or the machine paused it): that gap is not counted as the
/// plugin's silence, so a plugin is never killed on heartbeats the supervisor failed to read.
public struct PluginSupervision: Sendable {
    /// Something that happened to the plugin.
    public enum Input: Hashable, Sendable {
        /// Start it (with the stack, or `tenet start`); revives a `fatal` or `stopped` plugin.
        case start
        /// An operator's restart: stop it if it is up, then start it; clears a crash loop.
        case restart
        /// An operator's stop (or the supervisor's shutdown): it stays down until started.
        case stop
        /// The process was spawned as `pid`.
        case spawned(pid: Int32)
        /// The process could not be spawned.
        case spawnFailed(reason: String)
        /// The process ended.
        case exited(ExitStatus)
        /// A heartbeat arrived on the bus.
        case heartbeat
        /// Time passed; check deadlines.
        case tick
    }

    /// What the supervisor must do or announce.
    public enum Effect: Hashable, Sendable {
        /// Start the plugin's process, then report `.spawned` or `.spawnFailed`.
        case spawn
        /// Send SIGTERM to the plugin's process group.
        case terminate(pid: Int32)
        /// Send SIGKILL to the plugin's process group.
        case kill(pid: Int32)
        /// The state changed (publish `sys.plugin.<name>.<to>`).
        case changed(from: PluginState, to: PluginState, reason: String)
    }

    /// How the last run ended.
    public struct ExitRecord: Hashable, Sendable {
        /// The process's exit status, if it ran at all.
        public var status: ExitStatus?
        /// Why it ended, in words: the status, `hung: …`, `stopped by operator`, `could not start: …`.
        public var reason: String
        /// When the end was seen.
        public var at: MonotonicInstant
        /// How long that run lasted.
        public var ranFor: Duration
    }

    private enum Pending: Hashable, Sendable {
        case nothing
        case stop
        case restart
        case hung(String)
    }

    /// The plugin's description from the stack file.
    public let spec: PluginSpec
    /// The current state.
    public private(set) var state: PluginState = .stopped
    /// The running process (also its process group id), if any.
    public private(set) var pid: Int32?
    /// How many times the plugin was started after its first start.
    public private(set) var restarts = 0
    /// Failures in a row since the last stable run or operator action.
    public private(set) var consecutiveFailures = 0
    /// When the current (or last) process was started.
    public private(set) var startedAt: MonotonicInstant?
    /// When the last heartbeat arrived from the current process.
    public private(set) var lastHeartbeatAt: MonotonicInstant?
    /// In `backoff`: when the next start is due.
    public private(set) var nextStartAt: MonotonicInstant?
    /// How the last run ended.
    public private(set) var lastExit: ExitRecord?
    /// When the state last changed (`nil` before the first change).
    public private(set) var stateSince: MonotonicInstant?

    private var starts = 0
    private var pending = Pending.nothing
    private var stopDeadline: MonotonicInstant?
    private var killSent = false
    /// The last tick, to tell the supervisor's own late turns.
    private var lastTickAt: MonotonicInstant?
    /// Time since the current process started or last heartbeated that the supervisor could
    /// not watch (its late turns): taken off the silence before judging a hang.
    private var unwatched = Duration.zero

    /// Creates the machine for `spec`, in `stopped`.
    public init(spec: PluginSpec) {
        self.spec = spec
    }

    /// Applies `input` at `now` and returns the effects to carry out, in order.
    public mutating func handle(
        _ input: Input, at now: MonotonicInstant, random: inout SeededRandom
    ) -> [Effect] {
        var effects: [Effect] = []
        switch input {
        case .start:
            if state == .stopped || state == .fatal {
                consecutiveFailures = 0
                begin(at: now, reason: "started", &effects)
            } else if state == .stopping {
                // `tenet stop x; tenet start x` typed quickly: started again once it has stopped.
                pending = .restart
            }
        case .restart:
            switch state {
            case .stopped, .fatal, .backoff:
                consecutiveFailures = 0
                nextStartAt = nil
                begin(at: now, reason: "restarted by operator", &effects)
            case .starting, .running:
                pending = .restart
                requestStop(at: now, reason: "restart requested by operator", &effects)
            case .stopping:
                pending = .restart
            }
        case .stop:
            switch state {
            case .stopped:
                break
            case .fatal, .backoff:
                nextStartAt = nil
                move(to: .stopped, at: now, reason: "stopped by operator", &effects)
            case .starting, .running:
                pending = .stop
                requestStop(at: now, reason: "stop requested", &effects)
            case .stopping:
                pending = .stop
            }
        case .spawned(let pid):
            self.pid = pid
            startedAt = now
            lastHeartbeatAt = nil
            unwatched = .zero
            starts += 1
            if starts > 1 { restarts += 1 }
        case .spawnFailed(let reason):
            startedAt = now
            starts += 1
            if starts > 1 { restarts += 1 }
            fail(status: nil, reason: "could not start: \(reason)", ranFor: .zero, at: now, random: &random, &effects)
        case .exited(let status):
            guard pid != nil else { break }
            exited(status, at: now, random: &random, &effects)
        case .heartbeat:
            guard pid != nil, state == .starting || state == .running else { break }
            lastHeartbeatAt = now
            unwatched = .zero
            if state == .starting { move(to: .running, at: now, reason: "first heartbeat", &effects) }
        case .tick:
            if let lastTickAt, now - lastTickAt > spec.heartbeatTimeout / 3 {
                // Only the part of the gap after the last thing seen from this process.
                let seen = [lastTickAt, lastHeartbeatAt, startedAt].compactMap { $0 }.max() ?? lastTickAt
                unwatched += now - seen
            }
            lastTickAt = now
            tick(at: now, &effects)
        }
        return effects
    }

    // MARK: Transitions

    private mutating func begin(at now: MonotonicInstant, reason: String, _ effects: inout [Effect]) {
        pending = .nothing
        move(to: .starting, at: now, reason: reason, &effects)
        effects.append(.spawn)
    }

    private mutating func requestStop(at now: MonotonicInstant, reason: String, _ effects: inout [Effect]) {
        guard let pid else { return }
        move(to: .stopping, at: now, reason: reason, &effects)
        stopDeadline = now + spec.stopGrace
        killSent = false
        effects.append(.terminate(pid: pid))
    }

    private mutating func killHung(at now: MonotonicInstant, reason: String, _ effects: inout [Effect]) {
        guard let pid else { return }
        pending = .hung(reason)
        move(to: .stopping, at: now, reason: reason, &effects)
        stopDeadline = now
        killSent = true
        effects.append(.kill(pid: pid))
    }

    private mutating func exited(
        _ status: ExitStatus, at now: MonotonicInstant, random: inout SeededRandom, _ effects: inout [Effect]
    ) {
        let ranFor = startedAt.map { now - $0 } ?? .zero
        pid = nil
        stopDeadline = nil
        killSent = false
        let action = pending
        pending = .nothing
        switch action {
        case .stop:
            lastExit = ExitRecord(status: status, reason: "stopped (\(status))", at: now, ranFor: ranFor)
            move(to: .stopped, at: now, reason: "stopped (\(status))", &effects)
        case .restart:
            lastExit = ExitRecord(status: status, reason: "restarted by operator (\(status))", at: now, ranFor: ranFor)
            consecutiveFailures = 0
            begin(at: now, reason: "restarted by operator", &effects)
        case .hung(let reason):
            fail(status: status, reason: reason, ranFor: ranFor, at: now, random: &random, &effects)
        case .nothing:
            fail(status: status, reason: status.description, ranFor: ranFor, at: now, random: &random, &effects)
        }
    }

    private mutating func fail(
        status: ExitStatus?, reason: String, ranFor: Duration, at now: MonotonicInstant,
        random: inout SeededRandom, _ effects: inout [Effect]
    ) {
        lastExit = ExitRecord(status: status, reason: reason, at: now, ranFor: ranFor)
        if ranFor >= spec.restart.stableAfter { consecutiveFailures = 0 }
        let clean = status?.isSuccess == true
        switch spec.restart.mode {
        case .never:
            move(to: .stopped, at: now, reason: "\(reason); restart policy is never", &effects)
            return
        case .onFailure where clean:
            move(to: .stopped, at: now, reason: "\(reason); finished cleanly", &effects)
            return
        case .always, .onFailure:
            break
        }
        consecutiveFailures += 1
        if consecutiveFailures >= spec.restart.maximumFailures {
            move(
                to: .fatal, at: now,
                reason: "crash loop: \(consecutiveFailures) failures in a row, last: \(reason)", &effects)
            return
        }
        let delay = spec.restart.delay(afterFailure: consecutiveFailures, unit: random.unit())
        nextStartAt = now + delay
        move(to: .backoff, at: now, reason: "\(reason); next start in \(Self.format(delay))", &effects)
    }

    private mutating func tick(at now: MonotonicInstant, _ effects: inout [Effect]) {
        switch state {
        case .starting:
            guard let startedAt, pid != nil else { return }
            if spec.heartbeat {
                if now - startedAt - unwatched > spec.startTimeout {
                    killHung(
                        at: now, reason: "hung: no first heartbeat within \(Self.format(spec.startTimeout))", &effects)
                }
            } else if now - startedAt >= spec.startPeriod {
                move(to: .running, at: now, reason: "up for \(Self.format(spec.startPeriod))", &effects)
            }
        case .running:
            guard spec.heartbeat, let last = lastHeartbeatAt else { return }
            let silence = now - last - unwatched
            if silence > spec.heartbeatTimeout {
                killHung(at: now, reason: "hung: no heartbeat for \(Self.format(silence))", &effects)
            }
        case .backoff:
            if let nextStartAt, now >= nextStartAt {
                self.nextStartAt = nil
                begin(at: now, reason: "restart after backoff", &effects)
            }
        case .stopping:
            if let pid, !killSent, let stopDeadline, now >= stopDeadline {
                killSent = true
                effects.append(.kill(pid: pid))
            }
        case .stopped, .fatal:
            break
        }
    }

    private mutating func move(to next: PluginState, at now: MonotonicInstant, reason: String, _ effects: inout [Effect]) {
        let previous = state
        state = next
        stateSince = now
        effects.append(.changed(from: previous, to: next, reason: reason))
    }

    private static func format(_ duration: Duration) -> String {
        let seconds = duration.totalSeconds
        return seconds < 10 ? "\((seconds * 10).rounded() / 10)s" : "\(Int(seconds.rounded()))s"
    }
}
