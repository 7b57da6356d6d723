
/// The numbers of the events that carry one (a survey's score, a review's weighted score, an
/// order's amount and currency), by index: events are never removed, so neither are they.
struct EventNumbers: Sendable {
    /// The score or the amount.
    private(set) var values: [Double] = []
    /// The currency's string id (0 for a score).
    private(set) var currencies: [Int32] = []

    /// Adds a number; returns its index.
    mutating func add(_ value: Double, currency: Int32) -> UInt32 {
        precondition(values.count < EventCode.numberCapacity, "the metrics engine holds at most 2^27 surveys, reviews and orders")
        values.append(value)
        currencies.append(currency)
        return UInt32(values.count - 1)
    }
}
