import Foundation
import TenetCalendar

/// Local time in one IANA zone, read from Foundation's `TimeZone` (only its offsets: no date
/// formatting). Used once per simulated hour or day, never per event.
struct ZoneClock: Sendable {
    /// A local time's parts.
    struct LocalTime {
        /// The local date.
        var date: LocalDate
        /// 0…23.
        var hour: Int
        /// Monday 1 … Sunday 7.
        var weekday: Int
        /// The ISO 8601 week number, 1…53.
        var isoWeek: Int
    }

    let zone: TimeZone

    init(_ zone: TimeZone) {
        self.zone = zone
    }

    /// The offset (local − UTC) in seconds at an instant in seconds.
    func offset(atSecond second: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(second))))
    }

    /// The local time at `milliseconds` since 1970.
    func local(_ milliseconds: Int64) -> LocalTime {
        let second = EventWriter.floorDivide(milliseconds, 1000)
        let wall = second + offset(atSecond: second)
        let day = Int(EventWriter.floorDivide(wall, 86_400))
        let date = LocalDate(dayNumber: day)
        let hour = Int((wall - Int64(day) * 86_400) / 3600)
        return LocalTime(date: date, hour: hour, weekday: date.weekday.rawValue, isoWeek: Self.isoWeek(of: date))
    }

    /// The local day number (days since 1970-01-01 in local time) at `milliseconds`.
    func day(at milliseconds: Int64) -> Int {
        let second = EventWriter.floorDivide(milliseconds, 1000)
        return Int(EventWriter.floorDivide(second + offset(atSecond: second), 86_400))
    }

    /// The instant (milliseconds) of 00:00 local time on local day `day`. A midnight that does
    /// not exist (in a spring-forward gap) is read with the offset before the gap; one that
    /// happens twice is its first occurrence (as TenetCalendar reads wall times).
    func midnight(ofDay day: Int) -> Int64 {
        let wall = Int64(day) * 86_400
        let before = offset(atSecond: wall - 86_400)
        let after = offset(atSecond: wall + 86_400)
        var instant = wall - before
        if before != after && offset(atSecond: wall - before) != before {
            let late = wall - after
            if offset(atSecond: late) == after { instant = late }
        }
        return instant * 1000
    }

    /// The ISO 8601 week of `date`: weeks start on Monday, and week 1 holds the year's first
    /// Thursday.
    static func isoWeek(of date: LocalDate) -> Int {
        let thursday = date.adding(days: 4 - date.weekday.rawValue)
        let january1 = LocalDate(year: thursday.year, month: 1, day: 1)!
        return (thursday.dayNumber - january1.dayNumber) / 7 + 1
    }
}
