import TenetModels

/// The live measurements of one metric, in columns: a query scans them without touching the
/// conversations they came from. Slots freed by a re-measured conversation are reused.
struct MeasurementTable: Sendable {
    /// The instant each measurement belongs to, in nanoseconds since the epoch.
    private(set) var instants: [Int64] = []
    /// The value: seconds (calendar) for durations, 1 or 0 for outcomes, the score, the amount,
    /// 1 for an occurrence or an open span.
    private(set) var values: [Double] = []
    /// For an open span, its end in nanoseconds (`Int64.max` while open); else 0.
    private(set) var ends: [Int64] = []
    /// Business seconds for durations; equal to ``values`` otherwise.
    private(set) var businessValues: [Double] = []
    /// The currency of a money measurement, else empty.
    private(set) var currencies: [String] = []
    /// The dimensions in force.
    private(set) var dimensions: [Dimensions] = []
    /// The conversation (or loose event) each measurement came from.
    private(set) var owners: [String] = []
    /// Whether the slot holds a live measurement.
    private(set) var alive: [Bool] = []
    private var free: [Int] = []
    /// How many live measurements the table holds.
    private(set) var count = 0

    /// Adds a measurement; returns its slot.
    mutating func insert(_ measurement: Measurement, owner: String) -> Int {
        let (value, business, currency) = Self.columns(measurement.value)
        var end: Int64 = 0
        if case .openSpan(let to) = measurement.value { end = to?.nanosecondsSinceEpoch ?? .max }
        let slot: Int
        if let reused = free.popLast() {
            slot = reused
            instants[slot] = measurement.at.nanosecondsSinceEpoch
            values[slot] = value
            ends[slot] = end
            businessValues[slot] = business
            currencies[slot] = currency
            dimensions[slot] = measurement.dimensions
            owners[slot] = owner
            alive[slot] = true
        } else {
            slot = instants.count
            instants.append(measurement.at.nanosecondsSinceEpoch)
            values.append(value)
            ends.append(end)
            businessValues.append(business)
            currencies.append(currency)
            dimensions.append(measurement.dimensions)
            owners.append(owner)
            alive.append(true)
        }
        count += 1
        return slot
    }

    /// Removes the measurement in `slot`.
    mutating func remove(_ slot: Int) {
        guard alive[slot] else { return }
        alive[slot] = false
        dimensions[slot] = Dimensions()
        owners[slot] = ""
        free.append(slot)
        count -= 1
    }

    static func columns(_ value: Measurement.Value) -> (Double, Double, String) {
        switch value {
        case .duration(let calendar, let business): (Double(calendar) / 1e9, Double(business) / 1e9, "")
        case .outcome(let hit): (hit ? 1 : 0, hit ? 1 : 0, "")
        case .score(let score): (score, score, "")
        case .occurrence: (1, 1, "")
        case .money(let amount, let currency): (amount, amount, currency)
        case .openSpan: (1, 1, "")
        }
    }
}
