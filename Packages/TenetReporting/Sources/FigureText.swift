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

    /// A change in `unit` with its sign: `+2m 05s`, `-1.5 pt` (percentage points), `+0.3`; a
    /// change too small to show at the figure's precision (``isNegligible(_:unit:)``) has no
    /// sign (`0s`, `0.0 pt`); `-` without a change.
    public static func change(_ change: Double?, unit: String, currency: String? = nil) -> String {
        guard let change else { return "-" }
        let shown = isNegligible(change, unit: unit) ? 0 : change
        let sign = shown > 0 ? "+" : shown < 0 ? "-" : ""
        switch unit {
        case "percent": return sign + String(format: "%.1f pt", abs(shown))
        default: return sign + value(abs(shown), unit: unit, currency: currency)
        }
    }

    /// Whether `change` rounds to zero where ``value(_:unit:currency:)`` writes the figure (half a
    /// second, 0.05 of a percentage point or a point, half a cent, 0.005 of a count): `100.0%`
    /// against `100.0%` is no change, even when the two rates differ in the 14th digit.
    public static func isNegligible(_ change: Double, unit: String) -> Bool {
        let half: Double
        switch unit {
        case "seconds": half = 0.5
        case "percent", "points", "score": half = 0.05
        default: half = 0.005
        }
        return abs(change) < half
    }
}
