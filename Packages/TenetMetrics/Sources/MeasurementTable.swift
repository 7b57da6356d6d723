import TenetModels

/// The live measurements of one metric, in columns: a query scans them without touching the
/// conversations they came from. Slots freed by a re-measured conversation are reused.
///
/// A row costs 13 to 29 bytes: its instant, its value (one byte while every value of the table
/// is 0 or 1, as for rates and counts) and the set id of its dimensions (``DimensionCatalog``).
/// The columns most tables never need are kept only once a row needs them: business time when it
/// differs from calendar time, an open span's end, a currency, and the owner of a measurement no
/// conversation's slots point to (a custom metric's). The owner of a conversation's measurement
/// is found from the conversations' slots, when a drill-down asks.
struct MeasurementTable: Sendable {
    /// The instant each measurement belongs to, in nanoseconds since the epoch.
    private(set) var instants: [Int64] = []
    /// The value: seconds (calendar) for durations, 1 or 0 for outcomes, the score, the amount,
    /// 1 for an occurrence or an open span.
    private(set) var values = ValueColumn()
    /// Business seconds for durations; empty while every one equals its value.
    private var businessValues: [Double] = []
    /// For an open span, its end in nanoseconds (`Int64.max` while open); empty while every end is 0.
    private var ends: [Int64] = []
    /// The currency's string id of a money measurement; empty while there is none.
    private var currencies: [Int32] = []
    /// The dimensions in force, as a set id; ``freeSlot`` for a slot without a live measurement.
    private(set) var dimensions: [Int32] = []
    /// The number of the conversation (or loose event) each measurement not in a conversation's
    /// slots came from (``inSlots`` for the others); empty while there is none.
    private var owners: [Int32] = []
    private var free: [Int32] = []
    /// How many live measurements the table holds.
    private(set) var count = 0

    /// The dimensions of a free slot.
    static let freeSlot = Int32.min
    /// The owner of a measurement a conversation's slots point to.
    static let inSlots = Int32.min

    /// How many slots there are, live or free.
    var slotCount: Int { instants.count }

    /// Business seconds in `slot`.
    func businessValue(_ slot: Int) -> Double {
        businessValues.isEmpty ? values[slot] : businessValues[slot]
    }

    /// The end of the open span in `slot` (0 when it is not one).
    func end(_ slot: Int) -> Int64 {
        ends.isEmpty ? 0 : ends[slot]
    }

    /// The currency's string id in `slot` (0: none).
    func currency(_ slot: Int) -> Int32 {
        currencies.isEmpty ? 0 : currencies[slot]
    }

    /// Whether any measurement has a currency.
    var hasCurrencies: Bool { !currencies.isEmpty }

    /// The owner of the measurement in `slot` when the table keeps it; ``inSlots`` when a
    /// conversation's slots point to it.
    func owner(_ slot: Int) -> Int32 {
        owners.isEmpty ? Self.inSlots : owners[slot]
    }

    /// Adds a conversation's measurement (its slots point to it); returns its slot.
    mutating func insert(_ row: MeasuredRow) -> Int32 {
        insert(at: row.at, row.value, currency: row.currency, dimensions: row.dimensions, owner: Self.inSlots)
    }

    /// Adds a measurement of `value` at the instant `at`, of `owner` (``inSlots`` when a
    /// conversation's slots point to it); returns its slot.
    mutating func insert(at: Int64, _ value: Measurement.Value, currency: Int32, dimensions set: Int32, owner: Int32) -> Int32 {
        count += 1
        if let reused = free.popLast() {
            write(at: at, value, currency: currency, dimensions: set, owner: owner, slot: Int(reused))
            return reused
        }
        let slot = instants.count
        instants.append(0)
        values.append(0)
        if !businessValues.isEmpty { businessValues.append(0) }
        if !ends.isEmpty { ends.append(0) }
        if !currencies.isEmpty { currencies.append(0) }
        dimensions.append(0)
        if !owners.isEmpty { owners.append(Self.inSlots) }
        write(at: at, value, currency: currency, dimensions: set, owner: owner, slot: slot)
        return Int32(slot)
    }

    /// Puts a conversation's `row` in the live `slot`, in place of the conversation's measurement
    /// there; `false` (and nothing written) when the slot already holds exactly that measurement.
    @discardableResult
    mutating func replace(_ slot: Int32, with row: MeasuredRow) -> Bool {
        guard !holds(row, in: Int(slot)) else { return false }
        write(at: row.at, row.value, currency: row.currency, dimensions: row.dimensions, owner: Self.inSlots, slot: Int(slot))
        return true
    }

    /// Whether the live `slot` holds a conversation's measurement equal to `row` in every column.
    private func holds(_ row: MeasuredRow, in slot: Int) -> Bool {
        guard dimensions[slot] == row.dimensions, instants[slot] == row.at, currency(slot) == row.currency, owner(slot) == Self.inSlots
        else { return false }
        let (value, business) = Self.columns(row.value)
        var end: Int64 = 0
        if case .openSpan(let to) = row.value { end = to?.nanosecondsSinceEpoch ?? .max }
        return values[slot].bitPattern == value.bitPattern && businessValue(slot).bitPattern == business.bitPattern && self.end(slot) == end
    }

    /// Removes the measurement in `slot`.
    mutating func remove(_ slot: Int32) {
        let index = Int(slot)
        guard dimensions[index] != Self.freeSlot else { return }
        dimensions[index] = Self.freeSlot
        free.append(slot)
        count -= 1
    }

    private mutating func write(at instant: Int64, _ measured: Measurement.Value, currency: Int32, dimensions set: Int32, owner: Int32, slot: Int) {
        let (value, business) = Self.columns(measured)
        instants[slot] = instant
        values[slot] = value
        if !businessValues.isEmpty {
            businessValues[slot] = business
        } else if business.bitPattern != value.bitPattern {
            businessValues = (0..<instants.count).map { values[$0] }
            businessValues[slot] = business
        }
        var end: Int64 = 0
        if case .openSpan(let to) = measured { end = to?.nanosecondsSinceEpoch ?? .max }
        if !ends.isEmpty {
            ends[slot] = end
        } else if end != 0 {
            ends = Array(repeating: 0, count: instants.count)
            ends[slot] = end
        }
        if !currencies.isEmpty {
            currencies[slot] = currency
        } else if currency != 0 {
            currencies = Array(repeating: 0, count: instants.count)
            currencies[slot] = currency
        }
        dimensions[slot] = set
        if !owners.isEmpty {
            owners[slot] = owner
        } else if owner != Self.inSlots {
            owners = Array(repeating: Self.inSlots, count: instants.count)
            owners[slot] = owner
        }
    }

    // MARK: Scans

    /// Runs every scan of `scans` over the live measurements whose instant is in `[from, to)`, in
    /// one pass: each measurement goes to the group its dimension set has in each scan.
    func scan(from: Int64, to: Int64, _ scans: inout [TableScan]) {
        guard !scans.isEmpty else { return }
        let calendar = scans.indices.filter { !scans[$0].business || businessValues.isEmpty }
        let business = scans.indices.filter { scans[$0].business && !businessValues.isEmpty }
        if !business.isEmpty {
            businessValues.withUnsafeBufferPointer { scan(from: from, to: to, $0, business, &scans) }
        }
        if !calendar.isEmpty {
            values.withColumn(
                bits: { scan(from: from, to: to, $0, calendar, &scans) }, numbers: { scan(from: from, to: to, $0, calendar, &scans) })
        }
    }

    /// One pass reading values from `values`, for the scans numbered `lanes`.
    private func scan<Value: ScannedValue>(
        from: Int64, to: Int64, _ values: UnsafeBufferPointer<Value>, _ lanes: [Int], _ scans: inout [TableScan]
    ) {
        dimensions.withUnsafeBufferPointer { sets in
            instants.withUnsafeBufferPointer { instants in
                if lanes.count == 1 {
                    // The scan is moved out of the array while it runs (no copy on write).
                    var current = TableScan(need: .count, groupOfSet: [], groupCount: 0, business: false)
                    swap(&current, &scans[lanes[0]])
                    defer { swap(&current, &scans[lanes[0]]) }
                    let groupOfSet = current.groupOfSet
                    groupOfSet.withUnsafeBufferPointer { groups in
                        for slot in 0..<sets.count {
                            let set = sets[slot]
                            guard set >= 0 else { continue }  // a free slot
                            let group = groups[Int(set)]
                            guard group >= 0 else { continue }
                            let instant = instants[slot]
                            guard instant >= from, instant < to else { continue }
                            current.take(values[slot].double, group: Int(group))
                        }
                    }
                    return
                }
                // Several scans: a set no scan wants is skipped at once.
                var wanted = [Bool](repeating: false, count: scans[lanes[0]].groupOfSet.count)
                for lane in lanes {
                    for (set, group) in scans[lane].groupOfSet.enumerated() where group >= 0 { wanted[set] = true }
                }
                let maps = lanes.map { scans[$0].groupOfSet }
                wanted.withUnsafeBufferPointer { wanted in
                    for slot in 0..<sets.count {
                        let set = sets[slot]
                        guard set >= 0, wanted[Int(set)] else { continue }
                        let instant = instants[slot]
                        guard instant >= from, instant < to else { continue }
                        let value = values[slot].double
                        for (index, lane) in lanes.enumerated() {
                            let group = maps[index][Int(set)]
                            if group >= 0 { scans[lane].take(value, group: Int(group)) }
                        }
                    }
                }
            }
        }
    }

    /// The value and the business value of a measurement.
    static func columns(_ value: Measurement.Value) -> (Double, Double) {
        switch value {
        case .duration(let calendar, let business): (Double(calendar) / 1e9, Double(business) / 1e9)
        case .outcome(let hit): (hit ? 1 : 0, hit ? 1 : 0)
        case .score(let score): (score, score)
        case .occurrence: (1, 1)
        case .money(let amount, _): (amount, amount)
        case .openSpan: (1, 1)
        }
    }

    // MARK: Checkpoint

    /// Writes the table's columns.
    func write(to writer: inout CheckpointWriter) throws(CheckpointError) {
        try writer.tag("TABL")
        try writer.write(array: instants)
        try values.write(to: &writer)
        try writer.write(array: businessValues)
        try writer.write(array: ends)
        try writer.write(array: currencies)
        try writer.write(array: dimensions)
        try writer.write(array: owners)
        try writer.write(array: free)
        try writer.write(Int64(count))
    }

    /// A table read back: columns of the same length, free slots that exist and are marked
    /// free, dimension sets below `setCount`, currencies below `stringCount`.
    init(from reader: inout CheckpointReader, setCount: Int, stringCount: Int) throws(CheckpointError) {
        try reader.expect("TABL")
        instants = try reader.readArray(Int64.self)
        values = try ValueColumn(from: &reader)
        businessValues = try reader.readArray(Double.self)
        ends = try reader.readArray(Int64.self)
        currencies = try reader.readArray(Int32.self)
        dimensions = try reader.readArray(Int32.self)
        owners = try reader.readArray(Int32.self)
        free = try reader.readArray(Int32.self)
        count = Int(try reader.read(Int64.self))
        let slots = instants.count
        let lengthsFit =
            values.count == slots && dimensions.count == slots && [businessValues.count, ends.count, currencies.count, owners.count].allSatisfy { $0 == 0 || $0 == slots }
        guard lengthsFit, count >= 0, count + free.count == slots else {
            throw CheckpointError(.malformed, "a measurement table's columns do not have the same length")
        }
        guard free.allSatisfy({ $0 >= 0 && Int($0) < slots && dimensions[Int($0)] == Self.freeSlot }),
            dimensions.allSatisfy({ $0 == Self.freeSlot || ($0 >= 0 && Int($0) < setCount) }),
            currencies.allSatisfy({ $0 >= 0 && Int($0) < stringCount })
        else {
            throw CheckpointError(.malformed, "a measurement table refers to a slot, a dimension set or a currency that does not exist")
        }
    }

    /// An empty table.
    init() {}
}

/// A column of numbers that costs one byte a row while every number in it is 0 or 1 (outcomes,
/// occurrences), and eight from the first other number on.
struct ValueColumn: Sendable {
    private var bits: [UInt8] = []
    private var numbers: [Double] = []
    private var wide = false

    /// The number in `slot`.
    subscript(slot: Int) -> Double {
        get { wide ? numbers[slot] : Double(bits[slot]) }
        set {
            if wide {
                numbers[slot] = newValue
            } else if let bit = Self.bit(newValue) {
                bits[slot] = bit
            } else {
                numbers = bits.map { Double($0) }
                bits = []
                wide = true
                numbers[slot] = newValue
            }
        }
    }

    /// Adds a number at the end.
    mutating func append(_ value: Double) {
        if wide {
            numbers.append(value)
        } else {
            bits.append(0)
            self[bits.count - 1] = value
        }
    }

    /// Calls `bits` with the column while it holds one byte a row, `numbers` once it holds doubles.
    func withColumn(bits: (UnsafeBufferPointer<UInt8>) -> Void, numbers: (UnsafeBufferPointer<Double>) -> Void) {
        if wide {
            self.numbers.withUnsafeBufferPointer(numbers)
        } else {
            self.bits.withUnsafeBufferPointer(bits)
        }
    }

    /// 0 or 1 when `value` is exactly +0.0 or 1.0 (so that reading it back gives the same bits).
    private static func bit(_ value: Double) -> UInt8? {
        if value.bitPattern == (0.0 as Double).bitPattern { return 0 }
        if value.bitPattern == (1.0 as Double).bitPattern { return 1 }
        return nil
    }

    /// How many numbers the column holds.
    var count: Int { wide ? numbers.count : bits.count }

    /// Writes the column.
    func write(to writer: inout CheckpointWriter) throws(CheckpointError) {
        try writer.write(wide)
        if wide { try writer.write(array: numbers) } else { try writer.write(array: bits) }
    }

    /// A column read back; a narrow column holds only 0 and 1.
    init(from reader: inout CheckpointReader) throws(CheckpointError) {
        wide = try reader.read(Bool.self)
        if wide {
            numbers = try reader.readArray(Double.self)
        } else {
            bits = try reader.readArray(UInt8.self)
            guard bits.allSatisfy({ $0 <= 1 }) else { throw CheckpointError(.malformed, "a narrow value column holds a number other than 0 and 1") }
        }
    }

    /// An empty column.
    init() {}
}

/// A number as a column stores it, read as a double.
protocol ScannedValue {
    /// The number.
    var double: Double { get }
}

extension UInt8: ScannedValue {
    var double: Double { Double(self) }
}

extension Double: ScannedValue {
    var double: Double { self }
}
