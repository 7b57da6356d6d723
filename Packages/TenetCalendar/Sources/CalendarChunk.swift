import Foundation

/// The open time of a schedule within one fixed span of absolute time (2^55 ns, about 417
/// days; chunk `k` covers `k << 55 ..< (k + 1) << 55` nanoseconds since the epoch): the
/// sorted, merged open intervals clipped to the span, with prefix sums of open time, so that
/// the open time before an instant is a lookup and an addition.
///
/// Immutable once compiled; shared by every query that falls in its span.
final class CalendarChunk: Sendable {
    /// log2 of the span in nanoseconds.
    static let shift: Int64 = 55
    /// log2 of the width of an index bucket in nanoseconds (2^46 ns, about 19.5 hours): 512
    /// buckets a chunk.
    static let bucketShift: Int64 = 46
    static let bucketCount = 1 << (shift - bucketShift)
    /// The chunks a 64-bit timestamp can fall in: -256 ... 255.
    static let indices = -(1 << (63 - shift))...((1 << (63 - shift)) - 1)

    /// One open interval, `start..<end` in nanoseconds, and the open time of the chunk before it.
    struct Span: Sendable {
        var start: Int64
        var end: Int64
        var before: Int64
    }

    /// The chunk's number.
    let index: Int
    /// The first nanosecond of the span.
    let start: Int64
    /// The end of the span (excluded); `Int64.max` for the last chunk.
    let end: Int64
    /// Open intervals, sorted, neither overlapping nor touching, inside `start..<end`.
    let spans: [Span]
    /// Open nanoseconds in the whole span.
    let total: Int64
    /// `buckets[j]` is the number of spans starting at or before `start + j << bucketShift`
    /// (`bucketCount + 1` entries).
    private let buckets: [Int32]

    /// The span of chunk `index`.
    static func bounds(of index: Int) -> Range<Int64> {
        let start = Int64(index) << shift
        let end = index == indices.upperBound ? Int64.max : Int64(index + 1) << shift
        return start..<end
    }

    /// The chunk holding nanosecond `instant`.
    static func index(of instant: Int64) -> Int { Int(instant >> shift) }

    /// Compiles chunk `index` of a schedule: every day whose intervals may reach into the span,
    /// each wall time turned into an instant with the zone's offsets, then sorted, merged, clipped.
    init(index: Int, days: DayResolver, zone: TimeZone) {
        let bounds = Self.bounds(of: index)
        self.index = index
        start = bounds.lowerBound
        end = bounds.upperBound
        let firstSecond = Int(start.floorDivided(by: 1_000_000_000))
        let lastSecond = Int(end.floorDivided(by: 1_000_000_000)) + 1
        // A day's intervals span at most 48 hours of wall time from its midnight, and no zone
        // is more than a day from UTC: three days of margin on each side are plenty.
        let firstDay = firstSecond.floorDivided(by: 86_400) - 3
        let lastDay = lastSecond.floorDivided(by: 86_400) + 3
        let offsets = ZoneOffsetTable(zone: zone, from: (firstDay - 2) * 86_400, to: (lastDay + 4) * 86_400)

        var raw: [(start: Int64, end: Int64)] = []
        for day in firstDay...lastDay {
            let midnight = day * 86_400
            for minutes in days.minuteRanges(onDay: day) {
                let open = Self.nanoseconds(offsets.instant(ofWall: midnight + minutes.lowerBound * 60))
                let close = Self.nanoseconds(offsets.instant(ofWall: midnight + minutes.upperBound * 60))
                let clipped = (start: max(open, bounds.lowerBound), end: min(close, bounds.upperBound))
                if clipped.end > clipped.start { raw.append(clipped) }
            }
        }
        raw.sort { $0.start < $1.start }
        var spans: [Span] = []
        var total: Int64 = 0
        for interval in raw {
            if let last = spans.last, interval.start <= last.end {
                if interval.end > last.end {
                    total += interval.end - last.end
                    spans[spans.count - 1].end = interval.end
                }
            } else {
                spans.append(Span(start: interval.start, end: interval.end, before: total))
                total += interval.end - interval.start
            }
        }
        self.spans = spans
        self.total = total

        var buckets: [Int32] = []
        buckets.reserveCapacity(Self.bucketCount + 1)
        var counted = 0
        for bucket in 0...Self.bucketCount {
            let edge = bucket == Self.bucketCount ? end : start + (Int64(bucket) << Self.bucketShift)
            while counted < spans.count && spans[counted].start <= edge { counted += 1 }
            buckets.append(Int32(counted))
        }
        self.buckets = buckets
    }

    /// Seconds to nanoseconds, saturating at the ends of the 64-bit range.
    static func nanoseconds(_ seconds: Int) -> Int64 {
        let (product, overflow) = Int64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? (seconds < 0 ? Int64.min : Int64.max) : product
    }

    /// The index of the last span starting at or before `instant` (in this chunk), or -1.
    @inline(__always)
    private func lastSpan(startingAtOrBefore instant: Int64) -> Int {
        let bucket = Int((instant &- start) >> Self.bucketShift)
        var low = Int(buckets[bucket])  // spans[..<low] start at or before instant
        let high = Int(buckets[bucket + 1])  // spans[high...] start after instant
        while low < high && spans[low].start <= instant { low += 1 }
        return low - 1
    }

    /// Open nanoseconds in `start..<instant`, for an instant in the chunk.
    @inline(__always)
    func openTime(before instant: Int64) -> Int64 {
        let index = lastSpan(startingAtOrBefore: instant)
        guard index >= 0 else { return 0 }
        let span = spans[index]
        return span.before + min(instant, span.end) - span.start
    }

    /// Whether `instant` (in the chunk) is in an open interval.
    func isOpen(at instant: Int64) -> Bool {
        let index = lastSpan(startingAtOrBefore: instant)
        return index >= 0 && instant < spans[index].end
    }

    /// The span holding `instant`, if it is open then.
    func span(containing instant: Int64) -> Span? {
        let index = lastSpan(startingAtOrBefore: instant)
        return index >= 0 && instant < spans[index].end ? spans[index] : nil
    }

    /// The index of the first span that ends after `instant` (holding it, or the next one);
    /// `spans.count` when none does.
    func firstSpanIndex(endingAfter instant: Int64) -> Int {
        let index = lastSpan(startingAtOrBefore: instant)
        return index >= 0 && instant < spans[index].end ? index : index + 1
    }

    /// The earliest instant at which the open time since `start` reaches `target`
    /// (`0 < target <= total`).
    func instant(reaching target: Int64) -> Int64 {
        // The first span whose end has target open time behind it.
        var low = 0, high = spans.count - 1
        while low < high {
            let middle = (low + high) / 2
            let span = spans[middle]
            if span.before + (span.end - span.start) >= target { high = middle } else { low = middle + 1 }
        }
        let span = spans[low]
        return span.start + (target - span.before)
    }
}
