
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

    /// How many numbers there are.
    var count: Int { values.count }

    /// Writes the numbers.
    func write(to writer: inout CheckpointWriter) throws(CheckpointError) {
        try writer.tag("NUMS")
        try writer.write(array: values)
        try writer.write(array: currencies)
    }

    /// Numbers read back; a currency must be one of the `stringCount` strings.
    init(from reader: inout CheckpointReader, stringCount: Int) throws(CheckpointError) {
        try reader.expect("NUMS")
        values = try reader.readArray(Double.self)
        currencies = try reader.readArray(Int32.self)
        guard values.count == currencies.count, currencies.allSatisfy({ $0 >= 0 && Int($0) < stringCount }) else {
            throw CheckpointError(.malformed, "the numbers of surveys, reviews and orders do not fit together")
        }
    }

    /// No numbers.
    init() {}
}
