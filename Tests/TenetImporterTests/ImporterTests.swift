import Foundation
import Logging
import TenetBus
import TenetClock
import TenetImporter
import TenetIngest
import TenetModels
import TenetStoreClient
import TenetTestSupport
import Testing

/// The importer in process, against a real ingest request handler and a real store (each on a
/// thread of its own, on ipc sockets), with a manual clock for the inbox's settle rule.
final class ImporterHarness {
    let store: StoreTestHarness
    let ingest: ServedRequestHandler
    let context: ZMQContext
    let root: String
    let clock = ManualClock()
    let configuration: ImporterConfiguration

    init(batchSize: Int = 1000) throws {
        store = try StoreTestHarness()
        let storeEndpoint = store.endpoint
        ingest = try ServedRequestHandler(name: "ingest") { context, _ in
            try IngestRequestHandler(context: context, storeEndpoint: storeEndpoint, name: "ingest", logger: Logger(label: "test"))
        }
        context = try ZMQContext()
        root = NSTemporaryDirectory() + "tenet-importer-\(UUID().uuidString.prefix(8))"
        configuration = ImporterConfiguration(
            inbox: root + "/inbox", mappings: root + "/mappings", settle: .seconds(2), scanInterval: .milliseconds(100), batchSize: batchSize)
        try FileManager.default.createDirectory(atPath: configuration.inbox, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: configuration.mappings, withIntermediateDirectories: true)
    }

    func importer() -> Importer {
        Importer(configuration: configuration, context: context, ingestEndpoint: ingest.endpoint, name: "importer", logger: Logger(label: "test"), clock: clock)
    }

    func drop(_ name: String, _ text: String) throws {
        try text.write(toFile: configuration.inbox + "/" + name, atomically: false, encoding: .utf8)
    }

    func mapping(_ name: String, _ text: String) throws {
        try text.write(toFile: configuration.mappings + "/" + name, atomically: false, encoding: .utf8)
    }

    func names(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    /// The store's last sequence number and its number of dead letters.
    func stats() throws -> [Int64] {
        let client = try StoreClient(context: store.context, endpoint: store.endpoint, sender: "test")
        defer { client.close() }
        let stats = try client.stats()
        return [stats.lastSeq, stats.deadLetters]
    }

    /// The report written beside a file in `done/` or `failed/`.
    func writtenReport(_ path: String) throws -> FileReport {
        try JSONDecoder().decode(FileReport.self, from: Data(contentsOf: URL(fileURLWithPath: path + ".report.json")))
    }

    deinit {
        context.terminate()
        ingest.close()
        store.close()
        try? FileManager.default.removeItem(atPath: root)
    }
}

/// Polls `condition` every 10 ms for up to 30 s.
func eventually(_ what: String, _ condition: () throws -> Bool) throws {
    let deadline = ContinuousClock.now + .seconds(30)
    while ContinuousClock.now < deadline {
        if try condition() { return }
        usleep(10_000)
    }
    Issue.record("timed out waiting until \(what)")
}

func event(_ id: String, type: String = "conversation.opened") -> String {
    #"{"id":"\#(id)","type":"\#(type)","at":"2026-11-22T09:00:00Z","conversation":"c-\#(id)","channel":"chat"}"#
}

@Suite("Importer: inbox to ingest to done/ and failed/", .serialized)
struct ImporterTests {
    static let ticketsMapping = """
        type_column: kind
        fields:
          id: id
          at: created
          conversation: ticket
          team: group
        constants:
          channel: email

        """
    static let ticketsCSV = """
        id,kind,created,ticket,group
        T-1,conversation.opened,2026-11-22T09:00:00Z,T-100,support
        T-2,conversation.opened,2026-11-22T09:05:00Z,T-101,support
        T-3,conversation.opened,2026-11-22T09:30:00Z,T-102,support

        """

    @Test("NDJSON and CSV files are imported once settled and moved to done/ with their reports; files being written wait")
    func importsSettledFiles() throws {
        let harness = try ImporterHarness()
        let importer = harness.importer()
        try harness.mapping("tickets.yaml", Self.ticketsMapping)
        let ndjson = [event("e-1"), event("e-2"), event("e-3"), #"{"id":"e-4","at":"2026-11-22T09:00:00Z"}"#].joined(separator: "\n") + "\n"
        try harness.drop("events.ndjson", ndjson)
        try harness.drop("tickets-2026-11.csv", Self.ticketsCSV)
        try harness.drop(".upload.ndjson", event("hidden"))
        try harness.drop("later.ndjson.tmp", event("tmp"))

        #expect(try importer.turn(shouldStop: { false }).isEmpty)  // seen, not yet settled
        harness.clock.advance(by: .milliseconds(1_999))
        #expect(try importer.turn(shouldStop: { false }).isEmpty)
        harness.clock.advance(by: .milliseconds(1))
        let reports = Dictionary(uniqueKeysWithValues: try importer.turn(shouldStop: { false }).map { ($0.file, $0) })
        #expect(reports.keys.sorted() == ["events.ndjson", "tickets-2026-11.csv"])

        let events = try #require(reports["events.ndjson"])
        let digest = SHA256.hash(Array(ndjson.utf8)).hex
        #expect(events.status == .done && events.reason == nil && events.format == "ndjson" && events.mapping == nil)
        #expect(events.source == "import:importer:events.ndjson:\(digest.prefix(12))")
        #expect(events.sha256 == digest && events.bytes == Int64(ndjson.utf8.count))
        #expect([events.rows, events.events, events.accepted, events.duplicates, events.conflicts, events.rejected, events.skipped] == [4, 4, 3, 0, 0, 1, 0] as [Int])
        #expect(events.deadLetters == 1 && events.errors.map(\.line) == [4] && !events.resumed)
        #expect(events.errors.first?.reason.contains("`type`") == true)

        let tickets = try #require(reports["tickets-2026-11.csv"])
        #expect(tickets.status == .done && tickets.format == "csv" && tickets.mapping == "tickets.yaml")
        #expect([tickets.rows, tickets.events, tickets.accepted, tickets.rejected, tickets.skipped, tickets.deadLetters] == [4, 3, 3, 0, 1, 0] as [Int])

        let directories = importer.directories
        #expect(harness.names(in: directories.done) == [
            "events.ndjson", "events.ndjson.report.json", "tickets-2026-11.csv", "tickets-2026-11.csv.report.json",
        ])
        #expect(try harness.writtenReport(directories.done + "/events.ndjson") == events)
        #expect(try harness.writtenReport(directories.done + "/tickets-2026-11.csv") == tickets)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directories.done + "/events.ndjson.report.json")))
                as? [String: Any])
        #expect(json["dead_letters"] as? Int == 1 && json["stored_as"] as? String == "events.ndjson" && json["status"] as? String == "done")
        #expect(harness.names(in: directories.inbox) == [".upload.ndjson", "done", "failed", "later.ndjson.tmp", "processing"])
        #expect(harness.names(in: directories.processing) == [])
        #expect(try harness.stats() == [6, 1])

        // The same file again, under the same name: nothing stored twice, its bad line not
        // recorded again (same content, same source), and the first one's place kept.
        try harness.drop("events.ndjson", ndjson)
        _ = try importer.turn(shouldStop: { false })
        harness.clock.advance(by: .seconds(2))
        let again = try #require(try importer.turn(shouldStop: { false }).first)
        #expect(again.storedAs == "events-2.ndjson")
        #expect([again.accepted, again.duplicates, again.rejected] == [0, 3, 1] as [Int])
        #expect(try harness.stats() == [6, 1])
        #expect(importer.done == 3 && importer.failed == 0)
    }

    @Test("a file that cannot be imported goes to failed/ with its reason, and the next file goes on")
    func brokenFiles() throws {
        let harness = try ImporterHarness()
        let importer = harness.importer()
        try harness.mapping("tickets.yaml", Self.ticketsMapping)
        try harness.mapping("broken.yaml", "feilds:\n  id: id\n")
        try harness.drop("orders-2026.csv", "id,amount\nO-1,12.50\n")
        try harness.drop("notes.txt", "hello\n")
        try harness.drop("broken.csv", Self.ticketsCSV)
        try harness.drop("tickets.csv", Self.ticketsCSV)
        _ = try importer.turn(shouldStop: { false })
        harness.clock.advance(by: .seconds(2))
        let reports = Dictionary(uniqueKeysWithValues: try importer.turn(shouldStop: { false }).map { ($0.file, $0) })

        #expect(reports["orders-2026.csv"]?.status == .failed)
        #expect(reports["orders-2026.csv"]?.reason == """
            no_mapping: no column mapping for this CSV file: add mappings/orders.yaml (or mappings/default.yaml) and drop the file again \
            (docs/INGEST.md, "The mapping file")
            """)
        #expect(reports["notes.txt"]?.reason == "unknown_format: the importer reads .ndjson, .jsonl and .csv files; rename the file or convert it")
        let broken = try #require(reports["broken.csv"])
        #expect(broken.status == .failed && broken.mapping == "broken.yaml" && broken.events == 0)
        #expect(broken.reason == "bad_mapping: \(harness.configuration.mappings)/broken.yaml:1:1: unknown key 'feilds' (known: type, type_column, fields, constants, time, delimiter)")
        #expect(reports["tickets.csv"]?.status == .done && reports["tickets.csv"]?.accepted == 3)

        let failed = importer.directories.failed
        #expect(harness.names(in: failed) == [
            "broken.csv", "broken.csv.report.json", "notes.txt", "notes.txt.report.json", "orders-2026.csv", "orders-2026.csv.report.json",
        ])
        #expect(try harness.writtenReport(failed + "/notes.txt").reason == reports["notes.txt"]?.reason)
        #expect(try String(contentsOfFile: failed + "/orders-2026.csv", encoding: .utf8) == "id,amount\nO-1,12.50\n")
        #expect(importer.done == 1 && importer.failed == 3)
        #expect(try harness.stats() == [3, 0])
    }

    @Test("an import stopped midway stays in processing/; started again, it stores nothing twice and records its dead letter once")
    func resumesWithoutDuplicates() throws {
        let harness = try ImporterHarness(batchSize: 10)
        var lines = [event("r-1"), "not json"]
        lines += (2...199).map { event("r-\($0)") }
        try harness.drop("history.ndjson", lines.joined(separator: "\n") + "\n")

        let first = harness.importer()
        _ = try first.turn(shouldStop: { false })
        harness.clock.advance(by: .seconds(2))
        // Stops at its first look after the store has committed a batch (of 10 lines; at most
        // 4 batches are in flight).
        #expect(try first.turn(shouldStop: { ((try? harness.stats()[0]) ?? 0) > 0 }).isEmpty)
        #expect(harness.names(in: first.directories.processing) == ["history.ndjson"])
        #expect(harness.names(in: first.directories.done) == [])
        try eventually("the first attempt's batches are stored") { let stats = try harness.stats(); return stats[1] == 1 && stats[0] > 0 }
        #expect(try harness.stats()[0] < 199)  // stopped midway

        // A new importer, as after a restart: the file in processing/ comes first, at once.
        let second = harness.importer()
        let report = try #require(try second.turn(shouldStop: { false }).first)
        #expect(report.file == "history.ndjson" && report.status == .done && report.resumed)
        #expect(report.accepted + report.duplicates == 199)
        #expect(report.duplicates > 0)  // what the first attempt stored came back as duplicates
        #expect(report.rejected == 1 && report.errors.map(\.line) == [2])
        #expect(try harness.stats() == [199, 1])
        #expect(harness.names(in: second.directories.processing) == [])
        #expect(harness.names(in: second.directories.done) == ["history.ndjson", "history.ndjson.report.json"])
    }
}
