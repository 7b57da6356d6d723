import Foundation
import Testing

/// The metrics plugin uses its checkpoint only when it is good for the philosophy and the store
/// in force: a changed metric setting, a damaged file or a store emptied and refilled each send
/// it back to the first stored event, with the reason in `tenet metrics --stats`, and it ends
/// with exactly the numbers of a plugin that never had a checkpoint.
@Suite("Metrics checkpoint refused when it does not fit")
struct MetricsCheckpointTests {
    static func philosophy(reopenWindow: String) -> String {
        """
        purpose: "p"
        vision: "v"
        settings: { fcr_reopen_window: \(reopenWindow) }
        values:
          - name: Quality
            action: "Get it right."
            metrics:
              - { metric: first_contact_resolution, target: ">= 70%", period: rolling_28d }

        """
    }

    /// `count` conversations, each opened, answered, solved; every third reopened two days later.
    static func events(_ count: Int, prefix: String) -> String {
        var lines: [String] = []
        for index in 0..<count {
            let day = 10 + index % 5
            let conversation = "\(prefix)\(index)"
            func add(_ n: Int, _ type: String, _ at: String, _ extra: String = "") {
                lines.append(#"{"id":"\#(conversation)-\#(n)","type":"\#(type)","at":"\#(at)","conversation":"\#(conversation)","channel":"chat","team":"support"\#(extra)}"#)
            }
            add(1, "conversation.opened", "2026-11-\(day)T09:00:00Z")
            add(2, "message.created", "2026-11-\(day)T09:05:00Z", #","author":"agent","public":true,"agent":"ana""#)
            add(3, "status.changed", "2026-11-\(day)T09:30:00Z", #","status":"solved""#)
            if index % 3 == 0 { add(4, "status.changed", "2026-11-\(day + 2)T10:00:00Z", #","status":"open","previous":"solved""#) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aChangedPhilosophyADamagedFileAndAnotherStoreEachSendItBackToTheStart() throws {
        let stack = try RunningStack(
            """
            philosophy: philosophy.yaml
            plugins:
              - { name: store, command: tenet-store, order: 10 }
              - { name: ingest, command: tenet-ingest, order: 20, env: { TENET_INGEST_HTTP: "127.0.0.1:0" } }
              - { name: metrics, command: tenet-metrics, order: 30 }
              - { name: fresh, command: tenet-metrics, order: 40, autostart: false, env: { TENET_METRICS_CHECKPOINT_INTERVAL: "off" } }
            """)
        let philosophy = stack.directory + "/philosophy.yaml"
        try Self.philosophy(reopenWindow: "7d").write(toFile: philosophy, atomically: true, encoding: .utf8)
        for name in ["store", "ingest", "metrics"] { try stack.waitRunning(name) }
        func send(_ text: String, _ name: String) throws {
            let file = stack.directory + "/\(name).ndjson"
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            let result = try stack.tenet(["send", file])
            #expect(result.status == 0, "\(result.error)")
        }
        func json(_ arguments: [String]) throws -> [String: Any]? {
            let result = try stack.tenet(arguments)
            guard result.status == 0 else { return nil }
            return try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        }
        func stats(_ plugin: String = "metrics") throws -> [String: Any]? { try json(["metrics", "--plugin", plugin, "--stats"]) }
        func fcr(_ plugin: String) throws -> String? {
            let result = try stack.tenet(["metrics", "--plugin", plugin, "--metric", "first_contact_resolution", "--json"])
            return result.status == 0 ? result.output : nil
        }
        /// Restarts the metrics plugin gracefully (it writes its checkpoint on the way out) after
        /// `change`, and returns its checkpoint report once it has `total` events.
        func restart(total: Int, after change: () throws -> Void) throws -> [String: Any] {
            #expect(try stack.tenet(["stop", "metrics"]).status == 0)
            try waitUntil("metrics is stopped", timeout: 60) { try stack.plugin("metrics")?.string("state") == "stopped" }
            try change()
            #expect(try stack.tenet(["start", "metrics"]).status == 0)
            var report: [String: Any] = [:]
            try waitUntil("metrics has all \(total) events again", timeout: 120) {
                guard let stats = try stats(), stats["last_seq"] as? Int == total else { return false }
                report = stats["checkpoint"] as? [String: Any] ?? [:]
                return true
            }
            return report
        }
        func expectSameAsFresh() throws {
            #expect(try stack.tenet(["restart", "fresh"]).status == 0)
            let total = try #require(try stats()?["last_seq"] as? Int)
            try waitUntil("fresh has every event", timeout: 120) { try stats("fresh")?["last_seq"] as? Int == total }
            let survivor = try fcr("metrics")
            let fresh = try fcr("fresh")
            #expect(survivor != nil && survivor == fresh)
        }

        let first = Self.events(300, prefix: "a")
        try send(first, "first")
        let total = first.split(separator: "\n").count
        try waitUntil("metrics has the events", timeout: 120) { try stats()?["last_seq"] as? Int == total }

        // Unchanged: the checkpoint written at the stop is used, nothing is replayed.
        var report = try restart(total: total) {}
        #expect(report["restored_seq"] as? Int == total)
        #expect(report["refused"] == nil)

        // A reopen window of one day: the reopens two days after the solve no longer undo a
        // first-contact resolution, so the checkpoint's figures are wrong for it.
        report = try restart(total: total) { try Self.philosophy(reopenWindow: "1d").write(toFile: philosophy, atomically: true, encoding: .utf8) }
        #expect(report["restored_seq"] == nil)
        #expect((report["refused"] as? String)?.contains("another philosophy") == true, "\(report)")
        try expectSameAsFresh()

        // A damaged checkpoint (one byte in the middle flipped).
        report = try restart(total: total) {
            let path = stack.data + "/metrics/checkpoint.bin"
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            bytes[bytes.count / 2] ^= 0x5A
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        #expect(report["restored_seq"] == nil)
        #expect((report["refused"] as? String)?.hasPrefix("checkpoint ") == true, "\(report)")
        try expectSameAsFresh()

        // Another store: emptied and refilled with other events, as many or more than before.
        #expect(try stack.tenet(["stop", "metrics"]).status == 0)
        #expect(try stack.tenet(["stop", "store"]).status == 0)
        try waitUntil("metrics and store are stopped", timeout: 60) {
            try stack.plugin("metrics")?.string("state") == "stopped" && stack.plugin("store")?.string("state") == "stopped"
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: stack.data + "/tenet.sqlite" + suffix) }
        #expect(try stack.tenet(["start", "store"]).status == 0)
        try stack.waitRunning("store", restarts: nil)
        let second = Self.events(330, prefix: "b")
        try send(second, "second")
        let newTotal = second.split(separator: "\n").count
        #expect(try stack.tenet(["start", "metrics"]).status == 0)
        try waitUntil("metrics has the new store's events", timeout: 120) {
            guard let stats = try stats(), stats["last_seq"] as? Int == newTotal else { return false }
            report = stats["checkpoint"] as? [String: Any] ?? [:]
            return true
        }
        #expect((report["refused"] as? String)?.contains("another store") == true, "\(report)")
        #expect(try stats()?["conversations"] as? Int == 330)
        try expectSameAsFresh()
    }
}
