/// A binary min-heap of due instants: one entry per scheduled warning or breach. Entries are
/// never removed in place: a clock that changes bumps its generation, and a popped entry whose
/// generation is stale is dropped (``SLAClockBook`` rebuilds the heap when stale entries pile up).
struct DueHeap: Sendable {
    /// One scheduled instant: 24 bytes.
    struct Entry: Sendable {
        var instant: Int64
        var conversation: Int32
        var generation: UInt32
        var metric: UInt8

        /// Time order; ties by conversation slot, then clock, so the order never depends on
        /// the heap's history.
        func precedes(_ other: Entry) -> Bool {
            if instant != other.instant { return instant < other.instant }
            if conversation != other.conversation { return conversation < other.conversation }
            return metric < other.metric
        }
    }

    private(set) var entries: [Entry] = []

    var count: Int { entries.count }
    var first: Entry? { entries.first }

    mutating func push(_ entry: Entry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].precedes(entries[parent]) else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Entry? {
        guard !entries.isEmpty else { return nil }
        let top = entries[0]
        let last = entries.removeLast()
        if !entries.isEmpty {
            entries[0] = last
            siftDown(0)
        }
        return top
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let count = entries.count
        while true {
            let left = 2 * parent + 1
            guard left < count else { return }
            var best = left
            if left + 1 < count, entries[left + 1].precedes(entries[left]) { best = left + 1 }
            guard entries[best].precedes(entries[parent]) else { return }
            entries.swapAt(best, parent)
            parent = best
        }
    }

    /// Keeps only the entries `keep` accepts, and restores the heap order in linear time.
    mutating func rebuild(keeping keep: (Entry) -> Bool) {
        entries.removeAll { !keep($0) }
        var index = entries.count / 2
        while index > 0 {
            index -= 1
            siftDown(index)
        }
    }
}
