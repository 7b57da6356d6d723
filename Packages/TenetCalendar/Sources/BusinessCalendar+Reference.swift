import Foundation
import TenetModels

extension BusinessCalendar {
    /// The open intervals within `from..<to` computed the slow, plain way, for checking the
    /// compiled path in tests and benchmarks: every local date around the span (found with
    /// Foundation's offsets), each date's ``shifts(startingOn:)`` (Foundation's offsets again,
    /// no compiled spans, no prefix sums), sorted, merged where they touch or overlap, clipped.
    /// Must equal ``openIntervals(from:to:)``. Hundreds of `TimeZone` calls per week: never use
    /// it where speed matters.
    public func dayByDayOpenIntervals(from: Timestamp, to: Timestamp) -> [Range<Timestamp>] {
        let a = from.nanosecondsSinceEpoch, b = to.nanosecondsSinceEpoch
        guard b > a else { return [] }
        func localDay(_ nanoseconds: Int64) -> Int {
            let seconds = Int(nanoseconds.floorDivided(by: 1_000_000_000))
            return (seconds + FoundationOffsets(zone: timeZone).offset(atSecond: seconds)).floorDivided(by: 86_400)
        }
        // A shift starts at most a day before its local date ends, and lasts at most 48 hours.
        var shifts: [Range<Timestamp>] = []
        for day in (localDay(a) - 2)...(localDay(b) + 1) {
            shifts += self.shifts(startingOn: LocalDate(dayNumber: day))
        }
        shifts.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Timestamp>] = []
        for shift in shifts {
            if let last = merged.last, shift.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, shift.upperBound)
            } else {
                merged.append(shift)
            }
        }
        return merged.compactMap { range in
            let (lower, upper) = (max(range.lowerBound, from), min(range.upperBound, to))
            return lower < upper ? lower..<upper : nil
        }
    }
}
