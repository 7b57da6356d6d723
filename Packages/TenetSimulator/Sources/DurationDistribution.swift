import TenetModels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How long something takes, as a distribution of seconds: fixed, exponential, or log-normal
/// (service times in call centers are close to log-normal: Brown et al. 2005, "Statistical
/// Analysis of a Telephone Call Center", JASA 100:469), optionally capped at a maximum.
///
/// In a profile: a plain duration (`30s`) is fixed; `{ mean: 3m }` is exponential;
/// `{ median: 4m, log_sd: 0.75 }` or `{ log_mean: 5.48, log_sd: 0.75 }` (the mean and standard
/// deviation of the natural logarithm of the seconds) is log-normal; `max: 2d` caps any of them.
public struct DurationDistribution: Hashable, Sendable {
    /// The shape and its parameters, in seconds.
    public enum Shape: Hashable, Sendable {
        /// Always `seconds`.
        case fixed(seconds: Double)
        /// Exponential with mean `mean` seconds.
        case exponential(mean: Double)
        /// exp(N(`logMean`, `logSD`²)) seconds: the median is exp(`logMean`).
        case logNormal(logMean: Double, logSD: Double)
    }

    /// The shape.
    public var shape: Shape
    /// A cap on every value drawn, in seconds (`nil`: none).
    public var maximum: Double?

    /// Creates a distribution.
    public init(_ shape: Shape, maximum: Double? = nil) {
        self.shape = shape
        self.maximum = maximum
    }

    /// Always `seconds`.
    public static func fixed(_ seconds: Double) -> DurationDistribution { DurationDistribution(.fixed(seconds: seconds)) }

    /// Log-normal with median `median` seconds and log-standard deviation `logSD`.
    public static func logNormal(median: Double, logSD: Double, maximum: Double? = nil) -> DurationDistribution {
        DurationDistribution(.logNormal(logMean: log(median), logSD: logSD), maximum: maximum)
    }

    /// The mean in seconds, before the cap.
    public var mean: Double {
        switch shape {
        case .fixed(let seconds): seconds
        case .exponential(let mean): mean
        case .logNormal(let mu, let sigma): exp(mu + sigma * sigma / 2)
        }
    }

    /// The same distribution with every value multiplied by `factor` (a log-normal's log-mean
    /// moves by ln `factor`; its log-sd stays).
    public func stretched(by factor: Double) -> DurationDistribution {
        let shape: Shape = switch self.shape {
        case .fixed(let seconds): .fixed(seconds: seconds * factor)
        case .exponential(let mean): .exponential(mean: mean * factor)
        case .logNormal(let mu, let sigma): .logNormal(logMean: mu + log(factor), logSD: sigma)
        }
        return DurationDistribution(shape, maximum: maximum.map { $0 * factor })
    }

    /// One value in seconds.
    func sample(_ random: inout SeededRandom) -> Double {
        let value: Double = switch shape {
        case .fixed(let seconds): seconds
        case .exponential(let mean): mean * Distributions.standardExponential(&random)
        case .logNormal(let mu, let sigma): exp(mu + sigma * Distributions.standardNormal(&random))
        }
        if let maximum, value > maximum { return maximum }
        return value
    }

    /// One value in whole milliseconds (at least `floor`).
    func sampleMilliseconds(_ random: inout SeededRandom, floor: Int64 = 0) -> Int64 {
        let seconds = sample(&random)
        return max(floor, Int64((seconds * 1000).rounded()))
    }
}

/// Draws from the standard distributions with the simulator's generator.
enum Distributions {
    /// A uniform value in (0, 1]: never 0, so its logarithm is finite.
    @inline(__always)
    static func openUnit(_ random: inout SeededRandom) -> Double {
        Double((random.next() >> 11) + 1) / Double(1 << 53)
    }

    /// Exp(1).
    @inline(__always)
    static func standardExponential(_ random: inout SeededRandom) -> Double {
        -log(openUnit(&random))
    }

    /// N(0, 1) by Box–Muller (one of the pair; the other is not kept, so that a draw never
    /// depends on an earlier one).
    @inline(__always)
    static func standardNormal(_ random: inout SeededRandom) -> Double {
        let u1 = openUnit(&random)
        let u2 = random.unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Whether an event of probability `p` happens.
    @inline(__always)
    static func chance(_ p: Double, _ random: inout SeededRandom) -> Bool {
        p > 0 && random.unit() < p
    }

    /// A whole number in 0..<`count`.
    @inline(__always)
    static func index(below count: Int, _ random: inout SeededRandom) -> Int {
        Int(random.next() % UInt64(count))
    }

    /// N(`mean`, `sd`²) clamped to `range`.
    static func normal(mean: Double, sd: Double, in range: ClosedRange<Double>, _ random: inout SeededRandom) -> Double {
        min(range.upperBound, max(range.lowerBound, mean + sd * standardNormal(&random)))
    }

    /// A Poisson count with mean `mean` (by inversion for small means, a normal approximation
    /// rounded for large ones).
    static func poisson(mean: Double, _ random: inout SeededRandom) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 500 {
            return max(0, Int((mean + mean.squareRoot() * standardNormal(&random)).rounded()))
        }
        var count = 0
        var product = random.unit()
        let limit = exp(-mean)
        while product > limit {
            count += 1
            product *= random.unit()
        }
        return count
    }
}
