import TenetModels
import TenetPhilosophy

/// The metrics engine: every conversation's events and measurements, kept current event by
/// event, and exact answers to queries over them.
///
/// ``apply(_:)`` takes stored events in any order: each one re-measures its conversation from all
/// of its events and replaces the conversation's measurements, so the state after a set of events
/// never depends on the order they came in (the property tests check it against a batch
/// recompute). Pure: no I/O, no clock; the plugin feeds it and publishes what it answers.
public struct MetricsEngine: Sendable {
    /// How conversations are measured.
    public let measurer: ConversationMeasurer
    /// Custom metrics of the philosophy.
    public let customMetrics: [CustomMetric]
    private var conversations: [String: ConversationRecord] = [:]
    private var tables: [String: MeasurementTable] = [:]
    private var ledger = CustomerLedger()
    /// What did not fit, over every conversation, as things stand now.
    public private(set) var anomalies: [MeasurementAnomaly: Int] = [:]
    /// How many events were applied.
    public private(set) var eventCount = 0
    /// How many of them came before an event of their conversation already applied (late or out
    /// of order), so that the conversation was measured again with them in their place.
    public private(set) var lateEventCount = 0

    /// Creates an empty engine.
    public init(measurer: ConversationMeasurer, customMetrics: [CustomMetric] = []) {
        self.measurer = measurer
        self.customMetrics = customMetrics
    }

    /// How many conversations (and loose events, such as a survey without a conversation) it holds.
    public var conversationCount: Int { conversations.count }

    /// Applies one stored event; an event applied again (same id in the same conversation) changes
    /// nothing and returns `false`.
    @discardableResult
    public mutating func apply(_ event: Event) -> Bool {
        switch event.payload {
        case .customerStarted, .customerChurned:
            guard let customer = event.customer else { break }
            let started = event.type == .customerStarted
            let change = CustomerLedger.Change(
                at: event.at.nanosecondsSinceEpoch, id: event.id, started: started, dimensions: Dimensions(of: event))
            guard ledger.record(customer: customer, change) else { return false }
            eventCount += 1
            applyCustomMetrics(event)
            return true
        default:
            break
        }
        let key = event.conversation ?? "\u{0}event:" + event.id
        let record = ConversationEvent(event)
        var conversation = conversations.removeValue(forKey: key) ?? ConversationRecord()
        guard let position = conversation.insert(record) else {
            conversations[key] = conversation
            return false
        }
        if position < conversation.events.count - 1 { lateEventCount += 1 }
        eventCount += 1
        applyCustomMetrics(event)
        let measured = measurer.measure(sorted: conversation.events)
        // Out with the old measurements, in with the new.
        for (metric, slot) in conversation.slots { tables[metric]?.remove(slot) }
        conversation.slots.removeAll(keepingCapacity: true)
        for measurement in measured.measurements {
            let slot = tables[measurement.metric, default: MeasurementTable()].insert(measurement, owner: event.conversation ?? event.id)
            conversation.slots.append((measurement.metric, slot))
        }
        for (anomaly, count) in conversation.anomalies { anomalies[anomaly, default: 0] -= count }
        for (anomaly, count) in measured.anomalies { anomalies[anomaly, default: 0] += count }
        anomalies = anomalies.filter { $0.value != 0 }
        conversation.anomalies = measured.anomalies
        conversations[key] = conversation
        return true
    }

    /// The measurements of one conversation, as things stand now.
    public func measurements(ofConversation id: String) -> ConversationMeasurements {
        guard let conversation = conversations[id] else { return ConversationMeasurements() }
        return measurer.measure(conversation.events)
    }

    /// Answers `query` exactly from the live measurements.
    public func answer(_ query: MetricQuery) -> [MetricGroup] {
        if query.metric == "retention_rate" || query.metric == "churn_rate" {
            return ledger.answer(query, churn: query.metric == "churn_rate")
        }
        guard let table = tables[query.metric] else { return [] }
        if query.metric == "backlog" { return backlog(table, query) }
        let from = query.from?.nanosecondsSinceEpoch ?? .min
        let to = query.to?.nanosecondsSinceEpoch ?? .max
        var groups: [GroupKey: [Double]] = [:]
        let values = query.hours == .business ? table.businessValues : table.values
        for slot in 0..<table.instants.count where table.alive[slot] {
            let instant = table.instants[slot]
            guard instant >= from, instant < to else { continue }
            let dimensions = table.dimensions[slot]
            guard query.filter.matches({ dimensions.value(of: $0) }) else { continue }
            let key = GroupKey(values: query.groupBy.map { dimensions.value(of: $0) }, currency: table.currencies[slot])
            groups[key, default: []].append(values[slot])
        }
        return groups.map { key, values in
            MetricGroup(
                key: key.values, currency: key.currency.isEmpty ? nil : key.currency,
                figure: ExactStatistics.figure(values, query.statistic))
        }
        .sorted { $0.key.lexicographicallyPrecedes($1.key) { ($0 ?? "") < ($1 ?? "") } }
    }

    /// The measurements behind a query's figure (drill-down): each with its conversation, in
    /// time order, at most `limit`; and how many there are in all.
    public func rows(_ query: MetricQuery, limit: Int) -> (rows: [MeasurementRow], total: Int) {
        guard let table = tables[query.metric] else { return ([], 0) }
        let from = query.from?.nanosecondsSinceEpoch ?? .min
        let to = query.to?.nanosecondsSinceEpoch ?? .max
        var matching: [Int] = []
        for slot in 0..<table.instants.count where table.alive[slot] {
            let instant = table.instants[slot]
            guard instant >= from, instant < to else { continue }
            let dimensions = table.dimensions[slot]
            guard query.filter.matches({ dimensions.value(of: $0) }) else { continue }
            matching.append(slot)
        }
        matching.sort { (table.instants[$0], table.owners[$0]) < (table.instants[$1], table.owners[$1]) }
        let rows = matching.prefix(max(0, limit)).map { slot in
            MeasurementRow(
                conversation: table.owners[slot], at: Timestamp(nanosecondsSinceEpoch: table.instants[slot]), value: table.values[slot],
                businessValue: table.businessValues[slot], currency: table.currencies[slot].isEmpty ? nil : table.currencies[slot],
                dimensions: table.dimensions[slot])
        }
        return (rows, matching.count)
    }

    /// Conversations open at the instant `query.to` (or still open now, without it): the open
    /// spans that began at or before it and had not ended by it.
    private func backlog(_ table: MeasurementTable, _ query: MetricQuery) -> [MetricGroup] {
        var counts: [GroupKey: Int] = [:]
        for slot in 0..<table.instants.count where table.alive[slot] {
            let end = table.ends[slot]
            if let at = query.to?.nanosecondsSinceEpoch {
                guard table.instants[slot] <= at, end > at else { continue }
            } else {
                guard end == .max else { continue }
            }
            let dimensions = table.dimensions[slot]
            guard query.filter.matches({ dimensions.value(of: $0) }) else { continue }
            counts[GroupKey(values: query.groupBy.map { dimensions.value(of: $0) }, currency: ""), default: 0] += 1
        }
        return counts.map { MetricGroup(key: $0.key.values, figure: Figure(value: Double($0.value), sampleSize: $0.value)) }
            .sorted { $0.key.lexicographicallyPrecedes($1.key) { ($0 ?? "") < ($1 ?? "") } }
    }

    // MARK: Custom metrics

    private mutating func applyCustomMetrics(_ event: Event) {
        for metric in customMetrics {
            switch metric.definition {
            case .count(let selector):
                if Self.matches(selector, event) { addLoose(metric.name, event, .occurrence) }
            case .rate(let numerator, let denominator):
                if Self.matches(denominator, event) { addLoose(metric.name + "\u{0}denominator", event, .occurrence) }
                if Self.matches(numerator, event) { addLoose(metric.name + "\u{0}numerator", event, .occurrence) }
            case .values(let selector, let field):
                if Self.matches(selector, event), let number = Self.number(field, in: event) {
                    addLoose(metric.name, event, .score(number))
                }
            }
        }
    }

    private mutating func addLoose(_ metric: String, _ event: Event, _ value: Measurement.Value) {
        _ = tables[metric, default: MeasurementTable()].insert(
            Measurement(metric: metric, at: event.at, value: value, dimensions: Dimensions(of: event)), owner: event.conversation ?? event.id)
    }

    /// A custom rate: numerator events ÷ denominator events in the span, as a percentage.
    public func answerRate(_ metric: String, _ query: MetricQuery) -> [MetricGroup] {
        var count = query
        count.statistic = .count
        count.metric = metric + "\u{0}numerator"
        let numerators = Dictionary(answer(count).map { ($0.key, $0.figure.sampleSize) }) { a, _ in a }
        count.metric = metric + "\u{0}denominator"
        return answer(count).map { group in
            let hits = numerators[group.key] ?? 0
            let total = group.figure.sampleSize
            return MetricGroup(
                key: group.key,
                figure: Figure(value: total == 0 ? nil : 100 * Double(hits) / Double(total), sampleSize: total, numerator: hits, denominator: total))
        }
    }

    static func matches(_ selector: EventSelector, _ event: Event) -> Bool {
        guard selector.types.contains(event.type.rawValue) else { return false }
        let dimensions = Dimensions(of: event)
        return selector.filter.matches { dimensions.value(of: $0) }
    }

    /// The number in `field` (`score`, `attributes.referrals`) of `event`, when it holds one.
    static func number(_ field: String, in event: Event) -> Double? {
        let value: JSONValue?
        if field.hasPrefix("attributes.") {
            value = event.object["attributes"]?.objectValue?[String(field.dropFirst("attributes.".count))]
        } else {
            value = event.object[field]
        }
        return value?.numberValue
    }
}

/// One measurement behind a figure.
public struct MeasurementRow: Hashable, Sendable {
    /// The conversation it came from (or the event's id, for an event without a conversation).
    public var conversation: String
    /// The instant it belongs to.
    public var at: Timestamp
    /// Seconds (durations, calendar time), 1 or 0 (outcomes), the score or the amount.
    public var value: Double
    /// Business seconds for durations; the value otherwise.
    public var businessValue: Double
    /// For money, the currency.
    public var currency: String?
    /// The dimensions in force.
    public var dimensions: Dimensions
}

/// A group's identity: the grouping values and, for money, the currency.
struct GroupKey: Hashable {
    var values: [String?]
    var currency: String
}

/// One conversation's events, in measuring order, and where its measurements sit.
struct ConversationRecord: Sendable {
    var events: [ConversationEvent] = []
    var slots: [(String, Int)] = []
    var anomalies: [MeasurementAnomaly: Int] = [:]

    /// Inserts `event` at its place in the order and returns the place; `nil` (and nothing
    /// changes) when an event with its id is already there.
    mutating func insert(_ event: ConversationEvent) -> Int? {
        var low = 0
        var high = events.count
        while low < high {
            let middle = (low + high) / 2
            if events[middle].precedes(event) { low = middle + 1 } else { high = middle }
        }
        if low < events.count, events[low].id == event.id { return nil }
        events.insert(event, at: low)
        return low
    }
}
