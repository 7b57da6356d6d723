import TenetModels

/// How a key metric's measurements in a period become one figure.
public enum Statistic: Hashable, Sendable, CustomStringConvertible {
    /// The arithmetic mean.
    case mean
    /// The 50th percentile.
    case median
    /// A percentile (90, 95, 99…), interpolated linearly between order statistics.
    case percentile(Int)
    /// The smallest measurement.
    case minimum
    /// The largest measurement.
    case maximum
    /// The number of measurements.
    case count
    /// The sum of the measurements.
    case sum
    /// The share of measurements within a threshold (`% within 1h`), as a percentage.
    case within(Duration)
    /// Numerator ÷ denominator, as a percentage: the statistic of a ratio metric.
    case rate
    /// % promoters − % detractors: the statistic of NPS.
    case net
    /// The value at the end of the period (a backlog).
    case last

    /// The names a file may write in `stat:` (`within` is written with its threshold:
    /// `within 1h`).
    public static let names = ["mean", "median", "p50", "p75", "p90", "p95", "p99", "min", "max", "count", "sum", "rate", "net", "last", "within"]

    /// The name as files and the bus write it (`p90`, `within_1h`).
    public var description: String {
        switch self {
        case .mean: "mean"
        case .median: "median"
        case .percentile(let rank): "p\(rank)"
        case .minimum: "min"
        case .maximum: "max"
        case .count: "count"
        case .sum: "sum"
        case .within(let threshold): "within_\(DurationText.format(threshold))"
        case .rate: "rate"
        case .net: "net"
        case .last: "last"
        }
    }

    /// Reads a statistic's name as ``description`` writes it (`p90`, `median`, `within_15m`), also
    /// `average`, `avg` and `p50`.
    public init?(name: String) {
        switch name {
        case "mean", "average", "avg": self = .mean
        case "median", "p50": self = .median
        case "min": self = .minimum
        case "max": self = .maximum
        case "count": self = .count
        case "sum": self = .sum
        case "rate": self = .rate
        case "net": self = .net
        case "last": self = .last
        default:
            if name.hasPrefix("within_"), let threshold = DurationText.parse(String(name.dropFirst(7))) {
                self = .within(threshold)
            } else if name.hasPrefix("p"), let rank = Int(name.dropFirst()), (1...99).contains(rank) {
                self = .percentile(rank)
            } else {
                return nil
            }
        }
    }

    /// Whether the statistic turns measurements into a percentage (`within`, `rate`).
    public var isPercentage: Bool {
        switch self {
        case .within, .rate: true
        default: false
        }
    }

    /// The statistics that make sense for a kind of metric.
    public static func allowed(for kind: MetricKind, _ statistic: Statistic) -> Bool {
        switch (kind, statistic) {
        case (.duration, .mean), (.duration, .median), (.duration, .percentile), (.duration, .minimum),
            (.duration, .maximum), (.duration, .within), (.duration, .count):
            true
        case (.score, .mean), (.score, .median), (.score, .percentile), (.score, .minimum), (.score, .maximum),
            (.score, .count), (.score, .sum):
            true
        case (.money, .mean), (.money, .median), (.money, .percentile), (.money, .sum), (.money, .count),
            (.money, .minimum), (.money, .maximum):
            true
        case (.ratio, .rate), (.netScore, .net), (.count, .sum), (.count, .last), (.count, .count), (.count, .mean),
            (.count, .maximum), (.count, .minimum):
            true
        default:
            false
        }
    }
}
