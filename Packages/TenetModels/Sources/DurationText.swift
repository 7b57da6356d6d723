/// Reads and writes durations as people type them in configuration files: `250ms`, `5s`,
/// `15m`, `4h`, `2d`, combinations such as `1h30m`, or a bare number of seconds (`1.5`).
public enum DurationText {
    /// The longest duration accepted: 36500 days (100 years). Longer values are refused rather
    /// than overflowing the nanosecond arithmetic of deadlines.
    public static let maximum: Duration = .seconds(36_500 * 86_400)

    /// `maximum` as written in messages.
    public static let maximumText = "36500d"

    /// Why a text is not a usable duration.
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// What kind of problem.
        public struct Code: RawRepresentable, Hashable, Sendable {
            public var rawValue: String
            public init(rawValue: String) { self.rawValue = rawValue }
            /// The text is not a duration at all.
            public static let notADuration = Code(rawValue: "not_a_duration")
            /// A duration, but longer than ``DurationText/maximum``.
            public static let outOfRange = Code(rawValue: "out_of_range")
        }

        /// What kind of problem.
        public var code: Code
        /// The text as given.
        public var text: String

        /// A sentence naming the text and the reason (without the field, which the caller knows).
        public var description: String {
            switch code {
            case .outOfRange:
                "'\(text)' is out of range: the longest duration is \(DurationText.maximumText) (100 years)"
            default:
                "'\(text)' is not a duration (for example 500ms, 5s, 2m)"
            }
        }
    }

    /// Parses `text`, or returns `nil` if it is not a duration or is out of range.
    public static func parse(_ text: String) -> Duration? {
        try? read(text)
    }

    /// Parses `text`.
    ///
    /// - Throws: ``Failure`` with ``Failure/Code/notADuration`` or, for a duration longer than
    ///   ``maximum``, ``Failure/Code/outOfRange``.
    public static func read(_ text: String) throws(Failure) -> Duration {
        let trimmed = text.trimmingSpaces()
        let notADuration = Failure(code: .notADuration, text: text)
        let outOfRange = Failure(code: .outOfRange, text: text)
        guard !trimmed.isEmpty else { throw notADuration }
        let maximumSeconds = maximum.totalSecondsValue
        if let seconds = Double(trimmed), seconds.isFinite, seconds >= 0 {
            guard seconds <= maximumSeconds else { throw outOfRange }
            return .nanoseconds(Int64((seconds * 1e9).rounded()))
        }
        var total: Duration = .zero
        var number = ""
        var unit = ""
        var sawPart = false
        func flush() throws(Failure) {
            guard let value = Double(number), value.isFinite, value >= 0 else { throw notADuration }
            let scale: Double
            switch unit {
            case "ms": scale = 1e-3
            case "s": scale = 1
            case "m": scale = 60
            case "h": scale = 3600
            case "d": scale = 86_400
            default: throw notADuration
            }
            let seconds = value * scale
            guard seconds <= maximumSeconds else { throw outOfRange }
            total += .nanoseconds(Int64((seconds * 1e9).rounded()))
            guard total <= maximum else { throw outOfRange }
            number = ""
            unit = ""
            sawPart = true
        }
        for character in trimmed {
            if character.isNumber || character == "." {
                if !unit.isEmpty { try flush() }
                number.append(character)
            } else if character.isLetter {
                guard !number.isEmpty else { throw notADuration }
                unit.append(character)
            } else {
                throw notADuration
            }
        }
        try flush()
        guard sawPart else { throw notADuration }
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

extension Duration {
    fileprivate var totalSecondsValue: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
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
