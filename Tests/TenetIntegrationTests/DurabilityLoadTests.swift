import Foundation
import Testing
import TenetBus
import TenetModels
import TenetStoreProtocol
import TenetStoreClient

#if canImport(Glibc)
import Glibc
#endif

/// A deterministic generator, so a failing run can be replayed.
struct TestRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

@Suite("Durability under load, with real processes killed", .serialized)
struct DurabilityLoadTests {
    /// The number of lines in the load: 1,000,000 unless TENET_LOAD_LINES says otherwise.
    static let lines = Int(ProcessInfo.processInfo.environment["TENET_LOAD_LINES"] ?? "") ?? 1_000_000

    @Test("1,000,000 lines (4% repeats, 1% conflicting, 1% malformed) while the store is kill -9'd twice and ingest once: every valid id exactly once, no gap, every bad or conflicting line dead-lettered and reported")
    func loadWithKills() throws {
        let stack = try RunningStack(ingestStack())
        try stack.waitRunning("store")
        try stack.waitRunning("ingest")

        // The load: unique events, 4% exact repeats of earlier lines, 1% earlier ids with other
        // content (conflicts), 1% malformed lines.
        var random = TestRandom(state: 2026)
        var text = ""
        text.reserveCapacity(Self.lines * 170)
        var validIDs: [String] = []
        var conversations: [String] = []
        var malformed = Set<Int>()
        // Every event line's id and conversation: which lines conflict depends on which version
        // of an id commits first, and retries after the kills may reorder batches.
        var lineEvents: [Int: (id: String, conversation: String)] = [:]
        lineEvents.reserveCapacity(Self.lines)
        var conflictLinesWritten = 0
        for line in 1...Self.lines {
            let roll = Int.random(in: 0..<100, using: &random)
            if roll == 0 {
                malformed.insert(line)
                text += Int.random(in: 0..<2, using: &random) == 0
                    ? #"{"id":"bad-\#(line)","type":"conversation.opened","at":"2026-13-01","conversation":"c"}"#
                    : #"{"id":"broken-\#(line)","type":"#
            } else if roll == 1, !validIDs.isEmpty {
                let id = validIDs.randomElement(using: &random)!
                conflictLinesWritten += 1
                lineEvents[line] = (id, "other-\(line)")
                text += eventLine(id, conversation: "other-\(line)")
            } else if roll <= 5, !validIDs.isEmpty {
                let earlier = Int.random(in: 0..<validIDs.count, using: &random)
                lineEvents[line] = (validIDs[earlier], conversations[earlier])
                text += eventLine(validIDs[earlier], conversation: conversations[earlier])
            } else {
                let id = String(format: "%08d", line)
                validIDs.append(id)
                conversations.append("c\(line % 997)")
                lineEvents[line] = (id, "c\(line % 997)")
                text += eventLine(id, conversation: "c\(line % 997)")
            }
            text += "\n"
        }
        let file = stack.directory + "/load.ndjson"
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        text = ""

        let send = Process()
        send.executableURL = URL(fileURLWithPath: TestPaths.binaries + "/tenet")
        send.arguments = ["send", file, "--data", stack.data, "--batch", "2000", "--timeout", "5"]
        let output = Pipe()
        let errors = Pipe()
        send.standardOutput = output
        send.standardError = errors
        try send.run()
        // Read while it runs, so a full pipe never blocks it.
        let outputData = DataCollector(output.fileHandleForReading)
        let errorData = DataCollector(errors.fileHandleForReading)

        let context = try ZMQContext()
        defer { context.terminate() }
        func lastSeq() -> Int64 {
            guard let store = try? stack.storeClient(context) else { return -1 }
            defer { store.close() }
            store.timeout = .seconds(2)
            return (try? store.stats().lastSeq) ?? -1
        }
        let total = Int64(validIDs.count)
        func kill(_ plugin: String, after fraction: Double, restarts: Int) throws {
            try waitUntil("\(Int(fraction * 100))% stored before killing \(plugin)", timeout: 600) {
                lastSeq() >= Int64(Double(total) * fraction) || !send.isRunning
            }
            #expect(send.isRunning, "the load finished before \(plugin) could be killed")
            let pid = try #require(try stack.plugin(plugin)?.int32("pid"))
            #expect(Glibc.kill(pid, SIGKILL) == 0)
            try stack.waitRunning(plugin, restarts: restarts, timeout: 60)
        }
        try kill("store", after: 0.2, restarts: 1)
        try kill("ingest", after: 0.45, restarts: 1)
        try kill("store", after: 0.7, restarts: 2)

        try waitUntil("tenet send finishes", timeout: 900) { !send.isRunning }
        let report = String(decoding: outputData.finish(), as: UTF8.self)
        let stderr = String(decoding: errorData.finish(), as: UTF8.self)
        #expect(send.terminationStatus == 1, "tenet send: \(stderr)")

        // tenet send reported each malformed and each conflicting line, and nothing else.
        func reportedLines(_ kind: String?) -> Set<Int> {
            Set(report.split(separator: "\n").compactMap { line -> Int? in
                guard line.hasPrefix("line ") else { return nil }
                let isConflict = line.contains(": conflict: ")
                if let kind, (kind == "conflict") != isConflict { return nil }
                return Int(line.dropFirst(5).prefix { $0 != ":" })
            })
        }
        // The database holds every valid id exactly once, numbered 1…N without a gap.
        let store = try stack.storeClient(context)
        defer { store.close() }
        let stored = try stack.allStoredEvents(store)
        #expect(stored.count == validIDs.count)
        #expect(Set(stored.map(\.id)) == Set(validIDs))
        #expect(stored.enumerated().allSatisfy { $0.element.seq == Int64($0.offset + 1) })
        #expect(try store.stats().lastSeq == total)

        // Each id kept the version that committed first (the original, unless a retry after a
        // kill let a conflicting version in first); every line with another version of it is a
        // conflict, every line with the kept version a stored event or a duplicate.
        var kept: [String: String] = [:]
        for event in stored {
            kept[event.id] = try JSONParser.parse(event.json).objectValue?["conversation"]?.stringValue
        }
        let conflicting = Set(lineEvents.compactMap { line, event in kept[event.id] == event.conversation ? nil : line })
        #expect(conflicting.count >= conflictLinesWritten, "\(conflicting.count) conflicts for \(conflictLinesWritten) conflicting lines written")
        let rejectedLines = reportedLines("rejected")
        let conflictLines = reportedLines("conflict")
        #expect(rejectedLines == malformed, "differ at \(rejectedLines.symmetricDifference(malformed).sorted().prefix(20))")
        #expect(conflictLines == conflicting, "differ at \(conflictLines.symmetricDifference(conflicting).sorted().prefix(20))")
        #expect(report.contains("conflicts \(conflicting.count), rejected \(malformed.count)"), "\(report.suffix(300))")

        // Every malformed line is in the dead-letter table, once, with its reason.
        var letters: [DeadLetterRecord] = []
        while true {
            let page = try store.deadLetters(after: letters.last?.seq ?? 0, limit: 10_000)
            letters += page
            if page.count < 10_000 { break }
        }
        #expect(letters.count == malformed.count + conflicting.count)
        let letterLines = Set(letters.compactMap(\.line))
        #expect(letterLines == malformed.union(conflicting), "differ at \(letterLines.symmetricDifference(malformed.union(conflicting)).sorted().prefix(20))")
        let conflictLetters = Set(letters.filter { $0.reason.contains("different content") }.compactMap(\.line))
        #expect(conflictLetters == conflicting, "differ at \(conflictLetters.symmetricDifference(conflicting).sorted().prefix(20))")
        #expect(letters.allSatisfy { !$0.reason.isEmpty })
    }
}

/// Drains a pipe on a thread of its own.
final class DataCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    /// Everything read, once the writer has closed the pipe.
    func finish() -> Data {
        done.wait()
        return data
    }
}
