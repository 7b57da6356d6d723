/// The state of the arrival process: a Poisson process whose rate is constant within a
/// segment (an hour, cut where a scenario starts or ends and at every minute of an outage's
/// ramp). Within a segment the gaps are exponential; at a segment's end the process starts
/// afresh at the new rate (memorylessness makes that exact).
struct ArrivalGenerator: Sendable {
    /// The time reached, in ms (fractional).
    var clock = 0.0
    /// The end of the current segment (ms).
    var segmentEnd: Int64 = 0
    /// The usual rate of each channel in this segment, per ms.
    var rates = [Double](repeating: 0, count: 5)
    /// The outage's extra rate, per ms.
    var extra = 0.0
    /// rates + extra.
    var total = 0.0
    /// The local hour of the segment (for the tally).
    var localHour = 0
    /// Segments in a row without any arrival rate.
    var emptySegments = 0
    /// Whether it stopped (no rate for two years).
    var stopped = false
}

/// The arrival rates of one UTC hour, without scenarios.
struct HourRates: Sendable {
    /// Conversations per hour by channel.
    var rates: [Double]
    /// The local hour it starts in.
    var localHour: Int
}
