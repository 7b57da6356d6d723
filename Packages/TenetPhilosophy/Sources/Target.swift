import TenetModels

/// A key metric's goal: a comparison and a quantity (`<= 1h`, `>= 90%`, `>= 8.5`).
public struct Target: Hashable, Sendable, CustomStringConvertible {
    /// How the actual figure is compared with the goal.
    public enum Comparison: String, Hashable, Sendable, CaseIterable {
        case lessThan = "<"
        case atMost = "<="
        case greaterThan = ">"
        case atLeast = ">="

        /// Whether `actual` meets `goal`.
        public func holds(_ actual: Double, _ goal: Double) -> Bool {
            switch self {
            case .lessThan: actual < goal
            case .atMost: actual <= goal
            case .greaterThan: actual > goal
            case .atLeast: actual >= goal
            }
        }

        /// Whether smaller figures are better.
        public var lowerIsBetter: Bool { self == .lessThan || self == .atMost }
    }

    /// How the actual figure is compared with the goal.
    public var comparison: Comparison
    /// The goal.
    public var quantity: Quantity

    /// Creates a target.
    public init(_ comparison: Comparison, _ quantity: Quantity) {
        self.comparison = comparison
        self.quantity = quantity
    }

    /// `<= 1h`.
    public var description: String { "\(comparison.rawValue) \(quantity)" }

    /// Whether `actual` (in the quantity's unit: seconds, percent or a plain number) meets the
    /// target.
    public func isMet(by actual: Double) -> Bool { comparison.holds(actual, quantity.value) }
}

/// A figure with its unit, as targets, thresholds and margins write it.
public enum Quantity: Hashable, Sendable, CustomStringConvertible {
    /// A length of time (`1h`, `90s`).
    case duration(Duration)
    /// A percentage (`90%` is 90).
    case percent(Double)
    /// A plain number (`8.5`, `50`).
    case number(Double)

    /// The figure in the unit metrics report: seconds for durations, percent for percentages.
    public var value: Double {
        switch self {
        case .duration(let duration):
            let (seconds, attoseconds) = duration.components
            return Double(seconds) + Double(attoseconds) / 1e18
        case .percent(let percent): return percent
        case .number(let number): return number
        }
    }

    /// `1h`, `90%`, `8.5`.
    public var description: String {
        switch self {
        case .duration(let duration): DurationText.format(duration)
        case .percent(let percent): "\(Self.plain(percent))%"
        case .number(let number): Self.plain(number)
        }
    }

    static func plain(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }

    /// Reads `90%`, `1h30m`, `250ms`, `8.5`: the quantity, or why not.
    public static func parse(_ text: String) -> Result<Quantity, QuantityProblem> {
        let trimmed = String(text.trimmingSpaces)
        guard !trimmed.isEmpty else { return .failure(.empty) }
        if trimmed.hasSuffix("%") {
            let number = String(trimmed.dropLast().trimmingSpaces)
            guard let value = Double(number), value.isFinite else { return .failure(.notANumber(String(number))) }
            return .success(.percent(value))
        }
        if let value = Double(trimmed), value.isFinite { return .success(.number(value)) }
        // A number followed by letters: a duration, or a unit Tenet does not know.
        let digits = trimmed.prefix { $0.isNumber || $0 == "." || $0 == "-" }
        guard !digits.isEmpty, Double(digits) != nil else { return .failure(.notANumber(trimmed)) }
        if digits.hasPrefix("-") { return .failure(.negativeDuration(trimmed)) }
        do {
            return .success(.duration(try DurationText.read(trimmed)))
        } catch {
            if error.code == .outOfRange { return .failure(.outOfRange(trimmed)) }
            let unit = String(trimmed.dropFirst(digits.count).prefix { $0.isLetter || $0 == " " }.trimmingSpaces)
            return .failure(.unknownUnit(unit))
        }
    }
}

/// Why a text is not a ``Quantity``.
public enum QuantityProblem: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    case notANumber(String)
    case unknownUnit(String)
    case negativeDuration(String)
    case outOfRange(String)

    /// The units a quantity may carry.
    public static let units = ["ms", "s", "m", "h", "d", "%"]

    public var description: String {
        switch self {
        case .empty: "no figure given"
        case .notANumber(let text): "`\(text.excerpt)` is not a number"
        case .unknownUnit(let unit):
            "unknown unit `\(unit.excerpt)`\(Suggestion.hint(for: unit, among: Self.units)) (units: ms, s, m, h, d for durations; % for percentages; none for scores)"
        case .negativeDuration(let text): "`\(text.excerpt)`: a duration cannot be negative"
        case .outOfRange(let text): "`\(text.excerpt)` is longer than 100 years"
        }
    }
}
