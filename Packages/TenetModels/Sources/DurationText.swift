/// Reads and writes durations as people type them in configuration files: `250ms`, `5s`,
/// `15m`, `4h`, `2d`, combinations such as `1h30m`, or a bare number of seconds (`1.5`).
public enum DurationText {
    /// Parses `text`, or returns `nil` if it is not a duration.
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { return nil }
        if let seconds = Double(trimmed), seconds.isFinite, seconds >= 0 {
            return .nanoseconds(Int64((seconds * 1e9).rounded()))
        }
        var total: Duration = .zero
        var number = ""
        var unit = ""
        var sawPart = false
        func flush() -> Bool {
            guard let value = Double(number), value >= 0 else { return false }
            let scale: Double
            switch unit {
            case "ms": scale = 1e-3
            case "s": scale = 1
            case "m": scale = 60
            case "h": scale = 3600
            case "d": scale = 86_400
            default: return false
            }
            total += .nanoseconds(Int64((value * scale * 1e9).rounded()))
            number = ""
            unit = ""
            sawPart = true
            return true
        }
        for character in trimmed {
            if character.isNumber || character == "." {
                if !unit.isEmpty { guard flush() else { return nil } }
                number.append(character)
            } else if character.isLetter {
                guard !number.isEmpty else { return nil }
                unit.append(character)
            } else {
                return nil
            }
        }
        guard flush(), sawPart else { return nil }
        return total
    }

    /// Writes `duration` in the shortest of those forms that keeps millisecond precision.
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds % 1000 != 0 { return "\(milliseconds)ms" }
        let whole = milliseconds / 1000
        if whole != 0 && whole % 3600 == 0 { return "\(whole / 3600)h" }
        if whole != 0 && whole % 60 == 0 { return "\(whole / 60)m" }
        return "\(whole)s"
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }
}
