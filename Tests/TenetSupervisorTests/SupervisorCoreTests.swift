import Testing
import TenetClock
import TenetModels
import TenetSupervisor

@Suite("Stack start order and shutdown")
struct SupervisorCoreTests {
    private func spec(_ name: String, order: Int, autostart: Bool = true) -> PluginSpec {
        var spec = PluginSpec(name: name, command: name)
        spec.order = order
        spec.autostart = autostart
        return spec
    }

    /// Answers spawns with pids and returns the names spawned, in order.
    private func spawn(_ effects: [SupervisorCore.Effect], _ core: inout SupervisorCore, _ now: MonotonicInstant, _ pids: inout Int32) -> [String] {
        var spawned: [String] = []
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            if effect.effect == .spawn {
                pids += 1
                spawned.append(effect.plugin)
                queue += core.handle(.spawned(pid: pids), for: effect.plugin, at: now)
            }
        }
        return spawned
    }

    @Test("groups start in order, each once the one before is running")
    func startOrder() {
        var core = SupervisorCore(
            specs: [spec("web", order: 30), spec("store", order: 10), spec("ingest", order: 20), spec("metrics", order: 20),
                    spec("manual", order: 5, autostart: false)],
            random: SeededRandom(seed: 3))
        let now = MonotonicInstant.zero
        var pids: Int32 = 0
        #expect(spawn(core.start(at: now), &core, now, &pids) == ["store"])
        #expect(core.phase == .starting)
        #expect(spawn(core.tick(at: now), &core, now, &pids).isEmpty)
        #expect(Set(spawn(core.handle(.heartbeat, for: "store", at: now), &core, now, &pids)) == ["ingest", "metrics"])
        #expect(spawn(core.handle(.heartbeat, for: "ingest", at: now), &core, now, &pids).isEmpty)
        #expect(spawn(core.handle(.heartbeat, for: "metrics", at: now), &core, now, &pids) == ["web"])
        #expect(core.phase == .running)
        #expect(core.plugin(named: "manual")?.state == .stopped)
    }

    @Test("shutdown stops groups in reverse order and finishes when all are down")
    func shutdownOrder() {
        var core = SupervisorCore(specs: [spec("store", order: 10), spec("ingest", order: 20)], random: SeededRandom(seed: 3))
        let now = MonotonicInstant.zero
        var pids: Int32 = 0
        _ = spawn(core.start(at: now), &core, now, &pids)
        _ = spawn(core.handle(.heartbeat, for: "store", at: now), &core, now, &pids)
        _ = core.handle(.heartbeat, for: "ingest", at: now)
        let ingestPid = core.plugin(named: "ingest")!.pid!
        let storePid = core.plugin(named: "store")!.pid!

        let first = core.shutdown(at: now)
        #expect(first.contains(.init(plugin: "ingest", effect: .terminate(pid: ingestPid))))
        #expect(!first.contains(.init(plugin: "store", effect: .terminate(pid: storePid))))
        #expect(core.phase == .shuttingDown)
        let second = core.handle(.exited(.exited(code: 0)), for: "ingest", at: now)
        #expect(second.contains(.init(plugin: "store", effect: .terminate(pid: storePid))))
        _ = core.handle(.exited(.exited(code: 0)), for: "store", at: now)
        #expect(core.phase == .finished)
        #expect(core.plugins.allSatisfy { $0.state == .stopped })
    }

    @Test("a plugin that crashes during shutdown is not restarted")
    func noRestartDuringShutdown() {
        var core = SupervisorCore(specs: [spec("store", order: 10), spec("ingest", order: 20)], random: SeededRandom(seed: 3))
        let now = MonotonicInstant.zero
        var pids: Int32 = 0
        _ = spawn(core.start(at: now), &core, now, &pids)
        _ = spawn(core.handle(.heartbeat, for: "store", at: now), &core, now, &pids)
        _ = core.shutdown(at: now)
        // store (a lower group, still waiting its turn) crashes.
        let effects = core.handle(.exited(.signaled(signal: 9)), for: "store", at: now)
        #expect(!effects.contains { $0.effect == .spawn })
        #expect(core.plugin(named: "store")?.state == .stopped)
        _ = core.handle(.exited(.exited(code: 0)), for: "ingest", at: now)
        #expect(core.phase == .finished)
    }

    @Test("a stalled supervisor loop kills nobody: a tick late by more than the heartbeat timeout is not a hang")
    func stalledLoopKillsNobody() {
        var core = SupervisorCore(specs: [spec("store", order: 0), spec("ingest", order: 0)], random: SeededRandom(seed: 1))
        var now = MonotonicInstant.zero
        var pids: Int32 = 0
        _ = spawn(core.start(at: now), &core, now, &pids)
        _ = core.handle(.heartbeat, for: "store", at: now)
        _ = core.handle(.heartbeat, for: "ingest", at: now)
        for _ in 0..<10 {
            now = now + .milliseconds(100)
            #expect(core.tick(at: now).isEmpty)
        }
        // Ten seconds pass in one turn (the loop was busy or the machine stalled).
        now = now + .seconds(10)
        let effects = core.tick(at: now)
        #expect(!effects.contains { if case .kill = $0.effect { true } else { false } }, "\(effects)")
        #expect(core.plugins.allSatisfy { $0.state == .running })
    }

    @Test("inputs for unknown plugins are ignored")
    func unknownPlugin() {
        var core = SupervisorCore(specs: [spec("store", order: 0)], random: SeededRandom(seed: 1))
        #expect(core.handle(.heartbeat, for: "intruder", at: .zero).isEmpty)
        #expect(core.plugin(named: "intruder") == nil)
    }
}
