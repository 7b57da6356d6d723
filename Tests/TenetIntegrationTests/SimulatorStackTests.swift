import Foundation
import Testing

/// The simulator through the real stack: `tenet simulate` gives the same bytes for the same seed
/// in two processes and ingest accepts every line; the `tenet-simulator` plugin feeds a stack,
/// survives kill -9 by resuming its segment exactly (every event of the uninterrupted run stored
/// once, nothing else); the default stack that `make run` starts moves its numbers.
@Suite("Simulator in the stack")
struct SimulatorStackTests {
    static let repository = TestPaths.repository

    static func text(_ name: String) throws -> String {
        try String(contentsOfFile: repository + "/" + name, encoding: .utf8)
    }

    /// The example philosophy and its holiday file, to write beside a test stack.
    static func philosophyFiles() throws -> [String: String] {
        ["philosophy.yaml": try text("philosophy.example.yaml"), "holidays.example.ics": try text("holidays.example.ics")]
    }

    static func lines(_ path: String) throws -> [Substring] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    }

    static func ids(_ lines: some Sequence<Substring>) throws -> [String] {
        try lines.map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["id"] as? String)
        }
    }

    @Test func theSameSeedGivesTheSameBytesInTwoProcessesAndIngestAcceptsEveryLine() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.text("philosophy.example.yaml").write(toFile: directory + "/philosophy.yaml", atomically: true, encoding: .utf8)
        try Self.text("holidays.example.ics").write(toFile: directory + "/holidays.example.ics", atomically: true, encoding: .utf8)
        func simulate(seed: Int, to name: String) throws -> Data {
            let result = try runTenet([
                "simulate", "--days", "2", "--start", "2026-11-02", "--seed", String(seed), "--philosophy", directory + "/philosophy.yaml",
                "--out", directory + "/" + name,
            ])
            #expect(result.status == 0, "\(result.error)")
            return try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
        }
        let first = try simulate(seed: 5, to: "a.ndjson")
        let second = try simulate(seed: 5, to: "b.ndjson")
        let other = try simulate(seed: 6, to: "c.ndjson")
        #expect(first.count > 100_000, "two weekdays of the standard center are more than a few events")
        #expect(first == second)
        #expect(first != other)

        let stack = try RunningStack(
            """
            plugins:
              - { name: store, command: tenet-store, order: 10 }
              - { name: ingest, command: tenet-ingest, order: 20, env: { TENET_INGEST_HTTP: "127.0.0.1:0" } }
            """)
        for name in ["store", "ingest"] { try stack.waitRunning(name) }
        let count = try Self.lines(directory + "/a.ndjson").count
        let sent = try stack.tenet(["send", directory + "/a.ndjson"])
        #expect(sent.status == 0, "\(sent.output)\(sent.error)")
        #expect(sent.output.contains("accepted \(count), duplicates 0, conflicts 0, rejected 0"), "\(sent.output)")
    }

    @Test func thePluginFeedsTheStackAndResumesItsSegmentExactlyAfterKill9() throws {
        let stack = try RunningStack(
            """
            philosophy: philosophy.yaml
            plugins:
              - { name: store, command: tenet-store, order: 10 }
              - { name: ingest, command: tenet-ingest, order: 20, env: { TENET_INGEST_HTTP: "127.0.0.1:0" } }
              - { name: metrics, command: tenet-metrics, order: 30 }
              - name: simulator
                command: tenet-simulator
                order: 40
                env: { TENET_SIMULATOR_HISTORY: "10h", TENET_SIMULATOR_SPEED: "1200", TENET_SIMULATOR_SEED: "9" }
            """, files: try Self.philosophyFiles())
        for name in ["store", "ingest", "metrics", "simulator"] { try stack.waitRunning(name) }
        let statePath = stack.data + "/simulator/state.json"
        func state() throws -> [String: Any]? {
            guard let data = FileManager.default.contents(atPath: statePath) else { return nil }
            return try JSONSerialization.jsonObject(with: data) as? [String: Any]
        }
        func stats() throws -> [String: Any]? {
            let result = try stack.tenet(["simulate", "--stats", "--json"])
            guard result.status == 0 else { return nil }
            return try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        }
        // Kill it mid-way through its catch-up, once some lines are acknowledged and saved.
        var before: [String: Any] = [:]
        try waitUntil("the simulator saved acknowledged lines", timeout: 120) {
            guard let saved = try state(), saved["lines"] as? Int ?? 0 > 500 else { return false }
            before = saved
            return true
        }
        let pid = try #require(try stack.plugin("simulator")?.int32("pid"))
        kill(pid, SIGKILL)
        try stack.waitRunning("simulator", restarts: 1, timeout: 60)
        // It resumed the same segment (the log says so) and catches up with the wall clock.
        try waitUntil("the simulator is live again", timeout: 180) { try stats()?["live"] as? Bool == true }
        let live = try #require(try stats())
        #expect(live["segment"] as? String == before["id_prefix"] as? String)
        #expect(live["rejected"] as? Int == 0 && live["conflicts"] as? Int == 0)
        #expect(try stack.tenet(["stop", "simulator"]).status == 0)
        try waitUntil("the simulator is stopped", timeout: 60) { try stack.plugin("simulator")?.string("state") == "stopped" }
        let after = try #require(try state())
        #expect(after["id_prefix"] as? String == before["id_prefix"] as? String)
        #expect(after["segment_start"] as? String == before["segment_start"] as? String)
        let log = (try? String(contentsOfFile: stack.data + "/logs/simulator.log", encoding: .utf8)) ?? stack.log
        #expect(log.contains("resuming segment"), "\(log.suffix(2000))")

        // What the store holds is exactly one uninterrupted run of the segment up to where it reached.
        let reference = stack.directory + "/reference.ndjson"
        let simulate = try runTenet([
            "simulate", "--start", try #require(after["segment_start"] as? String), "--end", try #require(after["reached"] as? String),
            "--seed", String(try #require(after["seed"] as? UInt64 ?? (after["seed"] as? Int).map(UInt64.init))),
            "--id-prefix", try #require(after["id_prefix"] as? String), "--philosophy", stack.directory + "/philosophy.yaml",
            "--out", reference,
        ])
        #expect(simulate.status == 0, "\(simulate.error)")
        let expected = try Self.ids(try Self.lines(reference))
        #expect(expected.count == after["lines"] as? Int)
        let exported = try stack.tenet(["export", "--output", stack.directory + "/stored.ndjson"])
        #expect(exported.status == 0, "\(exported.error)")
        let stored = try Self.ids(try Self.lines(stack.directory + "/stored.ndjson"))
        #expect(stored.count == Set(stored).count, "no event stored twice")
        #expect(Set(stored) == Set(expected), "stored \(stored.count), expected \(expected.count)")
    }

    @Test func theDefaultStackMovesItsNumbers() throws {
        // The stack `make run` starts, on a free port, with its guide.
        let yaml = try Self.text("stack.yaml").replacingOccurrences(of: "127.0.0.1:8780", with: "127.0.0.1:0")
        var files = try Self.philosophyFiles()
        files["philosophy.example.yaml"] = files.removeValue(forKey: "philosophy.yaml")
        let stack = try RunningStack(yaml, files: files, arguments: ["--guide"])
        try waitUntil("the guide is printed", timeout: 120) { stack.log.contains("The live scorecard") }
        #expect(stack.log.contains("metrics --watch"))
        /// Each series' figure (value and sample size), by series name.
        func figures() throws -> [String: String]? {
            let result = try stack.tenet(["metrics", "--json"])
            guard result.status == 0,
                let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any],
                let series = object["series"] as? [[String: Any]]
            else { return nil }
            var figures: [String: String] = [:]
            for entry in series {
                guard let name = entry["series"] as? String, let figure = entry["figure"] as? [String: Any] else { continue }
                figures[name] = "\(figure["value"] ?? "none") n=\(figure["sample_size"] ?? 0)"
            }
            return figures
        }
        var first: [String: String] = [:]
        try waitUntil("the scorecard has numbers", timeout: 60) {
            first = try figures() ?? [:]
            return first.values.contains { !$0.hasSuffix("n=0") }
        }
        try waitUntil("the scorecard's numbers move", timeout: 60) {
            guard let now = try figures() else { return false }
            return now.contains { name, figure in first[name].map { $0 != figure } ?? false }
        }
    }
}
