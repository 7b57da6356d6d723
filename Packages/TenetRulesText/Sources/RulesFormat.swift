import Foundation
import TenetCalendar
import TenetModels

/// The cells the rules commands print: instants in a zone, ages, label sets and figures. Pure:
/// the instant "now" and the zone are arguments.
public enum RulesFormat {
    /// `2026-11-27 10:18:05`: the RFC 3339 instant `text` on the wall clock of `zone`, to the
    /// second (truncated). A text that is not RFC 3339 is returned as it is; `nil` gives `-`.
    public static func instant(_ text: String?, zone: TimeZone) -> String {
        guard let text else { return "-" }
        guard let parsed = Timestamp(rfc3339: text) else { return text }
        return instant(parsed, zone: zone)
    }

    /// `2026-11-27 10:18:05`: `instant` on the wall clock of `zone`, to the second (truncated).
    public static func instant(_ instant: Timestamp, zone: TimeZone) -> String {
        let nanoseconds = instant.nanosecondsSinceEpoch
        let seconds = floorDivide(nanoseconds, 1_000_000_000)
        let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        let local = seconds + offset
        let day = floorDivide(local, 86_400)
        let second = local - day * 86_400
        return LocalDate(dayNumber: Int(day)).description + " " + two(second / 3600) + ":" + two(second % 3600 / 60) + ":"
            + two(second % 60)
    }

    /// How long ago the RFC 3339 instant `text` was at `now`, as ``DurationText/age(seconds:)``
    /// writes it (`12m`); `0s` for an instant after `now`, `-` for `nil` or a text that is not
    /// RFC 3339.
    public static func age(since text: String?, now: Timestamp) -> String {
        guard let text, let instant = Timestamp(rfc3339: text) else { return "-" }
        return DurationText.age(seconds: max(0, seconds(from: instant, to: now)))
    }

    /// The seconds from `start` to `end` (negative when `end` is earlier).
    public static func seconds(from start: Timestamp, to end: Timestamp) -> Double {
        Double(end.nanosecondsSinceEpoch - start.nanosecondsSinceEpoch) / 1e9
    }

    /// `channel=chat,team=support`: the labels sorted by name; `-` for none.
    public static func labels(_ labels: [String: String]) -> String {
        labels.isEmpty ? "-" : labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// `42`, `83.5`, `0.25`: a whole number without a fraction, else at most two decimals.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A target's figure in the unit its target is written in: a duration (`1h 12m`) when the
    /// target ends with a duration unit (`<= 1h`), a percentage (`83.5%`) when it ends with `%`,
    /// else a number; `no data` for `nil`.
    public static func figure(_ value: Double?, target: String) -> String {
        guard let value else { return "no data" }
        let unit = target.trimmingCharacters(in: .whitespaces).last
        if unit == "%" { return String(format: "%.1f%%", value) }
        if let unit, unit.isLetter { return DurationText.figure(seconds: value) }
        return number(value)
    }

    /// `90.0%` (one decimal), `-` for `nil`.
    public static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.1f%%", $0) } ?? "-"
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor != 0 && value < 0 ? quotient - 1 : quotient
    }

    private static func two(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
