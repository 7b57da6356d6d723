import TenetModels
import TenetPhilosophy

/// Who is a customer when: the `customer.started` and `customer.churned` events of each
/// customer, for retention and churn over a span.
///
/// A customer is active at an instant when their last lifecycle event at or before it is a start.
/// For a span [S, E): retention = (active at E − started in the span) ÷ active at S, and churn =
/// churn events in the span ÷ active at S, both as percentages (docs/METRICS.md).
struct CustomerLedger: Sendable {
    /// One lifecycle event.
    struct Change: Sendable {
        var at: Int64
        var id: String
        var started: Bool
        var dimensions: Dimensions
    }

    private var customers: [String: [Change]] = [:]

    /// Records a start or a churn; `false` when an event with this id was already recorded.
    mutating func record(customer: String, _ change: Change) -> Bool {
        var changes = customers[customer] ?? []
        if changes.contains(where: { $0.id == change.id }) { return false }
        let place = changes.firstIndex { ($0.at, $0.id) > (change.at, change.id) } ?? changes.count
        changes.insert(change, at: place)
        customers[customer] = changes
        return true
    }

    /// Retention or churn over `[query.from, query.to)`, grouped by the dimensions of each
    /// customer's last lifecycle event before the span's end.
    func answer(_ query: MetricQuery, churn: Bool) -> [MetricGroup] {
        let start = query.from?.nanosecondsSinceEpoch ?? .min
        let end = query.to?.nanosecondsSinceEpoch ?? .max
        var atStart: [[String?]: Int] = [:]
        var atEnd: [[String?]: Int] = [:]
        var new: [[String?]: Int] = [:]
        var churned: [[String?]: Int] = [:]
        for changes in customers.values {
            guard let last = changes.last(where: { $0.at < end }) ?? changes.first else { continue }
            guard query.filter.matches({ last.dimensions.value(of: $0) }) else { continue }
            let key = query.groupBy.map { last.dimensions.value(of: $0) }
            let activeAtStart = changes.last { $0.at < start }?.started ?? false
            let activeAtEnd = changes.last { $0.at < end }?.started ?? false
            if activeAtStart { atStart[key, default: 0] += 1 }
            if activeAtEnd { atEnd[key, default: 0] += 1 }
            let inSpan = changes.filter { $0.at >= start && $0.at < end }
            // A customer new in the span and still active at its end.
            if !activeAtStart, activeAtEnd, inSpan.contains(where: \.started) { new[key, default: 0] += 1 }
            churned[key, default: 0] += inSpan.filter { !$0.started }.count
        }
        let keys = Set(atStart.keys).union(atEnd.keys).union(churned.keys)
        return keys.map { key in
            let base = atStart[key] ?? 0
            let numerator = churn ? churned[key] ?? 0 : (atEnd[key] ?? 0) - (new[key] ?? 0)
            return MetricGroup(
                key: key,
                figure: Figure(
                    value: base == 0 ? nil : 100 * Double(numerator) / Double(base), sampleSize: base, numerator: numerator,
                    denominator: base))
        }
        .sorted { $0.key.lexicographicallyPrecedes($1.key) { ($0 ?? "") < ($1 ?? "") } }
    }

    /// The customers behind retention or churn over `[query.from, query.to)`, filtered like
    /// ``answer(_:churn:)``, in time order: a ``MeasurementRow/Part/denominator`` row for each
    /// customer active at the span's start (at their last lifecycle event before it), and a
    /// ``MeasurementRow/Part/numerator`` row for each customer still active at its end (retention,
    /// at their last lifecycle event before the end) or for each churn event in the span (churn,
    /// at the churn). The customer's id stands in the row's `conversation`; every value is 1, so
    /// the numerator rows ÷ the denominator rows × 100 is the figure.
    func rows(_ query: MetricQuery, churn: Bool) -> [MeasurementRow] {
        let start = query.from?.nanosecondsSinceEpoch ?? .min
        let end = query.to?.nanosecondsSinceEpoch ?? .max
        var rows: [MeasurementRow] = []
        func row(_ customer: String, _ change: Change, _ part: MeasurementRow.Part, _ dimensions: Dimensions) -> MeasurementRow {
            MeasurementRow(
                conversation: customer, at: Timestamp(nanosecondsSinceEpoch: change.at), value: 1, businessValue: 1, currency: nil,
                dimensions: dimensions, part: part)
        }
        for (customer, changes) in customers {
            guard let last = changes.last(where: { $0.at < end }) ?? changes.first else { continue }
            guard query.filter.matches({ last.dimensions.value(of: $0) }) else { continue }
            let before = changes.last { $0.at < start }
            let activeAtStart = before?.started ?? false
            if let before, activeAtStart { rows.append(row(customer, before, .denominator, last.dimensions)) }
            if churn {
                for change in changes where change.at >= start && change.at < end && !change.started {
                    rows.append(row(customer, change, .numerator, last.dimensions))
                }
            } else if activeAtStart, last.started, last.at < end {
                rows.append(row(customer, last, .numerator, last.dimensions))
            }
        }
        return rows.sorted {
            ($0.at, $0.conversation, $0.part == .numerator ? 0 : 1) < ($1.at, $1.conversation, $1.part == .numerator ? 0 : 1)
        }
    }

    // MARK: Checkpoint

    /// Writes every customer's lifecycle events.
    func write(to writer: inout CheckpointWriter) throws(CheckpointError) {
        try writer.tag("CUST")
        try writer.write(Int64(customers.count))
        for (customer, changes) in customers {
            try writer.write(customer)
            try writer.write(Int64(changes.count))
            for change in changes {
                try writer.write(change.at)
                try writer.write(change.id)
                try writer.write(change.started)
                for field in Dimensions.fields { try writer.write(change.dimensions[field]) }
                try writer.write(Int64(change.dimensions.attributes.count))
                for (key, value) in change.dimensions.attributes {
                    try writer.write(key)
                    try writer.write(value)
                }
            }
        }
    }

    /// A ledger read back.
    init(from reader: inout CheckpointReader) throws(CheckpointError) {
        try reader.expect("CUST")
        let customerCount = try reader.readCount(minimumBytes: 12)
        customers.reserveCapacity(customerCount)
        for _ in 0..<customerCount {
            let customer = try reader.readString()
            let changeCount = try reader.readCount(minimumBytes: 25)
            var changes: [Change] = []
            changes.reserveCapacity(changeCount)
            for _ in 0..<changeCount {
                let at = try reader.read(Int64.self)
                let id = try reader.readString()
                let started = try reader.read(Bool.self)
                var dimensions = Dimensions()
                for field in Dimensions.fields { dimensions[field] = try reader.readOptionalString() }
                for _ in 0..<(try reader.readCount(minimumBytes: 8)) {
                    let key = try reader.readString()
                    dimensions.attributes[key] = try reader.readString()
                }
                changes.append(Change(at: at, id: id, started: started, dimensions: dimensions))
            }
            customers[customer] = changes
        }
    }

    /// No customer yet.
    init() {}
}
