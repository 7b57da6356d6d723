import Testing
import TenetIngest
import TenetIngestProtocol
import TenetStoreProtocol

@Suite("Ingest batches")
struct IngestBatchTests {
    static let event = #"{"id":"e-1","type":"conversation.opened","at":"2026-11-02T09:00:00Z","conversation":"c-1"}"#

    @Test("lines go to the store byte for byte; blank lines keep their numbers; line breaks inside a line are never patched")
    func framing() throws {
        let pretty = "{\n  \"id\": \"e-2\",\n  \"type\": \"conversation.opened\",\n  \"at\": \"2026-11-02T09:00:00Z\",\n  \"conversation\": \"c-1\"\n}"
        let twoInOne = Self.event + "\n" + Self.event
        let carriageReturn = #"{"id":"e-3","type":"conversation.opened","at":"2026-11-02T09:00:00Z","conversation":"c"# + "\r" + #"1"}"#
        let lines = [Self.event, "  ", pretty, twoInOne, carriageReturn].map { ArraySlice($0.utf8) }
        let batch = IngestBatch(lines: lines, source: "test", firstLine: 10)
        let request = try AppendRequest(body: batch.request.body())
        // Kept as sent: the plain line and the one with a raw CR (the store will judge it).
        #expect(request.events.map { Array($0) } == [
            Array(Self.event.utf8),
            Array(#"{"id":"e-2","type":"conversation.opened","at":"2026-11-02T09:00:00Z","conversation":"c-1"}"#.utf8),
            Array(carriageReturn.utf8),
        ])
        #expect(request.lineNumbers == [10, 12, 14])
        #expect(request.rejections.map(\.line) == [13])
        #expect(request.rejections.first?.reason.hasPrefix("not JSON: ") == true)

        let reply = AppendReply(
            results: [AppendResult(status: .stored, seq: 1), AppendResult(status: .duplicate, seq: 1),
                      AppendResult(status: .rejected, field: nil, reason: "a control character in a string")],
            lastSeq: 1)
        let report = batch.report(for: reply)
        #expect(report.accepted == 1 && report.duplicates == 1 && report.rejected == 2 && report.conflicts == 0)
        #expect(report.errors.map(\.line) == [13, 14])
    }
}
