import TenetModels
import TenetYAML

/// A metric the philosophy defines over events, for what the built-in support metrics do not
/// cover: leads, feature usage, attrition, referrals.
public struct CustomMetric: Hashable, Sendable {
    /// The unit its figures are reported in.
    public enum Unit: String, Hashable, Sendable, CaseIterable {
        /// Events counted.
        case count
        /// A percentage (a rate of two counts).
        case percent
        /// A score on the producer's scale.
        case score
        /// Seconds.
        case seconds
        /// An amount of money.
        case money
    }

    /// How the figure is computed.
    public enum Definition: Hashable, Sendable {
        /// The number of matching events.
        case count(EventSelector)
        /// Matching numerator events ÷ matching denominator events, as a percentage.
        case rate(numerator: EventSelector, denominator: EventSelector)
        /// The numbers in one field of the matching events (mean, percentiles, sum…).
        case values(EventSelector, field: String)
    }

    /// The name (snake_case, not a built-in metric's).
    public var name: String
    /// The unit.
    public var unit: Unit
    /// What it measures, for people.
    public var description: String?
    /// How it is computed.
    public var definition: Definition
    /// Where it is written.
    public var position: YAMLPosition

    /// Creates a custom metric.
    public init(name: String, unit: Unit, description: String?, definition: Definition, position: YAMLPosition = .file) {
        self.name = name
        self.unit = unit
        self.description = description
        self.definition = definition
        self.position = position
    }

    /// The kind of figure, which decides its statistics and the form of its targets.
    public var kind: MetricKind {
        switch definition {
        case .count: .count
        case .rate: .ratio
        case .values:
            switch unit {
            case .count: .count
            case .percent: .ratio
            case .score: .score
            case .seconds: .duration
            case .money: .money
            }
        }
    }

    /// The statistic a key metric uses when it names none.
    public var defaultStatistic: Statistic {
        switch definition {
        case .count: .count
        case .rate: .rate
        case .values: kind == .count ? .sum : .mean
        }
    }
}

/// Which events a custom metric counts: one or more types and a filter.
public struct EventSelector: Hashable, Sendable {
    /// Event types (built-in names or `x.` extension names), any of which matches.
    public var types: [String]
    /// Conditions on the event's dimensions.
    public var filter: MetricFilter

    /// Creates a selector.
    public init(types: [String], filter: MetricFilter = MetricFilter()) {
        self.types = types
        self.filter = filter
    }
}
