import Foundation
import Testing
import TenetBus
import TenetModels
import TenetStoreProtocol
import TenetTestSupport

@Suite("Store request handler, in process")
struct StoreRequestHandlerTests {
    static func event(_ id: String, type: String = "conversation.opened", conversation: String = "c-1") -> String {
        #"{"id":"\#(id)","type":"\#(type)","at":"2026-11-02T09:00:00Z","conversation":"\#(conversation)","channel":"email"}"#
    }

    static func append(_ lines: [String], source: String = "test:1", client: BusRequestClient) throws -> AppendReply {
        var request = AppendRequest(source: source)
        for line in lines { try request.addEvent(json: ArraySlice(line.utf8)) }
        let reply = try client.request(StoreMethod.append.rawValue, rawBody: request.body(), timeout: .seconds(30))
        return try AppendReply(body: reply.body)
    }

    @Test("An id reused for different content is a conflict, dead-lettered once with both digests; the same event again is a duplicate")
    func conflicts() throws {
        let harness = try StoreTestHarness()
        defer { harness.close() }
        let client = try harness.client()
        defer { client.close() }
        let original = Self.event("evt-0001")
        let first = try Self.append([original], client: client)
        #expect(first.results == [AppendResult(status: .stored, seq: 1)])

        // The same event, byte for byte and with its keys in another order: duplicates.
        let reordered = #"{"type":"conversation.opened","id":"evt-0001","channel":"email","at":"2026-11-02T09:00:00Z","conversation":"c-1"}"#
        let again = try Self.append([original, reordered], source: "test:2", client: client)
        #expect(again.results.map(\.status) == [.duplicate, .duplicate])
        #expect(again.results.map(\.seq) == [1, 1])

        // Another type, another conversation, another time under the same id: conflicts.
        let changed = [
            Self.event("evt-0001", type: "conversation.escalated"),
            Self.event("evt-0001", conversation: "c-2"),
            Self.event("evt-0001").replacingOccurrences(of: "09:00:00Z", with: "10:00:00Z"),
        ]
        let conflicting = try Self.append(changed, source: "test:3", client: client)
        #expect(conflicting.results.map(\.status) == [.conflict, .conflict, .conflict])
        #expect(conflicting.results.allSatisfy { $0.seq == 1 && $0.field == "id" })
        #expect(conflicting.results[1].reason?.contains("already stored (seq 1) with different content") == true)

        // Retrying the same request records no second dead letter.
        _ = try Self.append(changed, source: "test:3", client: client)
        let letters = try client.request(
            StoreMethod.deadLetters.rawValue, body: ReplayRequest(after: 0, limit: 100), timeout: .seconds(10), as: DeadLettersReply.self
        ).deadLetters
        #expect(letters.count == 3)
        let conflictLetters = letters.filter { $0.reason.contains("different content") }
        #expect(conflictLetters.map(\.line) == [1, 2, 3])
        for letter in conflictLetters {
            let digests = letter.reason.matches(of: /sha256 ([0-9a-f]+)/).map { String($0.output.1) }
            #expect(digests.count == 2)
            #expect(Set(digests).count == 2)
        }
        let stats = try client.request(StoreMethod.stats.rawValue, body: EmptyBody(), timeout: .seconds(10), as: StoreStats.self)
        #expect(stats == StoreStats(lastSeq: 1, deadLetters: 3))
    }

    @Test("Two events with one id in one batch: the first is stored, the second a duplicate or a conflict by content")
    func conflictsWithinOneBatch() throws {
        let harness = try StoreTestHarness()
        defer { harness.close() }
        let client = try harness.client()
        defer { client.close() }
        let reply = try Self.append(
            [Self.event("evt-a"), Self.event("evt-a"), Self.event("evt-a", conversation: "c-9")], client: client)
        #expect(reply.results.map(\.status) == [.stored, .duplicate, .conflict])
        #expect(reply.lastSeq == 1)
    }

    @Test("Events are kept and replayed byte for byte as received, with numbers beyond 2^53 untouched")
    func keepsBytes() throws {
        let harness = try StoreTestHarness()
        defer { harness.close() }
        let client = try harness.client()
        defer { client.close() }
        let line = #"{"id":"evt-b", "type":"conversation.opened","at":"2026-11-02T09:00:00Z","conversation":"c-1","attributes":{"big":12345678901234567890123,"x":1.50}}"#
        #expect(try Self.append([line], client: client).results.map(\.status) == [.stored])
        let reply = try client.request(StoreMethod.replay.rawValue, body: ReplayRequest(after: 0, limit: 10), timeout: .seconds(10))
        let page = try StoredEvent.page(from: reply.body)
        #expect(page.events.map(\.json) == [Array(line.utf8)])
        #expect(page.events.map(\.id) == ["evt-b"])
        #expect(page.events.map(\.type) == ["conversation.opened"])
        #expect(page.lastSeq == 1)
    }

    @Test("A flood of reads does not starve appends: an append sent behind hundreds of replays is answered first")
    func appendsGoFirst() throws {
        let harness = try StoreTestHarness()
        defer { harness.close() }
        let writer = try harness.client("writer")
        defer { writer.close() }
        let lines = (1...1000).map { Self.event("seed-\($0)", conversation: "c-\($0 % 50)") }
        #expect(try Self.append(lines, client: writer).lastSeq == 1000)

        let reader = try harness.client("reader")
        defer { reader.close() }
        let reads = 600
        let body = BusMessage.encodeJSON(ReplayRequest(after: 0, limit: 1000))
        for _ in 0..<reads { try reader.send(StoreMethod.replay.rawValue, rawBody: body, timeout: .seconds(120)) }
        // Once the first read is answered, the others wait in the store's queue.
        var answeredReads = 0
        while answeredReads == 0 { answeredReads += try reader.wait(timeout: .seconds(1)).count }

        var request = AppendRequest(source: "late")
        try request.addEvent(json: ArraySlice(Self.event("late-1").utf8))
        let id = try writer.send(StoreMethod.append.rawValue, rawBody: request.body(), timeout: .seconds(120))
        var appendAnswered = false
        while !appendAnswered {
            appendAnswered = try writer.wait(timeout: .seconds(1)).contains { $0.id == id }
        }
        answeredReads += try reader.collect().count
        // Reads are answered 16 a turn behind appends; answering them inline (the old loop)
        // answers every read read before the append, hundreds.
        #expect(answeredReads < 100, "\(answeredReads) reads were answered before the append")
        while answeredReads < reads { answeredReads += try reader.wait(timeout: .seconds(5)).count }
        #expect(answeredReads == reads)
    }

    @Test("A rejected line's dead letter keeps at most 64 KiB of its payload")
    func deadLetterPayloadCap() throws {
        let harness = try StoreTestHarness()
        defer { harness.close() }
        let client = try harness.client()
        defer { client.close() }
        let huge = #"{"id":"big","type":"conversation.opened","at":"not a time","padding":""# + String(repeating: "x", count: 100_000) + #""}"#
        #expect(try Self.append([huge], client: client).results.map(\.status) == [.rejected])
        let letters = try client.request(
            StoreMethod.deadLetters.rawValue, body: ReplayRequest(after: 0, limit: 10), timeout: .seconds(10), as: DeadLettersReply.self
        ).deadLetters
        #expect(letters.count == 1)
        #expect(letters.first?.payload.utf8.count == 65_536)
        #expect(letters.first.map { huge.hasPrefix($0.payload) } == true)
    }
}
