import TenetClock
import TenetImporter
import Testing

@Suite("Inbox watcher: which files are complete")
struct InboxWatcherTests {
    static func entry(_ name: String, size: Int64 = 10, modified: Int64 = 1, identity: UInt64 = 7) -> InboxEntry {
        InboxEntry(name: name, size: size, modified: modified, identity: identity)
    }

    static func at(_ milliseconds: Int64) -> MonotonicInstant { MonotonicInstant(nanoseconds: milliseconds * 1_000_000) }

    @Test("a file is taken once scans a settle period apart saw it unchanged, not before")
    func settles() {
        var watcher = InboxWatcher(settle: .seconds(2))
        let file = Self.entry("a.ndjson")
        #expect(watcher.ready(in: [file], at: Self.at(0)) == [])
        #expect(watcher.ready(in: [file], at: Self.at(1_999)) == [])
        #expect(watcher.ready(in: [file], at: Self.at(2_000)) == ["a.ndjson"])
        // Taken: the watcher forgets it (the importer moved it away).
        #expect(watcher.waiting == 0)
    }

    @Test("a file that grows, is touched or is replaced waits again from the change")
    func changesRestartTheWait() {
        var watcher = InboxWatcher(settle: .seconds(2))
        _ = watcher.ready(in: [Self.entry("a.csv", size: 10)], at: Self.at(0))
        #expect(watcher.ready(in: [Self.entry("a.csv", size: 20)], at: Self.at(1_500)) == [])
        #expect(watcher.ready(in: [Self.entry("a.csv", size: 20)], at: Self.at(3_000)) == [])
        #expect(watcher.ready(in: [Self.entry("a.csv", size: 20, modified: 2)], at: Self.at(3_400)) == [])
        #expect(watcher.ready(in: [Self.entry("a.csv", size: 20, modified: 2, identity: 8)], at: Self.at(5_000)) == [])
        #expect(watcher.ready(in: [Self.entry("a.csv", size: 20, modified: 2, identity: 8)], at: Self.at(6_999)) == [])
        #expect(watcher.ready(in: [Self.entry("a.csv", size: 20, modified: 2, identity: 8)], at: Self.at(7_000)) == ["a.csv"])
    }

    @Test("hidden files and names of files being written are never taken")
    func namesBeingWritten() {
        var watcher = InboxWatcher(settle: .seconds(1))
        let names = [".a.ndjson", "b.ndjson.tmp", "c.csv.part", "d.ndjson"]
        _ = watcher.ready(in: names.map { Self.entry($0) }, at: Self.at(0))
        #expect(watcher.ready(in: names.map { Self.entry($0) }, at: Self.at(10_000)) == ["d.ndjson"])
        #expect(InboxWatcher.isCandidate("report.tmp.csv"))
        #expect(!InboxWatcher.isCandidate(""))
    }

    @Test("a file that disappears is forgotten; back again, it waits from the start")
    func vanished() {
        var watcher = InboxWatcher(settle: .seconds(2))
        _ = watcher.ready(in: [Self.entry("a.ndjson")], at: Self.at(0))
        #expect(watcher.ready(in: [], at: Self.at(1_000)) == [])
        #expect(watcher.waiting == 0)
        #expect(watcher.ready(in: [Self.entry("a.ndjson")], at: Self.at(2_500)) == [])
        #expect(watcher.ready(in: [Self.entry("a.ndjson")], at: Self.at(4_499)) == [])
        #expect(watcher.ready(in: [Self.entry("a.ndjson")], at: Self.at(4_500)) == ["a.ndjson"])
    }

    @Test("ready files come oldest modification first, then by name")
    func order() {
        var watcher = InboxWatcher(settle: .seconds(1))
        let files = [Self.entry("c", modified: 5), Self.entry("b", modified: 9), Self.entry("a", modified: 9)]
        _ = watcher.ready(in: files, at: Self.at(0))
        #expect(watcher.ready(in: files, at: Self.at(1_000)) == ["c", "a", "b"])
    }
}
