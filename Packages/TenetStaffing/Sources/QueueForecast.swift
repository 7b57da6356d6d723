#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The steady state of a stable Erlang C queue (N agents, offered load A < N, AHT seconds).
///
/// Every figure is finite and within its range: probabilities in [0, 1], the ASA ≥ 0 seconds.
public struct QueueForecast: Hashable, Sendable {
    /// C: the probability that a contact finds every agent busy and waits, in [0, 1].
    public let probabilityOfWaiting: Double
    /// The average speed of answer in seconds, over all contacts (those answered at once count
    /// 0): C·AHT / (N − A).
    public let averageSpeedOfAnswer: Double
    /// The share of their time the agents spend handling contacts: A / N, in [0, 1); 0 when there
    /// is no load.
    public let occupancy: Double
    /// (N − A) / AHT, per second: the rate at which a waiting contact's chance of still waiting
    /// decays (its wait is exponential with this rate). 0 when there is no load.
    let drainRate: Double

    /// A forecast from its parts (``ErlangC/outcome`` computes them).
    init(probabilityOfWaiting: Double, averageSpeedOfAnswer: Double, occupancy: Double, drainRate: Double) {
        self.probabilityOfWaiting = probabilityOfWaiting
        self.averageSpeedOfAnswer = averageSpeedOfAnswer
        self.occupancy = occupancy
        self.drainRate = drainRate
    }

    /// The forecast of a queue without load: nobody waits, the agents (if any) are idle, every
    /// service level is 1.
    static let idle = QueueForecast(probabilityOfWaiting: 0, averageSpeedOfAnswer: 0, occupancy: 0, drainRate: 0)

    /// The service level: the share of contacts answered within `threshold` seconds,
    /// 1 − C·e^(−(N−A)·T/AHT), in [0, 1]. With T = 0 it is 1 − C, the share answered at once.
    ///
    /// - Throws: ``StaffingError`` ``StaffingError/Code/invalidThreshold`` when `threshold` is
    ///   negative or not finite.
    public func serviceLevel(within threshold: Double) throws(StaffingError) -> Double {
        try StaffingTarget.validate(threshold: threshold)
        return serviceLevel(validThreshold: threshold)
    }

    /// ``serviceLevel(within:)`` for a threshold already checked.
    func serviceLevel(validThreshold threshold: Double) -> Double {
        1 - probabilityOfWaiting * exp(-drainRate * threshold)
    }
}
