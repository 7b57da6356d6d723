import TenetClock
import TenetModels
import TenetSimulator

/// Reads the simulator's option values as `tenet simulate` and the plugin's environment give
/// them: a speed (`60`, `1x`, `max`) and scenarios (`outage_spike@+2h/90m`).
public enum SimulatorOptionText {
    /// A speed: a positive number of simulated seconds per real second (`60`, `0.5`, with or
    /// without a trailing `x`), or `max` for as fast as the events are taken (`nil`).
    public static func speed(_ text: String) throws(SimulatorOptionError) -> Double? {
        if text == "max" { return nil }
        let trimmed = text.hasSuffix("x") ? String(text.dropLast()) : text
        guard let value = Double(trimmed), value.isFinite, value > 0, value <= 1e9 else {
            throw SimulatorOptionError(
                code: .invalidSpeed, value: text,
                message: "speed '\(text)' is not a number above 0 (simulated seconds per real second, e.g. 60) or max")
        }
        return value
    }

    /// A scenario `NAME[@WHEN][/DURATION]`: WHEN is an RFC 3339 instant or `+DURATION` after
    /// `base` (default: at `base`); DURATION is the scenario's own default when left out.
    /// `outage_spike@+2h/90m` starts an outage two hours after `base` for 90 minutes.
    public static func scenario(_ text: String, base: Timestamp) throws(SimulatorOptionError) -> ScheduledScenario {
        var rest = Substring(text)
        var duration: Duration?
        if let slash = rest.lastIndex(of: "/") {
            let durationText = String(rest[rest.index(after: slash)...])
            guard let parsed = DurationText.parse(durationText), parsed > .zero else {
                throw SimulatorOptionError(
                    code: .invalidScenario, value: text, message: "scenario '\(text)': '\(durationText)' is not a duration such as 90m or 2h")
            }
            duration = parsed
            rest = rest[..<slash]
        }
        var start = base
        if let at = rest.firstIndex(of: "@") {
            let whenText = String(rest[rest.index(after: at)...])
            if whenText.hasPrefix("+"), let offset = DurationText.parse(String(whenText.dropFirst())) {
                start = Timestamp(nanosecondsSinceEpoch: base.nanosecondsSinceEpoch + offset.totalNanoseconds)
            } else if let instant = Timestamp(rfc3339: whenText) {
                start = instant
            } else {
                throw SimulatorOptionError(
                    code: .invalidScenario, value: text,
                    message: "scenario '\(text)': '\(whenText)' is neither an RFC 3339 time nor +DURATION (e.g. +2h)")
            }
            rest = rest[..<at]
        }
        do {
            return try ScheduledScenario(name: String(rest), start: start, duration: duration)
        } catch {
            throw SimulatorOptionError(code: .invalidScenario, value: text, message: "scenario '\(text)': \(error)")
        }
    }

    /// A comma-separated list of scenarios (empty text: none).
    public static func scenarios(_ text: String, base: Timestamp) throws(SimulatorOptionError) -> [ScheduledScenario] {
        var result: [ScheduledScenario] = []
        for part in text.split(separator: ",") {
            let item = String(part.trimmingSpaces)
            if !item.isEmpty { result.append(try scenario(item, base: base)) }
        }
        return result
    }
}

/// A simulator option with a value it cannot take.
///
/// Printed as `speed 'fast' is not a number above 0 (…) or max`.
public struct SimulatorOptionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Not a speed.
        public static let invalidSpeed = Code(rawValue: "invalid_speed")
        /// Not a scenario, or a scenario at a time or for a duration that cannot be read.
        public static let invalidScenario = Code(rawValue: "invalid_scenario")
    }

    /// What is wrong.
    public var code: Code
    /// The text given.
    public var value: String
    /// What is wrong with it, and what would do.
    public var message: String

    /// Creates an error.
    public init(code: Code, value: String, message: String) {
        self.code = code
        self.value = value
        self.message = message
    }

    public var description: String { message }
}
