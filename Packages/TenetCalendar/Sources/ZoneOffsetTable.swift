import Foundation

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
        var low = 0, high = starts.count  // answer: the last index with starts[i] <= second
        while high - low > 1 {
            let middle = (low + high) / 2
            if starts[middle] <= second { low = middle } else { high = middle }
        }
        return offsets[low]
    }
}
