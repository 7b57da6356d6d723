import Foundation
import Testing

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
          - name: echo
            command: tenet-echo
            order: 30
        """

    @Test("`tenet stop NAME`: store, ingest and echo each exit 0 on SIGTERM, never killed at the end of the grace period")
    func everyPluginExitsZero() throws {
        let shipped = try String(contentsOfFile: TestPaths.repository + "/stack.yaml", encoding: .utf8)
        let commands = shipped.split(separator: "\n").compactMap { line -> String? in
            let text = line.trimmingCharacters(in: .whitespaces)
            return text.hasPrefix("command:") ? text.dropFirst("command:".count).trimmingCharacters(in: .whitespaces) : nil
        }
        #expect(Set(commands) == ["tenet-store", "tenet-ingest", "tenet-echo"], "a shipped plugin is missing from this test")

        let running = try RunningStack(Self.stack)
        for name in ["store", "ingest", "echo"] { try running.waitRunning(name) }
        // Reverse order, as a whole-stack stop does: ingest still has the store to talk to.
        for name in ["echo", "ingest", "store"] {
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
