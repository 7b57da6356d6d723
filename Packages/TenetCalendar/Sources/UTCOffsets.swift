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
