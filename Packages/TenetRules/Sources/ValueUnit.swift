import TenetPhilosophy

/// How a figure is written for people in alert texts: durations as `1h 5m`, percentages as
/// `72.5%`, plain numbers with at most two decimals. The unit comes from the quantity the figure
/// is compared with (a target or an alert's condition), which is always in the figure's unit.
public enum ValueUnit: String, Hashable, Sendable, Codable {
    /// Seconds, written `45s`, `12m 5s`, `1h 5m`, `2d 4h`, `250ms`.
    case duration
    /// A percentage, written `72.5%` (one decimal, `80%` without one).
    case percent
    /// A plain number, written `8.5`, `412`, `-12.25`.
    case number

    /// The unit of figures compared with `quantity`.
    public init(_ quantity: Quantity) {
        switch quantity {
        case .duration: self = .duration
        case .percent: self = .percent
        case .number: self = .number
        }
    }

    /// `figure` written in this unit; `no data` without one.
    public func format(_ figure: Double?) -> String {
        guard let figure else { return "no data" }
        guard figure.isFinite else { return String(figure) }
        switch self {
        case .duration: return Self.duration(figure)
        case .percent: return Self.decimal(figure, places: 1) + "%"
        case .number: return Self.decimal(figure, places: 2)
        }
    }

    /// The two largest non-zero units of a duration in seconds (`1h 5m`, `12m 5s`, `1h`); under a
    /// second in milliseconds.
    static func duration(_ seconds: Double) -> String {
        if seconds < 0 { return "-" + duration(-seconds) }
        if seconds == 0 { return "0s" }
        if seconds < 1 {
            let milliseconds = Int64((seconds * 1000).rounded())
            return milliseconds == 1000 ? "1s" : "\(milliseconds)ms"
        }
        let total = Int64(seconds.rounded())
        let units: [(Int64, String)] = [(86_400, "d"), (3600, "h"), (60, "m"), (1, "s")]
        guard let first = units.firstIndex(where: { total >= $0.0 }) else { return "0s" }
        let (size, name) = units[first]
        var text = "\(total / size)\(name)"
        if first + 1 < units.count {
            let (nextSize, nextName) = units[first + 1]
            let rest = total % size / nextSize
            if rest > 0 { text += " \(rest)\(nextName)" }
        }
        return text
    }

    /// `figure` rounded to `places` decimals, without trailing zeros (`72.5`, `80`, `8.25`).
    static func decimal(_ figure: Double, places: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (figure * Double(scale)).rounded(.toNearestOrAwayFromZero)
        guard abs(scaled) < 9e15 else { return String(figure) }
        let whole = Int64(scaled)
        let sign = whole < 0 ? "-" : ""
        let magnitude = whole.magnitude
        var fraction = String(magnitude % UInt64(scale))
        while fraction.count < places { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let integer = "\(sign)\(magnitude / UInt64(scale))"
        return fraction.isEmpty ? integer : integer + "." + fraction
    }
}
