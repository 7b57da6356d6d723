import TenetClock

/// Decides which files of the inbox are complete and may be imported: pure logic, the scans and
/// the instants passed in.
///
/// The rule (docs/PLUGINS.md, "The importer"): a file is taken when
/// - its name does not start with `.` and does not end with `.tmp` or `.part` (names writers use
///   while they write: write under such a name, then rename into place), and
/// - scans at least ``settle`` apart have seen it with the same size, modification time and
///   inode: nobody has written to it for that long.
///
/// A file that changes starts its wait again; a file that disappears is forgotten.
public struct InboxWatcher: Sendable {
    /// How long a file must stay unchanged before it is taken.
    public var settle: Duration

    private var seen: [String: (entry: InboxEntry, since: MonotonicInstant)] = [:]

    /// A watcher that takes files unchanged for `settle`.
    public init(settle: Duration) {
        self.settle = settle
    }

    /// Whether a file of this name is ever taken (not hidden, not a name for a file being written).
    public static func isCandidate(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && !name.hasSuffix(".tmp") && !name.hasSuffix(".part")
    }

    /// Files being watched that are not yet ready.
    public var waiting: Int { seen.count }

    /// Feeds one scan of the inbox, made at `now`; returns the names of the files ready to be
    /// taken, oldest modification first (then by name).
    public mutating func ready(in entries: [InboxEntry], at now: MonotonicInstant) -> [String] {
        var present = Set<String>()
        var ready: [InboxEntry] = []
        for entry in entries where Self.isCandidate(entry.name) {
            present.insert(entry.name)
            if let known = seen[entry.name], known.entry == entry {
                if now - known.since >= settle { ready.append(entry) }
            } else {
                seen[entry.name] = (entry, now)
            }
        }
        for name in seen.keys where !present.contains(name) { seen[name] = nil }
        for entry in ready { seen[entry.name] = nil }
        return ready.sorted { ($0.modified, $0.name) < ($1.modified, $1.name) }.map(\.name)
    }
}
