import Foundation
import TenetBus
import TenetStoreClient
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The importer plugin (`tenet-importer`) in a real stack: files dropped into its inbox are
/// stored through ingest, measured by the metrics plugin and moved to `done/` with their
/// reports; a broken file goes to `failed/` with its reason; a kill -9 in the middle of a file
/// stores nothing twice and records its dead letter once.
@Suite("Importer plugin: the inbox as a way in", .serialized)
struct ImporterPluginTests {
    static let mapping = """
        type_column: kind
        fields:
          id: id
          at: created
          conversation: ticket
          team: group
        constants:
          channel: email

        """

    /// Writes `text` under a hidden name in the inbox, then renames it into place: the documented
    /// way to drop a file that is taken only once complete.
    static func drop(_ text: String, as name: String, into inbox: String) throws {
        try text.write(toFile: inbox + "/." + name, atomically: false, encoding: .utf8)
        guard rename(inbox + "/." + name, inbox + "/" + name) == 0 else { throw WaitTimeout(what: "rename into \(inbox) failed") }
    }

    static func report(_ path: String) throws -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: path + ".report.json") else { return nil }
        return try JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    static func ints(_ report: [String: Any], _ keys: [String]) -> [Int?] { keys.map { report[$0] as? Int } }

    @Test("NDJSON and CSV files are stored and measured, reported in done/; a broken file fails; a kill -9 midway duplicates nothing")
    func endToEnd() throws {
        let stack = try RunningStack(
            """
            philosophy: philosophy.yaml
            plugins:
              - { name: store, command: tenet-store, order: 10 }
              - { name: ingest, command: tenet-ingest, order: 20, env: { TENET_INGEST_HTTP: "127.0.0.1:0" } }
              - { name: metrics, command: tenet-metrics, order: 30 }
              - name: importer
                command: tenet-importer
                order: 40
                env: { TENET_IMPORTER_SETTLE: "300ms", TENET_IMPORTER_SCAN: "100ms", TENET_IMPORTER_BATCH: "200" }
            """)
        try MetricsPluginTests.philosophy.write(toFile: stack.directory + "/philosophy.yaml", atomically: true, encoding: .utf8)
        let importer = try stack.waitRunning("importer")
        let inbox = stack.data + "/importer/inbox"
        try waitUntil("the importer has made its inbox") { FileManager.default.fileExists(atPath: inbox + "/done") }
        try FileManager.default.createDirectory(atPath: stack.data + "/importer/mappings", withIntermediateDirectories: true)
        try Self.mapping.write(toFile: stack.data + "/importer/mappings/tickets.yaml", atomically: true, encoding: .utf8)
        let context = try ZMQContext()
        defer { context.terminate() }
        let store = try stack.storeClient(context)
        defer { store.close() }

        // Three conversations with CSAT 5, 5 and 2, and one line that is not an event.
        let conversations = MetricsPluginTests.conversation("a", minutesAgo: 60, reply: 2, csat: 5)
            + MetricsPluginTests.conversation("b", minutesAgo: 50, reply: 4, csat: 5) + MetricsPluginTests.conversation("c", minutesAgo: 40, reply: 12, csat: 2)
        try Self.drop((conversations + [#"{"id":"x-1","type":"conversation.opened"}"#]).joined(separator: "\n") + "\n", as: "week.ndjson", into: inbox)
        try Self.drop("""
            id,kind,created,ticket,group
            T-1,conversation.opened,2026-11-22T09:00:00Z,T-100,sales
            T-2,conversation.opened,2026-11-22T09:05:00Z,T-101,sales

            """, as: "tickets-nov.csv", into: inbox)
        try Self.drop("id,amount\nO-1,12.50\n", as: "orders.csv", into: inbox)

        var week: [String: Any] = [:]
        var tickets: [String: Any] = [:]
        var orders: [String: Any] = [:]
        try waitUntil("the three files have their reports", timeout: 60) {
            guard let w = try Self.report(inbox + "/done/week.ndjson"), let t = try Self.report(inbox + "/done/tickets-nov.csv"),
                let o = try Self.report(inbox + "/failed/orders.csv")
            else { return false }
            (week, tickets, orders) = (w, t, o)
            return true
        }
        let reportKeys = ["rows", "events", "accepted", "duplicates", "conflicts", "rejected", "skipped", "dead_letters"]
        #expect(Self.ints(week, reportKeys) == [16, 16, 15, 0, 0, 1, 0, 1])
        #expect((week["errors"] as? [[String: Any]])?.first?["line"] as? Int == 16)
        #expect(week["status"] as? String == "done" && week["format"] as? String == "ndjson" && week["resumed"] as? Bool == false)
        #expect((week["source"] as? String)?.hasPrefix("import:importer:week.ndjson:") == true)
        #expect(Self.ints(tickets, reportKeys) == [3, 2, 2, 0, 0, 0, 1, 0])
        #expect(tickets["mapping"] as? String == "tickets.yaml")
        #expect(orders["status"] as? String == "failed")
        #expect((orders["reason"] as? String)?.hasPrefix("no_mapping: no column mapping for this CSV file: add mappings/orders.yaml") == true)
        #expect(FileManager.default.fileExists(atPath: inbox + "/failed/orders.csv"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox).sorted() == ["done", "failed", "processing"])
        let stats = try store.stats()
        #expect(stats.lastSeq == 17 && stats.deadLetters == 1)
        // Through to the metrics plugin: CSAT 2 of 3.
        try waitUntil("the metrics plugin measures the imported answers") {
            let result = try stack.tenet(["metrics", "--json", "--metric", "csat", "--period", "rolling_28d"])
            let group = (try? JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
                .flatMap { ($0["groups"] as? [[String: Any]])?.first }
            return group?["numerator"] as? Int == 2 && group?["denominator"] as? Int == 3
        }

        // A large file, its second line bad; the importer is killed once some of it is stored.
        let total = 60_000
        var lines = [eventLine("big-1", conversation: "big"), "not json"]
        lines += (2...total).map { eventLine("big-\($0)", conversation: "big-\($0 % 500)") }
        try Self.drop(lines.joined(separator: "\n") + "\n", as: "history.ndjson", into: inbox)
        try waitUntil("the importer has stored part of the large file", timeout: 60) {
            let now = try store.stats()
            return now.lastSeq > 17 && now.deadLetters == 2
        }
        kill(try #require(importer.int32("pid")), SIGKILL)
        let storedWhenKilled = try store.stats().lastSeq - 17
        #expect(storedWhenKilled < Int64(total))  // killed midway
        #expect(FileManager.default.fileExists(atPath: inbox + "/processing/history.ndjson"))
        try stack.waitRunning("importer", restarts: 1)
        var history: [String: Any] = [:]
        try waitUntil("the large file is done after the restart", timeout: 120) {
            guard let report = try Self.report(inbox + "/done/history.ndjson") else { return false }
            history = report
            return true
        }
        #expect(history["resumed"] as? Bool == true)
        #expect(Self.ints(history, ["rows", "rejected", "dead_letters", "conflicts"]) == [total + 1, 1, 1, 0])
        #expect((history["accepted"] as? Int ?? 0) + (history["duplicates"] as? Int ?? 0) == total)
        #expect(history["duplicates"] as? Int ?? 0 > 0)
        let final = try store.stats()
        #expect(final.lastSeq == 17 + Int64(total) && final.deadLetters == 2)  // nothing stored twice, the bad line recorded once
        let log = try String(contentsOfFile: stack.data + "/logs/importer.log", encoding: .utf8)
        #expect(log.contains("resuming history.ndjson from processing/"))
    }
}
