#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A wall-clock time with nanosecond resolution, written as RFC 3339 in UTC.
///
/// Bus headers and events carry times as strings such as `2026-11-22T08:20:16.123Z`.
/// `Timestamp` formats them without Foundation's formatters, which are slow and not `Sendable`.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since 1970-01-01T00:00:00Z.
    public var nanosecondsSinceEpoch: Int64

    /// Creates a timestamp `nanosecondsSinceEpoch` after the Unix epoch.
    public init(nanosecondsSinceEpoch: Int64) {
        self.nanosecondsSinceEpoch = nanosecondsSinceEpoch
    }

    /// The current wall-clock time (`CLOCK_REALTIME`).
    public static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(nanosecondsSinceEpoch: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }

    /// RFC 3339 in UTC with millisecond precision, e.g. `2026-11-22T08:20:16.123Z`.
    public var rfc3339: String {
        var seconds = time_t(nanosecondsSinceEpoch.floorDivided(by: 1_000_000_000))
        let millis = Int(nanosecondsSinceEpoch.floorModulo(1_000_000_000) / 1_000_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return pad(Int(parts.tm_year) + 1900, 4) + "-" + pad(Int(parts.tm_mon) + 1, 2) + "-"
            + pad(Int(parts.tm_mday), 2) + "T" + pad(Int(parts.tm_hour), 2) + ":"
            + pad(Int(parts.tm_min), 2) + ":" + pad(Int(parts.tm_sec), 2) + "." + pad(millis, 3) + "Z"
    }

    public var description: String { rfc3339 }

    /// Parses an RFC 3339 date-time: `2026-11-22T08:20:16Z`, `2026-11-22T09:20:16.5+01:00`
    /// (`T` may be `t` or a space, `Z` may be `z`; fractions to nanoseconds). Returns `nil` for
    /// anything else, including impossible dates such as `2026-02-30` and times outside the
    /// range of 64-bit nanoseconds since 1970 (1677-09-21 to 2262-04-11).
    public init?(rfc3339 text: String) {
        let bytes = Array(text.utf8)
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += count
            return value
        }
        func expect(_ allowed: [UInt8]) -> Bool {
            guard index < bytes.count, allowed.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = digits(4), expect([45]), let month = digits(2), expect([45]), let day = digits(2),
            expect([84, 116, 32]), let hour = digits(2), expect([58]), let minute = digits(2), expect([58]),
            let second = digits(2)
        else { return nil }
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day), hour <= 23,
            minute <= 59, second <= 60
        else { return nil }
        var nanoseconds: Int64 = 0
        if index < bytes.count && bytes[index] == 46 {
            index += 1
            var scale: Int64 = 100_000_000
            var count = 0
            while index < bytes.count, bytes[index] >= 48 && bytes[index] <= 57 {
                nanoseconds += Int64(bytes[index] - 48) * scale
                scale /= 10
                index += 1
                count += 1
            }
            guard count > 0 else { return nil }
        }
        var offsetSeconds = 0
        if expect([90, 122]) {
            offsetSeconds = 0
        } else if index < bytes.count && (bytes[index] == 43 || bytes[index] == 45) {
            let sign = bytes[index] == 45 ? -1 : 1
            index += 1
            guard let offsetHour = digits(2), expect([58]), let offsetMinute = digits(2), offsetHour <= 23,
                offsetMinute <= 59
            else { return nil }
            offsetSeconds = sign * (offsetHour * 3600 + offsetMinute * 60)
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        // A leap second (:60) is read as the last instant of that minute.
        let clampedSecond = min(second, 59)
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + clampedSecond) - Int64(offsetSeconds)
        // Nanoseconds since 1970 fit in 64 bits from 1677 to 2262; beyond that, no time.
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, overflowAgain) = scaled.addingReportingOverflow(second == 60 ? 999_999_999 : nanoseconds)
        guard !overflow, !overflowAgain else { return nil }
        self.init(nanosecondsSinceEpoch: total)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor < 0) ? quotient - 1 : quotient
    }

    fileprivate func floorModulo(_ divisor: Int64) -> Int64 {
        let remainder = self % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}

extension Timestamp {
    /// This instant moved by `duration` (to the nanosecond; a negative duration moves it back).
    public func adding(_ duration: Duration) -> Timestamp {
        let (seconds, attoseconds) = duration.components
        return Timestamp(nanosecondsSinceEpoch: nanosecondsSinceEpoch &+ seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000)
    }
}
