import Foundation
import Testing
import TenetModels

#if canImport(Glibc)
import Glibc
#endif

/// The metrics plugin killed with SIGKILL twice while events stream in ends with exactly the
/// figures of a clean recompute: a second metrics plugin started only after the load, which
/// measures everything from the store once. The survivor writes a checkpoint every second, so
/// its restarts begin from a checkpoint and replay only the tail; stopped gracefully and started
/// again, it replays nothing.
@Suite("Metrics recovery under load", .serialized)
struct MetricsRecoveryTests {
    /// Conversations in the load: 20,000 (about 107,000 events) unless
    /// TENET_METRICS_LOAD_CONVERSATIONS says otherwise (190000 gives about a million events).
    static let conversations = Int(ProcessInfo.processInfo.environment["TENET_METRICS_LOAD_CONVERSATIONS"] ?? "") ?? 20_000

    /// NDJSON lines of `count` conversations over four weeks, in a stream order where about a
    /// tenth of each conversation's events arrive late (after events that happened after them).
    static func load(_ count: Int) -> [String] {
        var random = SeededRandom(seed: 8)
        var timed: [(Int64, String)] = []
        let base: Int64 = 1_793_500_000
        for index in 0..<count {
            var clock = base + Int64.random(in: 0...(28 * 86_400), using: &random)
            let channel = ["chat", "email", "phone"][index % 3]
            let team = ["support", "billing"][Int.random(in: 0...1, using: &random)]
            var n = 0
            func add(_ type: String, _ extra: String = "") {
                clock += Int64.random(in: 1...2400, using: &random)
                n += 1
                let at = Timestamp(nanosecondsSinceEpoch: clock * 1_000_000_000).rfc3339
                timed.append(
                    (clock, #"{"id":"m\#(index)-\#(n)","type":"\#(type)","at":"\#(at)","conversation":"m\#(index)","channel":"\#(channel)","team":"\#(team)"\#(extra)}"#))
            }
            if channel == "phone" {
                add("contact.queued")
                if index % 5 == 0 {
                    add("contact.abandoned")
                } else {
                    add("contact.answered", #","agent":"a\#(index % 9)""#)
                    add("contact.ended")
                    add("wrapup.ended")
                }
            } else {
                add("conversation.opened")
                add("message.created", #","author":"customer","public":true"#)
                if index % 4 == 0 { add("message.created", #","author":"bot","public":true"#); add("conversation.assigned", #","agent":"a\#(index % 9)""#) }
                add("message.created", #","author":"agent","public":true,"agent":"a\#(index % 9)""#)
                if index % 3 == 0 {
                    add("message.created", #","author":"customer","public":true"#)
                    add("message.created", #","author":"agent","public":true,"agent":"a\#(index % 9)""#)
                }
                add("status.changed", #","status":"solved""#)
                if index % 6 == 0 { add("status.changed", #","status":"open","previous":"solved""#) }
                if index % 2 == 0 { add("survey.answered", #","survey":"csat","score":\#(1 + index % 5)"#) }
            }
        }
        timed.sort { $0.0 < $1.0 }
        var lines = timed.map(\.1)
        // Late arrivals: move a tenth of the lines a few hundred places later in the stream.
        for index in stride(from: 0, to: lines.count - 500, by: 10) {
            lines.swapAt(index, index + Int.random(in: 1...400, using: &random))
        }
        return lines
    }

    static let queries: [[String]] = [
        ["--metric", "first_response_time", "--stat", "p90", "--hours", "business", "--by", "team,channel"],
        ["--metric", "first_response_time", "--stat", "within_15m"],
        ["--metric", "next_reply_time", "--stat", "median", "--by", "agent"],
        ["--metric", "first_resolution_time", "--stat", "mean", "--by", "team"],
        ["--metric", "full_resolution_time", "--stat", "p95"],
        ["--metric", "first_contact_resolution", "--by", "team"],
        ["--metric", "reopen_rate"],
        ["--metric", "csat", "--by", "team,channel"],
        ["--metric", "average_speed_of_answer", "--stat", "p99"],
        ["--metric", "service_level"],
        ["--metric", "abandonment_rate"],
        ["--metric", "average_handle_time", "--stat", "mean", "--by", "agent"],
        ["--metric", "volume_opened", "--by", "channel"],
        ["--metric", "backlog", "--to", "2026-11-20T12:00:00Z", "--by", "team"],
    ]

    @Test func killedTwiceDuringTheLoadItEndsWithTheNumbersOfACleanRecompute() throws {
        let stack = try RunningStack(
            """
            plugins:
              - { name: store, command: tenet-store, order: 10 }
              - { name: ingest, command: tenet-ingest, order: 20, env: { TENET_INGEST_HTTP: "127.0.0.1:0" } }
              - { name: metrics, command: tenet-metrics, order: 30, env: { TENET_METRICS_CHECKPOINT_INTERVAL: "1s" } }
              - { name: fresh, command: tenet-metrics, order: 40, autostart: false, env: { TENET_METRICS_CHECKPOINT_INTERVAL: "off" } }
            """)
        for name in ["store", "ingest", "metrics"] { try stack.waitRunning(name) }
        let lines = Self.load(Self.conversations)
        let total = Int64(lines.count)
        // The load goes in three parts, one after the other; the metrics plugin is killed while
        // the first and then the second part stream in. A part is sent only after the kill
        // before it, so at each kill the store is short of the whole load.
        let cuts = [0, lines.count * 2 / 5, lines.count * 7 / 10, lines.count]
        var senders: [(Process, DataCollector)] = []
        func send(part: Int) throws {
            let file = stack.directory + "/load-\(part).ndjson"
            try (lines[cuts[part]..<cuts[part + 1]].joined(separator: "\n") + "\n").write(toFile: file, atomically: false, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestPaths.binaries + "/tenet")
            // Small batches: a part streams in over seconds, so that the kill falls inside it.
            process.arguments = ["send", file, "--data", stack.data, "--batch", "100"]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            senders.append((process, DataCollector(output.fileHandleForReading)))
        }
        func finishSending() throws {
            guard let (process, output) = senders.last else { return }
            try waitUntil("tenet send finishes", timeout: 900) { !process.isRunning }
            #expect(process.terminationStatus == 0, "\(String(decoding: output.finish(), as: UTF8.self))")
        }

        func stats(_ plugin: String) throws -> [String: Any]? {
            let result = try stack.tenet(["metrics", "--plugin", plugin, "--metric", "volume_opened", "--json"])
            guard result.status == 0 else { return nil }
            return try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        }
        func lastSeq(_ plugin: String) throws -> Int64 { (try stats(plugin)?["last_seq"] as? Int).map(Int64.init) ?? -1 }
        func checkpoint(_ plugin: String) throws -> [String: Any]? {
            let result = try stack.tenet(["metrics", "--plugin", plugin, "--stats"])
            guard result.status == 0 else { return nil }
            return (try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])?["checkpoint"] as? [String: Any]
        }
        for part in 0..<2 {
            try send(part: part)
            let target = Int64(cuts[part] + (cuts[part + 1] - cuts[part]) * 3 / 5)
            try waitUntil("metrics has \(target) events", timeout: 600) { try lastSeq("metrics") >= target }
            // Kill it in the middle of its stream: what it has applied is short of the total,
            // and the store is frozen for the moment of the kill, so that no further page or
            // event can reach it first (a frozen store misses heartbeats for well under a second).
            let applied = try lastSeq("metrics")
            let streaming = senders.last?.0.isRunning == true
            let store = try #require(try stack.plugin("store")?.int32("pid"))
            let pid = try #require(try stack.plugin("metrics")?.int32("pid"))
            #expect(kill(store, SIGSTOP) == 0)
            #expect(kill(pid, SIGKILL) == 0)
            #expect(kill(store, SIGCONT) == 0)
            #expect(applied > 0 && applied < total, "killed after \(applied) of \(total) events")
            let state = streaming ? "while its part was being sent" : "after its part was sent, \(Int64(cuts[part + 1]) - applied) of it not yet applied"
            print("metrics killed after \(applied) of \(total) events, \(state)")
            try finishSending()
            try stack.waitRunning("metrics", restarts: part + 1, timeout: 60)
            // It started from a checkpoint written before the kill, not from the first event.
            var restored: Int64 = -1
            try waitUntil("metrics answers after its restart", timeout: 120) {
                guard let state = try checkpoint("metrics") else { return false }
                restored = (state["restored_seq"] as? Int).map(Int64.init) ?? 0
                return true
            }
            #expect(restored > 0 && restored <= Int64(cuts[part + 1]), "restored from \(restored), killed after about \(applied)")
        }
        try send(part: 2)
        try finishSending()

        // The clean recompute: a metrics plugin that starts now and reads the store once.
        #expect(try stack.tenet(["start", "fresh"]).status == 0)
        try waitUntil("both plugins have every event", timeout: 600) {
            try lastSeq("metrics") == total && lastSeq("fresh") == total
        }
        // A graceful restart writes a last checkpoint at the stop and replays nothing after it.
        #expect(try stack.tenet(["restart", "metrics"]).status == 0)
        try waitUntil("metrics is back from its last checkpoint", timeout: 120) {
            guard let state = try checkpoint("metrics") else { return false }
            return (state["restored_seq"] as? Int).map(Int64.init) == total
        }
        for query in Self.queries {
            let survivor = try stack.tenet(["metrics", "--json"] + query)
            let fresh = try stack.tenet(["metrics", "--plugin", "fresh", "--json"] + query)
            #expect(survivor.status == 0 && fresh.status == 0, "\(survivor.error) \(fresh.error)")
            #expect(survivor.output == fresh.output, "\(query)")
            #expect(survivor.output.contains("\"sample_size\":"), "\(query)")
        }
        // Every conversation's measurements, row by row, for a duration and a rate.
        for metric in ["first_response_time", "first_contact_resolution"] {
            let arguments = ["conversations", "--metric", metric, "--format", "json", "--limit", "100000"]
            let survivor = try stack.tenet(arguments)
            let fresh = try stack.tenet(arguments + ["--plugin", "fresh"])
            #expect(survivor.status == 0 && survivor.output == fresh.output, "\(metric)")
        }
    }
}
