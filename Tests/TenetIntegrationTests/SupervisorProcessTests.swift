import Foundation
import Testing
import TenetBus

#if canImport(Glibc)
import Glibc
#endif

/// A stack with the Swift echo plugin.
let echoStack = """
    plugins:
      - name: echo
        command: tenet-echo
    """

/// The echo plugin, plus a shell plugin that starts two children of its own.
let familyStack = """
    plugins:
      - name: echo
        command: tenet-echo
      - name: family
        command: /bin/sh
        args: ["-c", "sleep 1000 & sleep 1001 & wait"]
        heartbeat: false
        start_period: 200ms
    """

@Suite("Supervisor with real processes", .serialized)
struct SupervisorProcessTests {
    @Test("kill -9 of a plugin: restarted within 2 s, and the restart is counted")
    func killedPluginRestarts() throws {
        let stack = try RunningStack(echoStack)
        let first = try stack.waitRunning("echo")
        let pid = try #require(first.int32("pid"))
        #expect(first["restarts"] as? Int == 0)

        #expect(kill(pid, SIGKILL) == 0)
        let second = try stack.waitRunning("echo", restarts: 1)
        #expect(second.int32("pid") != pid)
        #expect(!isAlive(pid))
        let exit = try #require(second.object("last_exit"))
        #expect(exit["signal"] as? Int == Int(SIGKILL))
        // Measured on the supervisor's monotonic clock: from seeing the exit to the new start.
        let exitAt = try #require(exit.double("at_monotonic"))
        let restartedAt = try #require(second.double("started_at_monotonic"))
        #expect(restartedAt - exitAt < 2.0, "restarted \(restartedAt - exitAt)s after the exit")
        #expect(restartedAt > exitAt)
    }

    @Test("SIGSTOP of a plugin: detected as hung within 5 s, killed and restarted")
    func hungPluginRestarts() throws {
        let stack = try RunningStack(echoStack)
        let first = try stack.waitRunning("echo")
        let pid = try #require(first.int32("pid"))

        let stoppedAt = monotonicSeconds()
        #expect(kill(pid, SIGSTOP) == 0)
        let second = try stack.waitRunning("echo", restarts: 1)
        let exit = try #require(second.object("last_exit"))
        let reason = try #require(exit.string("reason"))
        #expect(reason.hasPrefix("hung"), "last exit: \(reason)")
        let detectedAt = try #require(exit.double("at_monotonic"))
        #expect(detectedAt - stoppedAt < 5.0, "hang detected \(detectedAt - stoppedAt)s after SIGSTOP")
        #expect(exit["signal"] as? Int == Int(SIGKILL))
        #expect(!isAlive(pid))
    }

    @Test("a plugin that exits at once: the backoff grows, then fatal; `tenet restart` revives it")
    func crashLoopThenRevive() throws {
        let marker = "/tmp/tenet-it-healthy-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(marker) }
        let stack = try RunningStack("""
            plugins:
              - name: crashy
                command: /bin/sh
                args: ["-c", "test -f \(marker) && exec sleep 1000; exit 3"]
                heartbeat: false
                autostart: false
                start_period: 300ms
                backoff: { initial: 200ms, multiplier: 2, jitter: 0.1 }
                max_failures: 4
            """)
        try waitUntil("the supervisor answers") { try stack.status() != nil }

        // Watch the bus for the plugin's state changes, as any external tool could.
        let context = try ZMQContext()
        defer { context.terminate() }
        let subscriber = try stack.busSubscriber(context)
        defer { subscriber.close() }

        #expect(try stack.tenet(["start", "crashy"]).status == 0)
        var backoffs: [Double] = []
        var states: [String] = []
        try waitUntil("crashy is fatal", timeout: 60) {
            guard let frames = try subscriber.receiveMultipart() else { return false }
            let message = try BusMessage(frames: frames)
            guard message.topic.hasPrefix("sys.plugin.crashy.") else { return false }
            let body = try #require(try JSONSerialization.jsonObject(with: Data(message.body)) as? [String: Any])
            states.append(body["to"] as? String ?? "?")
            if let delay = body["backoff_seconds"] as? Double { backoffs.append(delay) }
            return body["to"] as? String == "fatal"
        }
        #expect(backoffs.count == 3, "states seen: \(states)")
        for (earlier, later) in zip(backoffs, backoffs.dropFirst()) {
            #expect(later > earlier, "backoff delays: \(backoffs)")
        }
        let fatal = try #require(try stack.plugin("crashy"))
        #expect(fatal.string("state") == "fatal")
        #expect(fatal["consecutive_failures"] as? Int == 4)
        #expect(fatal.object("last_exit")?["exit_code"] as? Int == 3)

        // Fixed; the operator restarts it.
        _ = FileManager.default.createFile(atPath: marker, contents: nil)
        let restart = try stack.tenet(["restart", "crashy"])
        #expect(restart.status == 0, "\(restart.error)")
        let revived = try stack.waitRunning("crashy")
        #expect(revived["consecutive_failures"] as? Int == 0)
        #expect(revived["restarts"] as? Int == 4)
    }

    @Test("an operator's stop sticks until the operator starts the plugin again")
    func operatorStopSticks() throws {
        let stack = try RunningStack(echoStack)
        let running = try stack.waitRunning("echo")
        let pid = try #require(running.int32("pid"))
        let stop = try stack.tenet(["stop", "echo"])
        #expect(stop.status == 0, "\(stop.error)")
        try waitUntil("echo is stopped") { try stack.plugin("echo")?.string("state") == "stopped" }
        let stopped = try #require(try stack.plugin("echo"))
        // It stopped gracefully on SIGTERM and was not restarted.
        #expect(stopped.object("last_exit")?["exit_code"] as? Int == 0)
        #expect(stopped["restarts"] as? Int == 0)
        #expect(stopped["pid"] == nil)
        #expect(!isAlive(pid))
        #expect(try stack.tenet(["start", "echo"]).status == 0)
        try stack.waitRunning("echo", restarts: 1)
    }

    @Test("`tenet stop`: every plugin process, and everything it started, is gone")
    func stopLeavesNothing() throws {
        let stack = try RunningStack(familyStack)
        let echo = try #require(try stack.waitRunning("echo").int32("pid"))
        let family = try #require(try stack.waitRunning("family").int32("pid"))
        try waitUntil("the family plugin's children started") { processes(inGroup: family).count == 3 }

        let stop = try stack.tenet(["stop"])
        #expect(stop.status == 0, "\(stop.error)")
        #expect(stop.output.contains("stopped"))
        #expect(try stack.waitForExit() == 0)
        #expect(processes(inGroup: echo).isEmpty)
        #expect(processes(inGroup: family).isEmpty)
        #expect(try stack.tenet(["status"]).status == 3)
    }

    @Test("kill -9 of the supervisor: no plugin process outlives it")
    func supervisorKilled() throws {
        let stack = try RunningStack(familyStack)
        let echo = try #require(try stack.waitRunning("echo").int32("pid"))
        let family = try #require(try stack.waitRunning("family").int32("pid"))
        try waitUntil("the family plugin's children started") { processes(inGroup: family).count == 3 }

        #expect(kill(stack.supervisorPid, SIGKILL) == 0)
        try waitUntil("every plugin process is gone") {
            processes(inGroup: echo).isEmpty && processes(inGroup: family).isEmpty
        }
        #expect(try stack.tenet(["status"]).status == 3)
    }

    @Test("a Swift plugin answers requests on its own endpoint")
    func swiftPluginRequests() throws {
        let stack = try RunningStack(echoStack)
        try stack.waitRunning("echo")
        let endpoints = try #require(try stack.status()?.object("endpoints"))
        let endpoint = try #require((endpoints["plugins"] as? [String: String])?["echo"])
        let context = try ZMQContext()
        defer { context.terminate() }
        let client = try BusRequestClient(context: context, endpoint: endpoint, sender: "test")
        defer { client.close() }
        let pong = try client.request("ping", body: EmptyBody(), timeout: .seconds(30))
        #expect(pong.header.sender == "echo")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(pong.body)) as? [String: Any])
        #expect(body["pong"] as? Bool == true)
        let echoed = try client.request("echo", body: ["text": "héllo"], timeout: .seconds(30))
        #expect(try echoed.decodeBody([String: String].self) == ["text": "héllo"])
        let error = #expect(throws: BusProtocolError.self) {
            try client.request("nope", body: EmptyBody(), timeout: .seconds(30))
        }
        #expect(error?.remote?.code == "unknown_method")
    }

    @Test("command errors: a bad stack file names its line; no supervisor is exit code 3; unknown plugins are named")
    func commandErrors() throws {
        var template = Array("/tmp/tenet-it-XXXXXX".utf8CString)
        let directory = String(cString: try #require(mkdtemp(&template)))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bad = directory + "/stack.yaml"
        try "plugins:\n  - name: echo\n    comand: tenet-echo\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let up = try runTenet(["up", "--stack", bad, "--data", directory + "/d"])
        #expect(up.status == 1)
        #expect(up.error.contains("\(bad):3:5: plugins[0].comand: unknown key 'comand'"), "\(up.error)")

        let none = try runTenet(["status", "--data", directory + "/nothing"])
        #expect(none.status == 3)
        #expect(none.error.contains("no supervisor is running"))

        let stack = try RunningStack(echoStack)
        try stack.waitRunning("echo")
        let unknown = try stack.tenet(["restart", "ghost"])
        #expect(unknown.status == 1)
        #expect(unknown.error.contains("no plugin named 'ghost'"), "\(unknown.error)")
        // `stop` without a name is refused: stopping everything is the separate `shutdown`.
        let context = try ZMQContext()
        let control = try BusRequestClient(context: context, endpoint: "ipc://\(stack.data)/run/control.sock", sender: "test")
        let unnamed = #expect(throws: BusProtocolError.self) {
            try control.request("stop", body: EmptyBody(), timeout: .seconds(30))
        }
        #expect(unnamed?.remote?.code == "bad_request")
        control.close()
        context.terminate()
        #expect(try stack.plugin("echo")?.string("state") == "running")
        let second = try runTenet(["up", "--stack", stack.stackPath, "--data", stack.data])
        #expect(second.status == 1)
        #expect(second.error.contains("another supervisor is running"), "\(second.error)")
        #expect(try stack.plugin("echo")?.string("state") == "running")
    }
}
