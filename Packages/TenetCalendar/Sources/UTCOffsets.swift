import Foundation

/// A zone's offset from UTC as a function of the instant, in whole seconds, and the one rule
/// that turns a wall-clock time into an instant.
protocol UTCOffsets {
    /// The offset (local minus UTC, seconds) in force at `second` (seconds since the epoch).
    func offset(atSecond second: Int) -> Int
}

extension UTCOffsets {
    /// The instant (seconds since the epoch) of the wall-clock time `wall`, given as seconds
    /// since 1970-01-01T00:00 local time.
    ///
    /// Away from a transition there is one answer. In a spring-forward gap (a wall time that
    /// never happens) the offset in force before the gap is used, which moves the time forward
    /// by the gap's length (`02:30` on Berlin's spring day is `03:30` CEST), as RFC 5545 does.
    /// In a fall-back overlap (a wall time that happens twice) the first, earlier occurrence is
    /// used. Both rules use the offset before the transition. Assumes at most one transition
    /// within a day of `wall` (true of every zone in the tz database since 1900).
    func instant(ofWall wall: Int) -> Int {
        let before = offset(atSecond: wall - 86_400)
        let after = offset(atSecond: wall + 86_400)
        let early = wall - before
        if before == after { return early }
        if offset(atSecond: early) == before { return early }  // before the transition, or its first occurrence
        let late = wall - after
        if offset(atSecond: late) == after { return late }  // after the transition
        return early  // in the gap: the offset before it
    }
}

/// Offsets read from Foundation on every call: for the slow paths only (one date's shifts).
struct FoundationOffsets: UTCOffsets {
    var zone: TimeZone

    func offset(atSecond second: Int) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(second)))
    }
}

/// A zone's offsets over a span of instants, read from Foundation once: sampled every 12 hours,
/// each change located to the second by bisection. Lookups are then integer searches.
/// (Two transitions less than 12 hours apart that cancel out would be missed; the tz database
/// has none.)
struct ZoneOffsetTable: UTCOffsets {
    /// `starts[i]` is the first second at which `offsets[i]` is in force; `starts[0]` is `Int.min`.
    private(set) var starts: [Int] = [Int.min]
    private(set) var offsets: [Int]

    /// The offsets of `zone` for the seconds `from..<to` (the first and last extend beyond).
    init(zone: TimeZone, from: Int, to: Int) {
        let source = FoundationOffsets(zone: zone)
        let step = 43_200
        var low = from
        var lowOffset = source.offset(atSecond: low)
        offsets = [lowOffset]
        while low < to {
            let high = min(low + step, to)
            let highOffset = source.offset(atSecond: high)
            // Each change between low and high, in order: bisect to the first second whose
            // offset differs from lowOffset, then continue from there.
            while lowOffset != highOffset {
                var good = low, bad = high  // offset(good) == lowOffset, offset(bad) != lowOffset
                while bad - good > 1 {
                    let middle = good + (bad - good) / 2
                    if source.offset(atSecond: middle) == lowOffset { good = middle } else { bad = middle }
                }
                low = bad
                lowOffset = source.offset(atSecond: bad)
                starts.append(bad)
                offsets.append(lowOffset)
            }
            low = high
        }
    }

    func offset(atSecond second: Int) -> Int {
        // Few entries (two a year with daylight saving): a linear scan from the end is quick,
        // but a binary search keeps long spans cheap too.
        var low = 0, high = starts.count  // answer: the last index with starts[i] <= second
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= second { low = middle } else { high = middle }
        }
        return offsets[low]
    }
}
