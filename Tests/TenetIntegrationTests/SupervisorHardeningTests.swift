import Foundation
import Testing
import TenetBus

#if canImport(Glibc)
import Glibc
#endif

/// The supervisor under an unlucky operator and a hostile local user: file modes, the lock,
/// floods of control requests, signals during shutdown, bad paths and bad settings.
@Suite("Supervisor hardening", .serialized)
struct SupervisorHardeningTests {
    @Test("the data directory is 0700 and every file in it 0600, whatever the umask of `tenet up`")
    func privateDataDirectory() throws {
        // The usual interactive umask: without the supervisor's own, everything is world-readable.
        let previous = umask(0o022)
        defer { umask(previous) }
        let stack = try RunningStack("""
            bus:
              tcp: "127.0.0.1:*"
              curve: true
            plugins:
              - name: echo
                command: tenet-echo
            """)
        try stack.waitRunning("echo")
        let data = stack.data
        for directory in [data, data + "/run", data + "/logs"] {
            #expect(permissions(directory) == 0o700, "\(directory) is \(octal(permissions(directory)))")
        }
        for file in [data + "/logs/echo.log", data + "/endpoints.json", data + "/curve.json"] {
            #expect(permissions(file) == 0o600, "\(file) is \(octal(permissions(file)))")
        }
        // Whatever else sits at the top of the data directory (the lock or pid file) is private too.
        let entries = try FileManager.default.contentsOfDirectory(atPath: data)
        for entry in entries where !["run", "logs"].contains(entry) {
            let mode = permissions(data + "/" + entry)
            #expect(mode.map { $0 & 0o077 } == 0, "\(entry) is \(octal(mode))")
        }
    }

    @Test("deleting supervisor.lock does not let a second supervisor start on the same data directory")
    func lockSurvivesUnlink() throws {
        let stack = try RunningStack(echoStack)
        let pid = try #require(try stack.waitRunning("echo").int32("pid"))
        for name in ["supervisor.lock", "supervisor.pid"] { unlink(stack.data + "/" + name) }

        let second = try runBounded(
            TestPaths.binaries + "/tenet", ["up", "--stack", stack.stackPath, "--data", stack.data], timeout: 20)
        #expect(!second.timedOut, "the second supervisor ran: \(second.error)")
        #expect(!second.signaled)
        #expect(second.status == 1)
        #expect(second.error.contains("another supervisor is running on \(stack.data)"), "\(second.error)")
        // The first one is untouched.
        #expect(stack.process.isRunning)
        let echo = try #require(try stack.plugin("echo"))
        #expect(echo.string("state") == "running")
        #expect(echo.int32("pid") == pid)
        #expect(echo["restarts"] as? Int == 0)
    }

    @Test("a flood of control requests for several heartbeat timeouts does not get a healthy plugin killed")
    func controlFlood() throws {
        let stack = try RunningStack(echoStack)
        let pid = try #require(try stack.waitRunning("echo").int32("pid"))

        let context = try ZMQContext()
        defer { context.terminate() }
        let dealer = try ZMQSocket(context: context, type: .dealer)
        defer { dealer.close() }
        try dealer.set(.linger(.zero))
        try dealer.connect("ipc://\(stack.data)/run/control.sock")
        var stamper = MessageStamper(sender: "flood")
        let request = stamper.message(topic: "status", type: BusMessageType.request, rawBody: Array("{}".utf8)).frames()

        // 8 s of requests (the heartbeat timeout is 3 s), as fast as the socket takes them.
        let floodEnd = Date().addingTimeInterval(8)
        var sent = 0
        var answered = 0
        while Date() < floodEnd && sent < 2_000_000 {
            if try dealer.send(multipart: request, dontWait: true) { sent += 1 }
            while try dealer.receiveMultipart(dontWait: true) != nil { answered += 1 }
        }
        let floodEndedAt = monotonicSeconds()
        #expect(sent > 10_000, "only \(sent) requests sent")
        #expect(answered > 0, "the supervisor answered nothing during the flood")

        // Once the supervisor has read a heartbeat sent after the flood, it has judged the
        // plugin on what happened during the flood.
        var entry: [String: Any] = [:]
        try waitUntil("the supervisor has read a heartbeat sent after the flood", timeout: 60) {
            guard let echo = try stack.plugin("echo") else { return false }
            entry = echo
            if echo.string("state") != "running" { return true }
            return (echo.double("last_heartbeat_monotonic") ?? 0) > floodEndedAt + 1
        }
        #expect(entry.string("state") == "running", "echo: \(entry)")
        #expect(entry["restarts"] as? Int == 0, "echo: \(entry)")
        #expect(entry.int32("pid") == pid)
        #expect(isAlive(pid))
    }

    @Test("a second SIGTERM during shutdown kills a plugin that ignores SIGTERM at once, not after its grace")
    func secondStopSignal() throws {
        let stack = try RunningStack("""
            plugins:
              - name: stubborn
                command: /bin/sh
                args: ["-c", "trap '' TERM; exec sleep 1000"]
                heartbeat: false
                start_period: 200ms
                stop_grace: 120s
            """)
        let pid = try #require(try stack.waitRunning("stubborn").int32("pid"))

        #expect(kill(stack.supervisorPid, SIGTERM) == 0)
        try waitUntil("the stack is shutting down with stubborn in stopping") {
            guard let status = try stack.status() else { return false }
            let plugin = (status["plugins"] as? [[String: Any]])?.first
            return status.object("supervisor")?.string("phase") == "shutting_down"
                && plugin?.string("state") == "stopping"
        }
        // It ignored the first signal.
        #expect(isAlive(pid))

        let secondAt = Date()
        #expect(kill(stack.supervisorPid, SIGTERM) == 0)
        #expect(try stack.waitForExit(timeout: 30) == 0)
        #expect(Date().timeIntervalSince(secondAt) < 10, "the supervisor took its time after the second signal")
        #expect(!isAlive(pid))
        #expect(processes(inGroup: pid).isEmpty)
        #expect(stack.log.contains("second stop signal: killing every plugin now"), "\(stack.log)")
    }

    @Test("a data directory whose socket paths are too long for ipc:// is refused, naming the path and the limit")
    func socketPathTooLong() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let stackPath = directory + "/stack.yaml"
        try echoStack.write(toFile: stackPath, atomically: true, encoding: .utf8)
        let data = directory + "/" + String(repeating: "d", count: 90)
        let socket = data + "/run/subscribe.sock"

        let up = try runBounded(TestPaths.binaries + "/tenet", ["up", "--stack", stackPath, "--data", data], timeout: 30)
        #expect(!up.timedOut)
        #expect(up.status == 1)
        #expect(
            up.error.contains(
                "the socket path \(socket) is \(socket.utf8.count) bytes, over the kernel's 107: "
                    + "choose a data directory with a shorter path (--data)"), "\(up.error)")
        // Nothing was started.
        #expect(!FileManager.default.fileExists(atPath: data + "/logs/echo.log"))
    }

    @Test("bus.tcp with localhost binds the loopback and carries the stream")
    func localhostTCP() throws {
        let stack = try RunningStack("""
            bus:
              tcp: "localhost:*"
            plugins:
              - name: echo
                command: tenet-echo
            """)
        var endpoints: [String: Any] = [:]
        try waitUntil("the supervisor answers (or exits)") {
            if !stack.process.isRunning { return true }
            guard let status = try stack.status() else { return false }
            endpoints = status.object("endpoints") ?? [:]
            return true
        }
        #expect(stack.process.isRunning, "tenet up failed: \(stack.log)")
        let tcp = try #require(endpoints.string("subscribe_tcp"), "no TCP endpoint: \(stack.log)")
        #expect(tcp.hasPrefix("tcp://127.0.0.1:"), "\(tcp)")

        let context = try ZMQContext()
        defer { context.terminate() }
        let subscriber = try ZMQSocket(context: context, type: .sub)
        defer { subscriber.close() }
        try subscriber.set(.subscribe("sys.heartbeat.supervisor"))
        try subscriber.set(.receiveTimeout(.milliseconds(200)))
        try subscriber.connect(tcp)
        try waitUntil("the supervisor's heartbeat arrives over TCP") {
            guard let frames = try subscriber.receiveMultipart() else { return false }
            return try BusMessage(frames: frames).header.sender == "supervisor"
        }
    }

    @Test("a relative command that does not exist: the reason names the path, not PATH")
    func relativeCommandNotFound() throws {
        let stack = try RunningStack("""
            plugins:
              - name: ghost
                command: ./bin/no-such-plugin
                heartbeat: false
                restart: never
            """)
        var reason = ""
        try waitUntil("ghost's failed start is reported") {
            guard let exit = try stack.plugin("ghost")?.object("last_exit") else { return false }
            reason = exit.string("reason") ?? ""
            return true
        }
        #expect(reason.contains("\(stack.directory)/bin/no-such-plugin"), "\(reason)")
        #expect(reason.contains("not found") || reason.contains("does not exist"), "\(reason)")
        #expect(!reason.contains("PATH"), "\(reason)")
    }

    @Test("a plugin whose start-up fails exits 78 with its message, and `tenet status` shows the code and the message")
    func startupFailureExitCode() throws {
        // The echo plugin itself, with a bad contract, run by hand.
        let echo = try runBounded(
            TestPaths.binaries + "/tenet-echo", [],
            environment: [
                "TENET_PLUGIN_NAME": "echo", "TENET_BUS_PUBLISH": "ipc:///tmp/tenet-it-nowhere.sock",
                "TENET_BUS_SUBSCRIBE": "ipc:///tmp/tenet-it-nowhere-sub.sock", "TENET_HEARTBEAT_INTERVAL_MS": "abc",
            ], timeout: 30)
        #expect(!echo.timedOut)
        #expect(!echo.signaled, "killed by signal \(echo.status): \(echo.error)")
        #expect(echo.status == 78)
        #expect(
            echo.error.contains(
                "tenet-echo: TENET_HEARTBEAT_INTERVAL_MS: 'abc' is not a positive whole number of milliseconds"),
            "\(echo.error)")
        #expect(!echo.error.contains("Fatal error"), "\(echo.error)")
        #expect(!echo.error.contains("Backtrace"), "\(echo.error)")

        // Under the supervisor: the exit code and the plugin's last words reach `tenet status`.
        let stack = try RunningStack("""
            plugins:
              - name: misconfigured
                command: /bin/sh
                args: ["-c", "echo 'starting' >&2; echo 'tenet-misconfigured: setting X is wrong' >&2; exit 78"]
                heartbeat: false
                restart: never
            """)
        var exit: [String: Any] = [:]
        try waitUntil("misconfigured has exited") {
            guard let found = try stack.plugin("misconfigured")?.object("last_exit") else { return false }
            exit = found
            return true
        }
        #expect(exit["exit_code"] as? Int == 78)
        #expect(exit["signal"] == nil)
        #expect(exit.string("last_output") == "tenet-misconfigured: setting X is wrong", "\(exit)")
        let table = try stack.tenet(["status"])
        #expect(table.output.contains("exit code 78 (configuration error)"), "\(table.output)")
        #expect(table.output.contains("tenet-misconfigured: setting X is wrong"), "\(table.output)")
    }
}
