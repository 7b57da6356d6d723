import TenetPhilosophy

/// One figure of a metric: the statistic's value over a set of measurements, with the sample
/// size beside it and, for rates, the numerator and the denominator.
public struct Figure: Hashable, Sendable {
    /// The value: seconds for durations, percent for rates and `within`, the scale's unit for
    /// scores, a count for counts; `nil` when there is no measurement.
    public var value: Double?
    /// How many measurements it is computed from.
    public var sampleSize: Int
    /// For rates and `within`: how many measurements count in the numerator.
    public var numerator: Int?
    /// For rates and `within`: how many count in the denominator (the sample size).
    public var denominator: Int?

    /// Creates a figure.
    public init(value: Double?, sampleSize: Int, numerator: Int? = nil, denominator: Int? = nil) {
        self.value = value
        self.sampleSize = sampleSize
        self.numerator = numerator
        self.denominator = denominator
    }
}

/// Statistics computed exactly from the values themselves (no sketch, no sampling).
public enum ExactStatistics {
    /// The `p`th percentile (0…100) of `sorted` (ascending, not empty), interpolated linearly
    /// between order statistics: the rank is (n − 1) · p / 100, as SQL's `PERCENTILE_CONT` and
    /// numpy's default `linear` method compute it. The rank is computed in whole numbers, so the
    /// fraction between the two order statistics is exactly (n − 1) · p mod 100, divided by 100.
    public static func percentile(_ sorted: [Double], _ p: Int) -> Double {
        precondition(!sorted.isEmpty && (0...100).contains(p))
        let scaled = (sorted.count - 1) * p
        let lower = scaled / 100
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = Double(scaled % 100) / 100
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// `statistic` over `values` (durations in seconds, scores, amounts, counts of 1).
    public static func figure(_ values: [Double], _ statistic: Statistic) -> Figure {
        let count = values.count
        guard count > 0 else { return Figure(value: nil, sampleSize: 0) }
        switch statistic {
        case .mean, .net: return Figure(value: sum(values) / Double(count), sampleSize: count)
        case .sum: return Figure(value: sum(values), sampleSize: count)
        case .count: return Figure(value: Double(count), sampleSize: count)
        case .minimum: return Figure(value: values.min(), sampleSize: count)
        case .maximum: return Figure(value: values.max(), sampleSize: count)
        case .last: return Figure(value: values.last, sampleSize: count)
        case .median: return Figure(value: percentile(values.sorted(), 50), sampleSize: count)
        case .percentile(let rank): return Figure(value: percentile(values.sorted(), rank), sampleSize: count)
        case .within(let threshold):
            let limit = Double(nanoseconds(threshold)) / 1e9
            let inside = values.reduce(0) { $0 + ($1 <= limit ? 1 : 0) }
            return Figure(value: 100 * Double(inside) / Double(count), sampleSize: count, numerator: inside, denominator: count)
        case .rate:
            // Values are 1 (counts in the numerator) or 0.
            let hits = values.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
            return Figure(value: 100 * Double(hits) / Double(count), sampleSize: count, numerator: hits, denominator: count)
        }
    }

    /// A sum that does not depend on the order of `values` beyond rounding: values are added in
    /// ascending order, so the incremental and the batch computation of the same set agree.
    static func sum(_ values: [Double]) -> Double {
        values.sorted().reduce(0, +)
    }
}
