import Foundation
import Testing
import TenetTestSupport

@Suite("Every shipped plugin stops gracefully", .serialized)
struct PluginShutdownTests {
    /// The default stack's plugins, from the shipped stack file's commands.
    static let stack = """
        defaults:
          stop_grace: 20s
        plugins:
          - name: store
            command: tenet-store
            order: 10
          - name: ingest
            command: tenet-ingest
            order: 20
            env: { TENET_INGEST_HTTP: "127.0.0.1:0" }
          - name: metrics
            command: tenet-metrics
            order: 25
          - name: rules
            command: tenet-rules
            order: 28
          - name: echo
            command: tenet-echo
            order: 30
          - name: simulator
            command: tenet-simulator
            order: 40
          - name: importer
            command: tenet-importer
            order: 40
          - name: web
            command: tenet-web
            order: 45
            env: { TENET_WEB_HTTP: "127.0.0.1:0" }
          - name: report
            command: tenet-report
            order: 46
        """

    @Test("`tenet stop NAME`: store, ingest, metrics, rules, echo, the simulator, the importer, web and report each exit 0 on SIGTERM, never killed at the end of the grace period")
    func everyPluginExitsZero() throws {
        let shipped = try String(contentsOfFile: TestPaths.repository + "/stack.yaml", encoding: .utf8)
        let commands = shipped.split(separator: "\n").compactMap { line -> String? in
            let text = line.trimmingCharacters(in: .whitespaces)
            return text.hasPrefix("command:") ? text.dropFirst("command:".count).trimmingCharacters(in: .whitespaces) : nil
        }
        #expect(
            Set(commands) == ["tenet-store", "tenet-ingest", "tenet-metrics", "tenet-rules", "tenet-simulator", "tenet-echo", "tenet-web", "tenet-report"],
            "a shipped plugin is missing from this test")

        let running = try RunningStack(Self.stack)
        for name in ["store", "ingest", "metrics", "rules", "echo", "simulator", "importer", "web", "report"] { try running.waitRunning(name) }
        // Reverse order, as a whole-stack stop does: the producers and metrics still have ingest
        // and the store to talk to.
        for name in ["report", "web", "importer", "simulator", "echo", "rules", "metrics", "ingest", "store"] {
            let started = monotonicSeconds()
            let stop = try running.tenet(["stop", name])
            #expect(stop.status == 0, "\(stop.error)")
            try waitUntil("\(name) is stopped", timeout: 60) { try running.plugin(name)?.string("state") == "stopped" }
            let exit = try #require(try running.plugin(name)?.object("last_exit"), "\(name) has no last exit")
            #expect(exit.int32("exit_code") == 0, "\(name): \(exit)")
            #expect(exit["signal"] == nil, "\(name) was killed: \(exit)")
            // Informative only (no timing assertion): how long the stop took.
            print("\(name) stopped in \(String(format: "%.2f", monotonicSeconds() - started)) s")
        }
    }
}

@Suite("Ingest stops on time with clients holding requests open", .serialized)
struct IngestStopWithOpenRequestsTests {
    @Test("a request whose body never ends is answered 503 `stopping` and ingest still exits 0 on SIGTERM")
    func halfSentRequest() throws {
        let running = try RunningStack(PluginShutdownTests.stack)
        try running.waitRunning("ingest")
        let (url, token) = try running.httpIngest()
        let port = try #require(url.port)
        let waiting = try RawHTTPConnection(port: port)
        try waiting.send("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(token)\r\nContent-Length: 1000\r\n\r\n{\"id\":")
        let tooLarge = try RawHTTPConnection(port: port)
        try tooLarge.send("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer \(token)\r\nContent-Length: \(100 << 30)\r\n\r\n")
        let refused = try tooLarge.readResponse()
        #expect(refused.hasPrefix("HTTP/1.1 413") && refused.lowercased().contains("connection: close"), "\(refused)")

        #expect(try running.tenet(["stop", "ingest"]).status == 0)
        let answer = try waiting.readResponse()
        #expect(answer.hasPrefix("HTTP/1.1 503"), "\(answer)")
        #expect(answer.contains(#""code":"stopping""#), "\(answer)")
        try waitUntil("ingest is stopped", timeout: 60) { try running.plugin("ingest")?.string("state") == "stopped" }
        let exit = try #require(try running.plugin("ingest")?.object("last_exit"))
        #expect(exit.int32("exit_code") == 0 && exit["signal"] == nil, "\(exit)")
    }
}

@Suite("A plugin that cannot start says why", .serialized)
struct PluginStartFailureTests {
    @Test("the store on a damaged database exits 1 with the cause in its log and in `tenet status`, not signal 4")
    func storeOnDamagedDatabase() throws {
        let directory = NSTemporaryDirectory() + "tenet-damaged-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = directory + "/tenet.sqlite"
        try Data(repeating: 0x42, count: 65_536).write(to: URL(fileURLWithPath: database))
        let running = try RunningStack("""
            defaults: { restart: never }
            plugins:
              - name: store
                command: tenet-store
                env: { TENET_STORE_DATABASE: "\(database)" }
            """)
        var exit: [String: Any] = [:]
        try waitUntil("the store has exited", timeout: 60) {
            guard let last = try running.plugin("store")?.object("last_exit") else { return false }
            exit = last
            return true
        }
        #expect(exit.int32("exit_code") == 1, "\(exit)")
        #expect(exit["signal"] == nil, "\(exit)")
        let output = exit.string("last_output") ?? ""
        #expect(output.contains("cannot_open") && output.contains(database), "\(output)")
        let status = try running.tenet(["status"])
        #expect(status.output.contains("exit code 1"), "\(status.output)")
    }
}
