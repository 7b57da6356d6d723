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

    /// The `p`th percentile (0…100) of `values` (not empty, in any order), exactly as
    /// ``percentile(_:_:)`` gives it for the same values sorted, found by selection in linear
    /// time: the order statistic at the lower rank is selected in place (which reorders
    /// `values`), and the one above it is the smallest of the values after it.
    public static func percentile(selecting values: inout [Double], _ p: Int) -> Double {
        precondition(!values.isEmpty && (0...100).contains(p))
        let scaled = (values.count - 1) * p
        let lower = scaled / 100
        let fraction = Double(scaled % 100) / 100
        return values.withUnsafeMutableBufferPointer { buffer in
            let low = OrderStatistics.select(lower, in: buffer)
            var high = low
            if lower + 1 < buffer.count {
                high = buffer[lower + 1]
                for index in (lower + 2)..<buffer.count where buffer[index] < high { high = buffer[index] }
            }
            return low + (high - low) * fraction
        }
    }

    /// `statistic` over `values` (durations in seconds, scores, amounts, counts of 1).
    public static func figure(_ values: [Double], _ statistic: Statistic) -> Figure {
        var values = values
        return figure(selecting: &values, statistic)
    }

    /// `statistic` over `values`, as ``figure(_:_:)`` gives it, reordering `values` where that
    /// saves a copy (percentiles are found by selection in place).
    static func figure(selecting values: inout [Double], _ statistic: Statistic) -> Figure {
        let count = values.count
        guard count > 0 else { return Figure(value: nil, sampleSize: 0) }
        switch statistic {
        case .mean, .net: return Figure(value: sum(&values) / Double(count), sampleSize: count)
        case .sum: return Figure(value: sum(&values), sampleSize: count)
        case .count: return Figure(value: Double(count), sampleSize: count)
        case .minimum: return Figure(value: values.min(), sampleSize: count)
        case .maximum: return Figure(value: values.max(), sampleSize: count)
        case .last: return Figure(value: values.last, sampleSize: count)
        case .median: return Figure(value: percentile(selecting: &values, 50), sampleSize: count)
        case .percentile(let rank): return Figure(value: percentile(selecting: &values, rank), sampleSize: count)
        case .within(let threshold):
            let limit = Double(nanoseconds(threshold)) / 1e9
            let inside = values.reduce(0) { $0 + ($1 <= limit ? 1 : 0) }
            return within(inside, count)
        case .rate:
            // Values are 1 (counts in the numerator) or 0.
            let hits = values.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
            return rate(hits, count)
        }
    }

    /// The share of `count` measurements that `inside` of them are within a threshold.
    static func within(_ inside: Int, _ count: Int) -> Figure {
        guard count > 0 else { return Figure(value: nil, sampleSize: 0) }
        return Figure(value: 100 * Double(inside) / Double(count), sampleSize: count, numerator: inside, denominator: count)
    }

    /// The rate of `hits` among `count` outcomes.
    static func rate(_ hits: Int, _ count: Int) -> Figure {
        guard count > 0 else { return Figure(value: nil, sampleSize: 0) }
        return Figure(value: 100 * Double(hits) / Double(count), sampleSize: count, numerator: hits, denominator: count)
    }

    /// A sum that does not depend on the order of `values` beyond rounding: values are added in
    /// ascending order, so the incremental and the batch computation of the same set agree.
    static func sum(_ values: [Double]) -> Double {
        var values = values
        return sum(&values)
    }

    /// The sum of `values` added in ascending order, as ``sum(_:)`` gives it, sorting `values` in
    /// place only when the order can matter: when every value is a whole number and the sum of
    /// their magnitudes stays below 2⁵³, every partial sum is exact in any order, so the values are
    /// added as they are.
    static func sum(_ values: inout [Double]) -> Double {
        var total = 0.0
        var magnitude = 0.0
        var whole = true
        for value in values {
            total += value
            magnitude += abs(value)
            whole = whole && value.rounded(.towardZero) == value
        }
        if whole, magnitude < 9_007_199_254_740_992 { return total }
        values.sort()
        return values.reduce(0, +)
    }
}
