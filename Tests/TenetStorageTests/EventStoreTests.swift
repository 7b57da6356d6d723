import Foundation
import Testing
import TenetModels
import TenetStoreProtocol
import TenetStorage

#if canImport(Glibc)
import Glibc
#endif

/// A fresh directory under /tmp, removed by the caller.
func temporaryDirectory() throws -> String {
    var template = Array("/tmp/tenet-store-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw StorageError(code: .cannotOpen, message: "mkdtemp") }
    return String(cString: made)
}

/// A valid event with id `id`.
func sampleEvent(_ id: String, type: EventType = .conversationOpened, team: String = "support", extra: String = "") throws -> Event {
    try EventValidator.validate(json: Array("""
        {"id":"\(id)","type":"\(type.rawValue)","at":"2026-11-22T08:00:00Z","conversation":"c-\(id)","team":"\(team)",
         "customer":"u1","author":"customer","status":"solved"\(extra)}
        """.utf8))
}

@Suite("Event store")
struct EventStoreTests {
    @Test("appends are idempotent and sequence numbers have no gaps")
    func idempotentAndGapFree() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try EventStore(path: directory + "/tenet.sqlite")
        let first = try store.append([try sampleEvent("a"), try sampleEvent("b"), try sampleEvent("a")])
        #expect(first == [.stored(seq: 1), .stored(seq: 2), .duplicate(seq: 1)])
        let second = try store.append([try sampleEvent("b"), try sampleEvent("c")])
        #expect(second == [.duplicate(seq: 2), .stored(seq: 3)])
        #expect(store.statistics().lastSeq == 3)
        let all = try store.events(after: 0, limit: 100)
        #expect(all.map(\.seq) == [1, 2, 3])
        #expect(all.map(\.id) == ["a", "b", "c"])
        #expect(try store.events(after: 2, limit: 100).map(\.id) == ["c"])
        #expect(try store.appliedMigrations() == ["v1-events", "v1-dead-letters"])
        // Durable means WAL with synchronous = FULL (2): a commit survives a power cut.
        let settings = try store.durabilitySettings()
        #expect(settings.synchronous == 2)
        #expect(settings.journalMode == "wal")
    }

    @Test("events survive closing and reopening, with unknown fields intact")
    func durable() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/tenet.sqlite"
        do {
            let store = try EventStore(path: path)
            _ = try store.append([try sampleEvent("x", extra: #","x_custom":{"deep":[1,"two"]}"#)])
        }
        let reopened = try EventStore(path: path)
        let stored = try #require(try reopened.events(after: 0, limit: 10).first)
        let object = try #require(try JSONParser.parse(stored.json).objectValue)
        #expect(object["x_custom"] == .object(JSONObject([("deep", .array([.number(1), .string("two")]))])))
        #expect(try reopened.append([try sampleEvent("y")]) == [.stored(seq: 2)])
    }

    @Test("rejected input is kept in the dead-letter table with its reason")
    func deadLetters() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try EventStore(path: directory + "/tenet.sqlite")
        let letter = DeadLetter(source: "http", line: 3, field: "at", reason: "`at`: 2026-13-01 is not an RFC 3339 time", payload: Array("{\"at\":\"2026-13-01\"}".utf8))
        _ = try store.append([try sampleEvent("ok")], rejections: [letter])
        let letters = try store.deadLetters(after: 0, limit: 10)
        #expect(letters.count == 1)
        #expect(letters[0].line == 3)
        #expect(letters[0].field == "at")
        #expect(letters[0].reason.contains("2026-13-01"))
        #expect(letters[0].payload == letter.payload)
        #expect(store.statistics().deadLetters == 1)
    }

    @Test("drill-down filters combine; hostile text is only ever a bound value")
    func queries() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try EventStore(path: directory + "/tenet.sqlite")
        let hostile = "x'); DROP TABLE events; --"
        _ = try store.append([
            try sampleEvent("1", team: "support"), try sampleEvent("2", type: .statusChanged, team: "sales"),
            try sampleEvent("3", team: hostile), try sampleEvent("4", type: .statusChanged, team: "support"),
        ])
        var query = EventQuery()
        query.dimensions = ["team": ["support", "sales"]]
        #expect(try store.events(matching: query).map(\.id) == ["1", "2", "4"])
        query.types = [.statusChanged]
        #expect(try store.events(matching: query).map(\.id) == ["2", "4"])
        query = EventQuery()
        query.conversation = "c-3"
        #expect(try store.events(matching: query).map(\.id) == ["3"])
        query = EventQuery()
        query.dimensions = ["team": [hostile]]
        #expect(try store.events(matching: query).map(\.id) == ["3"])
        query = EventQuery()
        query.from = Timestamp(rfc3339: "2026-11-22T08:00:00Z")
        query.until = Timestamp(rfc3339: "2026-11-22T08:00:01Z")
        query.limit = 2
        #expect(try store.events(matching: query).map(\.id) == ["1", "2"])
        query.dimensions = ["1=1; --": ["x"]]
        #expect(throws: StorageError.self) { try store.events(matching: query) }
        #expect(store.statistics().lastSeq == 4)
    }

    @Test(
        "a full disk refuses the batch whole, keeps every committed event, and recovers when space returns",
        .enabled(if: getuid() == 0, "needs root to mount a small tmpfs; CI runs as root and runs it"))
    func diskFull() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let mountPoint = directory + "/small"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mounted = try run("/bin/mount", ["-t", "tmpfs", "-o", "size=512k", "tmpfs", mountPoint])
        try #require(mounted == 0, "this test needs root to mount a small tmpfs")
        defer { _ = try? run("/bin/umount", ["-l", mountPoint]) }

        let store = try EventStore(path: mountPoint + "/tenet.sqlite")
        var acknowledged: [String] = []
        var full: StorageError?
        let padding = String(repeating: "p", count: 2000)
        for batch in 0..<1000 {
            let events = try (0..<20).map { try sampleEvent("b\(batch)-\($0)", extra: #","pad":"\#(padding)""#) }
            do {
                _ = try store.append(events)
                acknowledged += events.map(\.id)
            } catch {
                full = error
                break
            }
        }
        #expect(full?.code == .diskFull, "\(String(describing: full))")
        #expect(!acknowledged.isEmpty)
        // Every acknowledged event is there, none of the refused batch.
        let stored = try store.events(after: 0, limit: 1_000_000)
        #expect(stored.map(\.id) == acknowledged)

        // Space returns: the next batch is stored, numbered right after the last.
        #expect(try run("/bin/mount", ["-o", "remount,size=64m", mountPoint]) == 0)
        let outcome = try store.append([try sampleEvent("after")])
        #expect(outcome == [.stored(seq: Int64(acknowledged.count + 1))])
    }
}

/// Runs a program and returns its exit status.
func run(_ program: String, _ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}
