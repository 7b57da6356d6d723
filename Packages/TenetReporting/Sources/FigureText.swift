import Foundation
import TenetModels

/// Figures as text, exactly as `tenet metrics` writes them (the command uses these too), so a
/// report and the scorecard on the terminal never disagree on a digit.
public enum FigureText {
    /// A figure in `unit`: `45m 10s` (seconds), `91.2%` (percent), `8.5` (points, score),
    /// `12.50 EUR` (money), a whole or two-decimal number otherwise; `no data` without one.
    public static func value(_ value: Double?, unit: String, currency: String? = nil) -> String {
        guard let value else { return "no data" }
        switch unit {
        case "seconds": return DurationText.figure(seconds: value)
        case "percent": return String(format: "%.1f%%", value)
        case "points", "score": return String(format: "%.1f", value)
        case "money": return String(format: "%.2f", value) + (currency.map { " \($0)" } ?? "")
        default: return value == value.rounded() ? String(Int64(value)) : String(format: "%.2f", value)
        }
    }

    /// A change in `unit` with its sign: `+2m 05s`, `-1.5 pt` (percentage points), `+0.3`, `0`
    /// for none; `-` without a change.
    public static func change(_ change: Double?, unit: String, currency: String? = nil) -> String {
        guard let change else { return "-" }
        let sign = change > 0 ? "+" : change < 0 ? "-" : ""
        let magnitude = abs(change)
        switch unit {
        case "percent": return sign + String(format: "%.1f pt", magnitude)
        default: return sign + value(magnitude, unit: unit, currency: currency)
        }
    }
}
