extension DurationText {
    /// A length of time as the command line shows it in a column, to the most significant two
    /// units, truncated towards zero: `45s`, `12m`, `1h`, `1h05m`, `3d`, `3d04h`; negative
    /// lengths with a minus sign (`-12m`, an overdue SLA clock). `-` for a value that is not finite.
    public static func age(seconds: Double) -> String {
        guard seconds.isFinite else { return "-" }
        let whole = Int64(min(max(seconds, -9e15), 9e15))
        let sign = whole < 0 ? "-" : ""
        let total = whole.magnitude
        func pair(_ major: UInt64, _ majorUnit: String, _ minor: UInt64, _ minorUnit: String) -> String {
            sign + "\(major)\(majorUnit)" + (minor == 0 ? "" : (minor < 10 ? "0" : "") + "\(minor)\(minorUnit)")
        }
        switch total {
        case ..<60: return sign + "\(total)s"
        case ..<3600: return sign + "\(total / 60)m"
        case ..<86_400: return pair(total / 3600, "h", total % 3600 / 60, "m")
        default: return pair(total / 86_400, "d", total % 86_400 / 3600, "h")
        }
    }

    /// A measured length of time as the scorecard shows it, rounded to the second, to two
    /// units: `45s`, `12m 05s`, `3h 20m`, `2d 04h` (negative with a minus sign).
    public static func figure(seconds: Double) -> String {
        guard seconds.isFinite else { return "-" }
        let whole = Int64(min(max(seconds, -9e15), 9e15).rounded())
        let sign = whole < 0 ? "-" : ""
        let total = whole.magnitude
        func two(_ value: UInt64) -> String { (value < 10 ? "0" : "") + "\(value)" }
        switch total {
        case ..<60: return sign + "\(total)s"
        case ..<3600: return sign + "\(total / 60)m \(two(total % 60))s"
        case ..<86_400: return sign + "\(total / 3600)h \(two(total % 3600 / 60))m"
        default: return sign + "\(total / 86_400)d \(two(total % 86_400 / 3600))h"
        }
    }
}
