import Foundation
import Synchronization
import TenetModels

/// Business time under a ``Schedule``: how much open time lies between two instants, when a
/// business duration starting at an instant ends (an SLA deadline), whether an instant is in
/// business hours, and when the schedule next opens or closes.
///
/// ## What counts as open
/// Each local date (in the schedule's zone) gets its hours by precedence: the date's override
/// if it has one; else none if a holiday falls on it; else the weekly hours of the version in
/// force that date (the latest version whose effective date is not after it; a first version
/// without an effective date also covers every earlier date, and before a first version with
/// one the schedule is closed). An overnight interval (`22:00-06:00`) belongs to the date it
/// starts on: a holiday or an override on that date removes or replaces the whole shift, and a
/// version change applies to shifts starting on or after its date. Open intervals of adjacent
/// days that touch or overlap in absolute time are merged. Intervals are half-open: open at
/// their start, closed at their end.
///
/// ## Daylight saving
/// Wall times become instants in the schedule's zone. A wall time that does not exist (in the
/// spring-forward gap) is read with the offset in force before the gap, which moves it forward
/// by the gap's length: `02:30` on Berlin's spring day is `03:30` CEST (RFC 5545 does the same).
/// A wall time that happens twice (in the fall-back overlap) is its first, earlier occurrence.
/// So a `09:00-17:00` day is 8 business hours on both transition days, while an overnight
/// `22:00-06:00` shift really lasts 7 hours across the spring change and 9 across the fall one.
/// An interval with an end in the gap is shortened accordingly (`01:00-02:30` on the spring day
/// is 01:00 CET to 03:30 CEST, 1.5 hours), and one lying wholly inside the gap is empty.
///
/// ## Cost
/// The calendar compiles the schedule lazily into spans of about 417 days of absolute time (the
/// only place Foundation's `TimeZone` is consulted), each holding its merged open intervals
/// with prefix sums of open time; compiled spans are kept for the calendar's lifetime. A
/// business duration is then two short searches and a subtraction. The calendar is safe to
/// share between threads; the cache is behind a lock.
public final class BusinessCalendar: Sendable {
    /// The schedule it was compiled from.
    public let schedule: Schedule
    /// The schedule's zone.
    public let timeZone: TimeZone

    /// A search for an opening, a closing or a deadline gives up after this many compiled spans
    /// (about 417 days each: over 10 years) in a row without any open time.
    static let closedSpansBeforeGivingUp = 9

    private let days: DayResolver
    private let cache: Mutex<[CalendarChunk?]>

    /// Validates and prepares `schedule`. Throws when its zone is unknown (``CalendarError/Code/unknownZone``),
    /// two intervals of one day overlap, versions are out of order, two overrides share a date,
    /// or a yearly holiday names a date no year has.
    public init(_ schedule: Schedule) throws(CalendarError) {
        guard let zone = TimeZone(identifier: schedule.zone) else {
            throw CalendarError(
                code: .unknownZone, schedule: schedule.name,
                message: "unknown time zone `\(schedule.zone)`: give an IANA zone name such as `Europe/Berlin` or `America/New_York`")
        }
        self.schedule = schedule
        timeZone = zone
        days = try DayResolver(schedule)
        cache = Mutex(Array(repeating: nil, count: CalendarChunk.indices.count))
    }

    // MARK: Chunks

    private func compile(_ index: Int) -> CalendarChunk {
        CalendarChunk(index: index, days: days, zone: timeZone)
    }

    /// The compiled chunk `index`, compiling it on first use.
    private func chunk(_ index: Int) -> CalendarChunk {
        let slot = index - CalendarChunk.indices.lowerBound
        return cache.withLock { chunks in
            if let chunk = chunks[slot] { return chunk }
            let chunk = compile(index)
            chunks[slot] = chunk
            return chunk
        }
    }

    /// Two compiled chunks under one lock.
    private func chunks(_ first: Int, _ second: Int) -> (CalendarChunk, CalendarChunk) {
        let low = CalendarChunk.indices.lowerBound
        return cache.withLock { chunks in
            let a = chunks[first - low] ?? compile(first)
            chunks[first - low] = a
            let b = chunks[second - low] ?? compile(second)
            chunks[second - low] = b
            return (a, b)
        }
    }

    // MARK: Durations

    /// The open time between `from` and `to`; zero when `to` is not after `from`.
    public func businessDuration(from: Timestamp, to: Timestamp) -> Duration {
        .nanoseconds(businessNanoseconds(from: from, to: to))
    }

    /// The open time between `from` and `to` in nanoseconds; zero when `to` is not after `from`.
    public func businessNanoseconds(from: Timestamp, to: Timestamp) -> Int64 {
        let a = from.nanosecondsSinceEpoch, b = to.nanosecondsSinceEpoch
        guard b > a else { return 0 }
        let first = CalendarChunk.index(of: a), last = CalendarChunk.index(of: b)
        if first == last {
            let chunk = chunk(first)
            return chunk.openTime(before: b) - chunk.openTime(before: a)
        }
        let (head, tail) = chunks(first, last)
        var total = head.total - head.openTime(before: a) + tail.openTime(before: b)
        for index in (first + 1)..<last {
            let (sum, overflow) = total.addingReportingOverflow(chunk(index).total)
            if overflow { return Int64.max }
            total = sum
        }
        return total
    }

    /// The earliest instant at which `adding` of business time has passed since `from`: the
    /// deadline of an SLA target of `adding` business time starting at `from`. The inverse of
    /// ``businessDuration(from:to:)``: for a positive `d`, `businessDuration(from: a, to:
    /// deadline(from: a, adding: d)!) == d`, and `deadline(from: a, adding: businessDuration(from:
    /// a, to: b))` is never after `b`. The result lies in open time or is the end of an open
    /// interval (when the time runs out exactly at a closing). `from` itself when `adding` is
    /// not positive. `nil` when the schedule stays closed for over 10 years before the time is
    /// used up, or the deadline lies beyond the year 2262 (the end of `Timestamp`).
    public func deadline(from: Timestamp, adding: Duration) -> Timestamp? {
        let wanted = Self.nanoseconds(of: adding)
        guard wanted > 0 else { return from }
        var index = CalendarChunk.index(of: from.nanosecondsSinceEpoch)
        var chunk = chunk(index)
        var (target, overflow) = chunk.openTime(before: from.nanosecondsSinceEpoch).addingReportingOverflow(wanted)
        if overflow { return nil }
        var closedRun = 0
        while target > chunk.total {
            target -= chunk.total
            closedRun = chunk.total == 0 ? closedRun + 1 : 0
            guard closedRun <= Self.closedSpansBeforeGivingUp, index < CalendarChunk.indices.upperBound else { return nil }
            index += 1
            chunk = self.chunk(index)
        }
        return Timestamp(nanosecondsSinceEpoch: chunk.instant(reaching: target))
    }

    /// `duration` in whole nanoseconds (rounded down), saturating at the ends of `Int64`.
    static func nanoseconds(of duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? Int64.min : Int64.max }
        let (sum, overflow2) = product.addingReportingOverflow(attoseconds / 1_000_000_000)
        return overflow2 ? (product < 0 ? Int64.min : Int64.max) : sum
    }

    // MARK: Open or closed

    /// Whether the schedule is open at `instant` (intervals are open at their start, closed at
    /// their end).
    public func isOpen(at instant: Timestamp) -> Bool {
        let value = instant.nanosecondsSinceEpoch
        return chunk(CalendarChunk.index(of: value)).isOpen(at: value)
    }

    /// The first instant at or after `instant` at which the schedule is open: `instant` itself
    /// when open then, else the next opening. `nil` when it stays closed for over 10 years.
    public func nextOpening(after instant: Timestamp) -> Timestamp? {
        let value = instant.nanosecondsSinceEpoch
        var index = CalendarChunk.index(of: value)
        let chunk = chunk(index)
        let position = chunk.firstSpanIndex(endingAfter: value)
        if position < chunk.spans.count {
            return Timestamp(nanosecondsSinceEpoch: max(chunk.spans[position].start, value))
        }
        for _ in 0...Self.closedSpansBeforeGivingUp {
            guard index < CalendarChunk.indices.upperBound else { return nil }
            index += 1
            if let first = self.chunk(index).spans.first { return Timestamp(nanosecondsSinceEpoch: first.start) }
        }
        return nil
    }

    /// The first instant at or after `instant` at which the schedule is closed: `instant` itself
    /// when closed then, else the end of the open interval holding it (intervals of adjacent
    /// days that touch are one). `nil` when it stays open for over 10 years (a 24/7 schedule).
    public func nextClosing(after instant: Timestamp) -> Timestamp? {
        let value = instant.nanosecondsSinceEpoch
        var index = CalendarChunk.index(of: value)
        var chunk = chunk(index)
        guard var span = chunk.span(containing: value) else { return instant }
        var spansCrossed = 0
        while span.end == chunk.end {
            spansCrossed += 1
            guard index < CalendarChunk.indices.upperBound, spansCrossed <= Self.closedSpansBeforeGivingUp + 1 else { return nil }
            index += 1
            chunk = self.chunk(index)
            guard let first = chunk.spans.first, first.start == chunk.start else { break }
            span = first
        }
        return Timestamp(nanosecondsSinceEpoch: span.end)
    }

    /// The open intervals within `from..<to`, clipped to it, in order; intervals that touch are
    /// one. Empty when `to` is not after `from`.
    public func openIntervals(from: Timestamp, to: Timestamp) -> [Range<Timestamp>] {
        let a = from.nanosecondsSinceEpoch, b = to.nanosecondsSinceEpoch
        guard b > a else { return [] }
        var result: [Range<Int64>] = []
        for index in CalendarChunk.index(of: a)...CalendarChunk.index(of: b) {
            let chunk = chunk(index)
            var position = chunk.firstSpanIndex(endingAfter: max(a, chunk.start))
            while position < chunk.spans.count && chunk.spans[position].start < b {
                let span = chunk.spans[position]
                let clipped = max(span.start, a)..<min(span.end, b)
                if let last = result.last, last.upperBound == clipped.lowerBound {
                    result[result.count - 1] = last.lowerBound..<clipped.upperBound
                } else {
                    result.append(clipped)
                }
                position += 1
            }
        }
        return result.map { Timestamp(nanosecondsSinceEpoch: $0.lowerBound)..<Timestamp(nanosecondsSinceEpoch: $0.upperBound) }
    }

    // MARK: One date

    /// The shifts that start on `date` as instants, in order, one per interval of
    /// ``Schedule/hours(on:)`` (not merged with neighbouring days; an interval that daylight
    /// saving leaves empty is dropped). Reads the zone directly: for reports, not for hot paths.
    public func shifts(startingOn date: LocalDate) -> [Range<Timestamp>] {
        let offsets = FoundationOffsets(zone: timeZone)
        let midnight = date.dayNumber * 86_400
        return days.minuteRanges(onDay: date.dayNumber).compactMap { minutes in
            let open = CalendarChunk.nanoseconds(offsets.instant(ofWall: midnight + minutes.lowerBound * 60))
            let close = CalendarChunk.nanoseconds(offsets.instant(ofWall: midnight + minutes.upperBound * 60))
            guard close > open else { return nil }
            return Timestamp(nanosecondsSinceEpoch: open)..<Timestamp(nanosecondsSinceEpoch: close)
        }
    }
}
