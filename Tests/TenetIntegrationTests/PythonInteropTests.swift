import Foundation
import Testing
import TenetBus

#if canImport(Glibc)
import Glibc
#endif

/// A background process whose standard output goes to a file the test can read while it runs.
final class BackgroundProcess {
    let process = Process()
    let outputPath: String

    init(_ program: String, _ arguments: [String], outputPath: String) throws {
        self.outputPath = outputPath
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: outputPath)
        process.standardError = FileHandle(forWritingAtPath: outputPath + ".err")
        try process.run()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The JSON lines printed so far.
    func lines() -> [[String: Any]] {
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }
}

@Suite("Other languages on the bus", .serialized)
struct PythonInteropTests {
    let subscriber = TestPaths.repository + "/docs/examples/python/subscribe.py"
    let plugin = TestPaths.repository + "/docs/examples/python/echo_plugin.py"

    @Test("a Python subscriber receives heartbeats and lifecycle messages from the documented endpoints")
    func pythonSubscriber() throws {
        let stack = try RunningStack("""
            bus:
              tcp: 127.0.0.1:*
            plugins:
              - name: echo
                command: tenet-echo
            """)
        try stack.waitRunning("echo")

        // Discovered through DATA/endpoints.json (ipc).
        let watcher = try BackgroundProcess(
            TestPaths.python,
            [subscriber, "--data", stack.data, "--topic", "sys.heartbeat.", "--topic", "sys.plugin.echo.", "--timeout", "60"],
            outputPath: stack.directory + "/python-ipc.jsonl")
        try waitUntil("the Python subscriber sees the echo plugin's heartbeat") {
            watcher.lines().contains { $0["topic"] as? String == "sys.heartbeat.echo" }
        }
        #expect(try stack.tenet(["restart", "echo"]).status == 0)
        try waitUntil("the Python subscriber sees echo stop and run again") {
            let topics = watcher.lines().compactMap { $0["topic"] as? String }
            guard let stopping = topics.firstIndex(of: "sys.plugin.echo.stopping") else { return false }
            return topics[stopping...].contains("sys.plugin.echo.running")
        }
        try waitUntil("the Python subscriber sees three supervisor heartbeats") {
            watcher.lines().filter { $0["topic"] as? String == "sys.heartbeat.supervisor" }.count >= 3
        }
        let lines = watcher.lines()
        let running = try #require(lines.first { $0["topic"] as? String == "sys.plugin.echo.running" })
        let header = try #require(running["header"] as? [String: Any])
        #expect(header["version"] as? Int == 1)
        #expect(header["sender"] as? String == "supervisor")
        #expect(header["type"] as? String == "plugin.state")
        #expect((header["seq"] as? Int ?? 0) > 0)
        let body = try #require(running["body"] as? [String: Any])
        #expect(body["plugin"] as? String == "echo")
        #expect(body["to"] as? String == "running")
        // Heartbeats from one sender come with increasing sequence numbers.
        let supervisorSeqs = lines.filter { $0["topic"] as? String == "sys.heartbeat.supervisor" }
            .compactMap { ($0["header"] as? [String: Any])?["seq"] as? Int }
        // …each one more than the one before (one publisher, one topic, nothing lost at this rate).
        #expect(supervisorSeqs.count >= 2, "\(supervisorSeqs)")
        #expect(zip(supervisorSeqs, supervisorSeqs.dropFirst()).allSatisfy { $1 == $0 + 1 }, "\(supervisorSeqs)")

        // The loopback TCP endpoint from `tenet status --json` serves the same stream.
        let tcp = try #require(try stack.status()?.object("endpoints")?.string("subscribe_tcp"))
        #expect(tcp.hasPrefix("tcp://127.0.0.1:"))
        let remote = try run(TestPaths.python, [subscriber, "--endpoint", tcp, "--topic", "sys.heartbeat.", "--count", "3", "--timeout", "30"])
        #expect(remote.status == 0, "\(remote.error)")
        let remoteLines = remote.output.split(separator: "\n")
        #expect(remoteLines.count == 3)
        #expect(remoteLines.allSatisfy { $0.contains("sys.heartbeat.") })
    }

    @Test("the Python plugin from the docs is supervised like a Swift one")
    func pythonPlugin() throws {
        let stack = try RunningStack("""
            plugins:
              - name: pyecho
                command: \(TestPaths.python)
                args: [\(plugin)]
            """)
        // Running means its heartbeats reached the supervisor.
        let first = try stack.waitRunning("pyecho")
        let pid = try #require(first.int32("pid"))

        let endpoint = try #require(first.string("endpoint"))
        let context = try ZMQContext()
        defer { context.terminate() }
        let client = try BusRequestClient(context: context, endpoint: endpoint, sender: "test")
        defer { client.close() }
        let pong = try client.request("ping", body: EmptyBody(), timeout: .seconds(30))
        #expect(pong.header.sender == "pyecho")
        #expect(pong.header.version == 1)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(pong.body)) as? [String: Any])
        #expect(body["pong"] as? Bool == true)
        let echoed = try client.request("echo", body: ["n": 42], timeout: .seconds(30))
        #expect(try echoed.decodeBody([String: Int].self) == ["n": 42])
        let error = #expect(throws: BusProtocolError.self) {
            try client.request("nope", body: EmptyBody(), timeout: .seconds(30))
        }
        #expect(error?.remote?.code == "unknown_method")

        // kill -9: restarted like any plugin.
        #expect(kill(pid, SIGKILL) == 0)
        let second = try stack.waitRunning("pyecho", restarts: 1)
        #expect(second.int32("pid") != pid)

        // SIGSTOP: its heartbeats stop, so it is found hung and restarted.
        let secondPid = try #require(second.int32("pid"))
        #expect(kill(secondPid, SIGSTOP) == 0)
        let third = try stack.waitRunning("pyecho", restarts: 2)
        #expect(third.object("last_exit")?.string("reason")?.hasPrefix("hung") == true)

        // A graceful stop: SIGTERM, and it exits 0.
        #expect(try stack.tenet(["stop", "pyecho"]).status == 0)
        try waitUntil("pyecho is stopped") { try stack.plugin("pyecho")?.string("state") == "stopped" }
        #expect(try stack.plugin("pyecho")?.object("last_exit")?["exit_code"] as? Int == 0)
    }
}
