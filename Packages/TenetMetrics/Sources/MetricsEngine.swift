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
    /// Every dimension value and set of dimensions seen, interned.
    var catalog = DimensionCatalog()
    /// The numbers of surveys, reviews and orders.
    var numbers = EventNumbers()
    /// Each conversation's number (its index in ``conversations``), by its key: the
    /// conversation's id, or `"\0event:"` and the event's id for an event without one.
    var conversationNumbers: [String: Int32] = [:]
    var conversations: [ConversationRecord] = []
    /// Every conversation's events, each conversation's in a block, in measuring order.
    var events = BlockPool(filler: HeldEvent(at: 0, id: "", dimensions: 0, code: EventCode.none))
    /// Where every conversation's measurements sit, each conversation's in a block
    /// (``MeasurementSlot``), in the order of its measurements.
    var slots = BlockPool<MeasurementSlot>(filler: MeasurementSlot(raw: 0))
    /// Owners of custom measurements of customer events outside any conversation held: numbered
    /// −1, −2, … in the tables' owner columns.
    var looseOwners: [String] = []
    /// One table per metric: the measured metrics first (by ``MeasuredMetric`` number), then
    /// custom metrics as they come.
    var tables = [MeasurementTable](repeating: MeasurementTable(), count: MeasuredMetric.allCases.count)
    var tableNumbers = Dictionary(uniqueKeysWithValues: MeasuredMetric.allCases.map { ($0.name, Int($0.rawValue)) })
    var ledger = CustomerLedger()
    /// How many times each table's measurements changed (an insert, a removal, a measurement
    /// replaced by a different one), by table number: ``revision(ofMetric:)``. Not part of the
    /// engine's state proper (a restored engine may start them anew).
    var tableRevisions = [UInt64](repeating: 0, count: MeasuredMetric.allCases.count)
    /// How many starts and churns the ledger recorded.
    var ledgerRevision: UInt64 = 0
    /// The rows of the last conversation measured (kept to reuse its memory).
    private var scratch: [MeasuredRow] = []
    /// What did not fit, over every conversation, as things stand now.
    public internal(set) var anomalies: [MeasurementAnomaly: Int] = [:]
    /// How many times a block pool was compacted (for tests).
    var compactions = 0
    /// How many events were applied.
    public internal(set) var eventCount = 0
    /// How many of them came before an event of their conversation already applied (late or out
    /// of order), so that the conversation was measured again with them in their place.
    public internal(set) var lateEventCount = 0

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
            ledgerRevision += 1
            eventCount += 1
            applyCustomMetrics(event)
            return true
        default:
            break
        }
        let key = event.conversation ?? "\u{0}event:" + event.id
        let number: Int32
        if let known = conversationNumbers[key] {
            number = known
        } else {
            number = Int32(conversations.count)
            conversations.append(ConversationRecord(name: event.conversation ?? event.id))
            conversationNumbers[key] = number
        }
        let index = Int(number)
        let at = event.at.nanosecondsSinceEpoch
        guard let position = place(at: at, rank: EventCode.rank(of: event.payload), id: event.id, in: conversations[index].events) else {
            return false
        }
        let stored = HeldEvent(
            at: at, id: event.id, dimensions: catalog.intern(of: event), code: EventCode(event.payload, numbers: &numbers, catalog: &catalog))
        events.insert(stored, at: position, in: &conversations[index].events)
        if position < conversations[index].events.count - 1 { lateEventCount += 1 }
        eventCount += 1
        applyCustomMetrics(event)
        remeasure(number)
        if events.wantsCompaction {
            events.compact(&conversations, \.events)
            compactions += 1
        }
        if slots.wantsCompaction {
            slots.compact(&conversations, \.slots)
            compactions += 1
        }
        return true
    }

    /// Where an event with this instant, rank and id goes among the events of `block`; `nil`
    /// when an event with its id is already there.
    private func place(at: Int64, rank: UInt32, id: String, in block: BlockPool<HeldEvent>.Block) -> Int? {
        var low = 0
        var high = Int(block.count)
        while low < high {
            let middle = (low + high) / 2
            let other = events[block, middle]
            let before = other.at != at ? other.at < at : other.code.rank != rank ? other.code.rank < rank : other.id < id
            if before { low = middle + 1 } else { high = middle }
        }
        if low < Int(block.count), events[block, low].id == id { return nil }
        return low
    }

    /// Measures conversation `number` again and puts its new measurements in place of the old.
    private mutating func remeasure(_ number: Int32) {
        let index = Int(number)
        let outcome = events.withElements(of: conversations[index].events) { events in
            measurer.measure(sorted: events, numbers: numbers, catalog: &catalog, into: &scratch)
        }
        var block = conversations[index].slots
        let oldCount = Int(block.count)
        // A slot of the same metric at the same place is overwritten; the others are freed and taken anew.
        let common = min(oldCount, scratch.count)
        for place in 0..<common {
            let row = scratch[place]
            let old = slots[block, place]
            if old.metric == row.metric {
                if tables[Int(old.metric.rawValue)].replace(old.slot, with: row) { tableRevisions[Int(old.metric.rawValue)] += 1 }
            } else {
                tables[Int(old.metric.rawValue)].remove(old.slot)
                tableRevisions[Int(old.metric.rawValue)] += 1
                slots[block, place] = MeasurementSlot(row.metric, tables[Int(row.metric.rawValue)].insert(row))
                tableRevisions[Int(row.metric.rawValue)] += 1
            }
        }
        for place in common..<max(common, oldCount) {
            let old = slots[block, place]
            tables[Int(old.metric.rawValue)].remove(old.slot)
            tableRevisions[Int(old.metric.rawValue)] += 1
        }
        slots.resize(&block, to: scratch.count)
        for place in common..<max(common, scratch.count) {
            let row = scratch[place]
            slots[block, place] = MeasurementSlot(row.metric, tables[Int(row.metric.rawValue)].insert(row))
            tableRevisions[Int(row.metric.rawValue)] += 1
        }
        conversations[index].slots = block
        if !conversations[index].anomalies.isEmpty || !outcome.anomalies.isEmpty {
            for (anomaly, count) in conversations[index].anomalies { anomalies[anomaly, default: 0] -= count }
            for (anomaly, count) in outcome.anomalies { anomalies[anomaly, default: 0] += count }
            anomalies = anomalies.filter { $0.value != 0 }
            conversations[index].anomalies = outcome.anomalies
        }
    }

    /// The measurements of one conversation, as things stand now.
    public func measurements(ofConversation id: String) -> ConversationMeasurements {
        guard let number = conversationNumbers[id] else { return ConversationMeasurements() }
        var catalog = catalog
        var rows: [MeasuredRow] = []
        let outcome = events.withElements(of: conversations[Int(number)].events) { events in
            measurer.measure(sorted: events, numbers: numbers, catalog: &catalog, into: &rows)
        }
        return outcome.measurements(rows, catalog)
    }

    /// The name of measurement owner `owner`: its conversation, or the event's id.
    private func ownerName(_ owner: Int32) -> String {
        if owner >= 0 { return conversations[Int(owner)].name }
        return owner == MeasurementTable.inSlots ? "" : looseOwners[Int(-1 - owner)]
    }

    /// Answers `query` exactly from the live measurements.
    public func answer(_ query: MetricQuery) -> [MetricGroup] {
        answer([query])[0]
    }

    /// Answers each of `queries` exactly, as ``answer(_:)`` does one by one; queries of the same
    /// metric over the same span share one pass over its measurements (a scorecard asks several
    /// statistics and filters of one metric in the same period).
    public func answer(_ queries: [MetricQuery]) -> [[MetricGroup]] {
        var answers = [[MetricGroup]](repeating: [], count: queries.count)
        // Queries that scan a table, by table and span.
        struct Pass: Hashable {
            var table: Int
            var from: Int64
            var to: Int64
        }
        var passes: [Pass: [(query: Int, plan: QueryPlan)]] = [:]
        var order: [Pass] = []
        for (index, query) in queries.enumerated() {
            if query.metric == "retention_rate" || query.metric == "churn_rate" {
                answers[index] = ledger.answer(query, churn: query.metric == "churn_rate")
                continue
            }
            guard let number = tableNumbers[query.metric] else { continue }
            let table = tables[number]
            if query.metric == "backlog" {
                answers[index] = backlog(table, query)
                continue
            }
            let plan = QueryPlan(query, catalog)
            guard !plan.matchesNothing else { continue }
            if table.hasCurrencies {
                answers[index] = answerByCurrency(table, query, plan)
                continue
            }
            let pass = Pass(table: number, from: query.from?.nanosecondsSinceEpoch ?? .min, to: query.to?.nanosecondsSinceEpoch ?? .max)
            if passes[pass] == nil { order.append(pass) }
            passes[pass, default: []].append((index, plan))
        }
        for pass in order {
            let members = passes[pass] ?? []
            var plans = members.map(\.plan)
            var scans = members.indices.map { member in
                let query = queries[members[member].query]
                let groupOfSet = plans[member].groupsOfSets(catalog)
                return TableScan(
                    need: TableScan.need(of: query.statistic), groupOfSet: groupOfSet, groupCount: plans[member].groupCount,
                    business: query.hours == .business)
            }
            tables[pass.table].scan(from: pass.from, to: pass.to, &scans)
            for member in members.indices {
                let query = queries[members[member].query]
                var groups: [MetricGroup] = []
                for group in 0..<plans[member].groupCount where scans[member].counts[group] > 0 {
                    groups.append(MetricGroup(key: plans[member].key(group, catalog), figure: scans[member].figure(group, query.statistic)))
                }
                answers[members[member].query] = groups.sorted(by: Self.groupOrder)
            }
        }
        return answers
    }

    /// Answers `query` over a table of money, with a group per group of the plan and currency.
    private func answerByCurrency(_ table: MeasurementTable, _ query: MetricQuery, _ plan: QueryPlan) -> [MetricGroup] {
        var plan = plan
        let groupOfSet = plan.groupsOfSets(catalog)
        let from = query.from?.nanosecondsSinceEpoch ?? .min
        let to = query.to?.nanosecondsSinceEpoch ?? .max
        let business = query.hours == .business
        var groups: [[Double]] = []
        var groupKeys: [(group: Int, currency: Int32)] = []
        var groupOfCurrency: [Int64: Int] = [:]
        for slot in 0..<table.slotCount {
            let set = table.dimensions[slot]
            guard set != MeasurementTable.freeSlot else { continue }
            let group = Int(groupOfSet[Int(set)])
            guard group >= 0 else { continue }
            let instant = table.instants[slot]
            guard instant >= from, instant < to else { continue }
            let currency = table.currency(slot)
            let key = Int64(group) << 32 | Int64(UInt32(bitPattern: currency))
            let index: Int
            if let known = groupOfCurrency[key] {
                index = known
            } else {
                index = groups.count
                groupOfCurrency[key] = index
                groups.append([])
                groupKeys.append((group, currency))
            }
            groups[index].append(business ? table.businessValue(slot) : table.values[slot])
        }
        return zip(groupKeys, groups).map { key, values in
            var values = values
            return MetricGroup(
                key: plan.key(key.group, catalog), currency: catalog.string(key.currency),
                figure: ExactStatistics.figure(selecting: &values, query.statistic))
        }
        .sorted(by: Self.groupOrder)
    }

    /// A number that changes whenever a measurement of `metric` is added, removed or changed
    /// (for a custom rate, of its numerator or its denominator; for retention and churn, whenever
    /// a customer starts or churns): while it stays the same, every answer about the metric at the
    /// same instant stays the same, so a figure computed before need not be computed again. Only
    /// the passage of time moves a figure then (a rolling window, the backlog at `now`).
    public func revision(ofMetric metric: String) -> UInt64 {
        if metric == "retention_rate" || metric == "churn_rate" { return ledgerRevision }
        if let number = tableNumbers[metric] { return tableRevisions[number] }
        let numerator = tableNumbers[metric + "\u{0}numerator"].map { tableRevisions[$0] } ?? 0
        let denominator = tableNumbers[metric + "\u{0}denominator"].map { tableRevisions[$0] } ?? 0
        return numerator &+ denominator
    }

    /// The order of a query's groups: by their values (no value first), then by currency.
    private static func groupOrder(_ a: MetricGroup, _ b: MetricGroup) -> Bool {
        if a.key != b.key { return a.key.lexicographicallyPrecedes(b.key) { ($0 ?? "") < ($1 ?? "") } }
        return (a.currency ?? "") < (b.currency ?? "")
    }

    /// The measurements behind a query's figure (drill-down): each with its conversation, in
    /// time order, at most `limit`; and how many there are in all.
    ///
    /// A rate measured from events (a custom `rate`, `sla_attainment`) has two kinds of rows,
    /// each with the value 1: its ``MeasurementRow/Part/numerator`` and its
    /// ``MeasurementRow/Part/denominator`` occurrences, whose counts divide to the figure.
    /// Retention and churn have a row per customer (``CustomerLedger/rows(_:churn:)``).
    /// `parts` counts a rate's rows of each side (empty for other metrics).
    public func rows(_ query: MetricQuery, limit: Int) -> (rows: [MeasurementRow], total: Int, parts: [MeasurementRow.Part: Int]) {
        if query.metric == "retention_rate" || query.metric == "churn_rate" {
            let all = ledger.rows(query, churn: query.metric == "churn_rate")
            var parts: [MeasurementRow.Part: Int] = [.numerator: 0, .denominator: 0]
            for row in all { if let part = row.part { parts[part, default: 0] += 1 } }
            return (Array(all.prefix(max(0, limit))), all.count, parts)
        }
        var parts: [(table: Int, part: MeasurementRow.Part?)] = []
        if let number = tableNumbers[query.metric] {
            parts.append((number, nil))
        } else {
            if let number = tableNumbers[query.metric + "\u{0}numerator"] { parts.append((number, .numerator)) }
            if let number = tableNumbers[query.metric + "\u{0}denominator"] { parts.append((number, .denominator)) }
        }
        var plan = QueryPlan(query, catalog)
        let sides: [MeasurementRow.Part: Int] = parts.first?.part == nil ? [:] : [.numerator: 0, .denominator: 0]
        guard !parts.isEmpty, !plan.matchesNothing else { return ([], 0, sides) }
        let from = query.from?.nanosecondsSinceEpoch ?? .min
        let to = query.to?.nanosecondsSinceEpoch ?? .max
        struct Match {
            var part: Int
            var slot: Int
            var instant: Int64
            var owner: String
        }
        var matching: [Match] = []
        for (index, part) in parts.enumerated() {
            let table = tables[part.table]
            let owners = owners(of: part.table, table)
            for slot in 0..<table.slotCount {
                let set = table.dimensions[slot]
                guard set != MeasurementTable.freeSlot else { continue }
                let instant = table.instants[slot]
                guard instant >= from, instant < to else { continue }
                guard plan.group(of: set, catalog) >= 0 else { continue }
                matching.append(Match(part: index, slot: slot, instant: instant, owner: ownerName(owners[slot])))
            }
        }
        // Time, then owner, then the numerator before the denominator (the order is total, so
        // a limit cuts the same rows every time).
        matching.sort { ($0.instant, $0.owner, $0.part, $0.slot) < ($1.instant, $1.owner, $1.part, $1.slot) }
        let rows = matching.prefix(max(0, limit)).map { match in
            let table = tables[parts[match.part].table]
            let slot = match.slot
            return MeasurementRow(
                conversation: match.owner, at: Timestamp(nanosecondsSinceEpoch: match.instant),
                value: parts[match.part].part == nil ? table.values[slot] : 1,
                businessValue: parts[match.part].part == nil ? table.businessValue(slot) : 1,
                currency: catalog.string(table.currency(slot)), dimensions: catalog.dimensions(table.dimensions[slot]),
                part: parts[match.part].part)
        }
        var counts = sides
        for match in matching { if let part = parts[match.part].part { counts[part, default: 0] += 1 } }
        return (rows, matching.count, counts)
    }

    /// The owner of every slot of table `number`: kept by the table for a custom metric's
    /// measurements, found from the conversations' slots for the others.
    private func owners(of number: Int, _ table: MeasurementTable) -> [Int32] {
        var owners = (0..<table.slotCount).map { table.owner($0) }
        guard number < MeasuredMetric.allCases.count else { return owners }
        for (index, conversation) in conversations.enumerated() {
            slots.withElements(of: conversation.slots) { slots in
                for slot in slots where Int(slot.metric.rawValue) == number { owners[Int(slot.slot)] = Int32(index) }
            }
        }
        return owners
    }

    /// Conversations open at the instant `query.to` (or still open now, without it): the open
    /// spans that began at or before it and had not ended by it.
    private func backlog(_ table: MeasurementTable, _ query: MetricQuery) -> [MetricGroup] {
        var plan = QueryPlan(query, catalog)
        guard !plan.matchesNothing else { return [] }
        let groupOfSet = plan.groupsOfSets(catalog)
        var counts = [Int](repeating: 0, count: plan.groupCount)
        let at = query.to?.nanosecondsSinceEpoch
        for slot in 0..<table.slotCount {
            let set = table.dimensions[slot]
            guard set != MeasurementTable.freeSlot else { continue }
            let group = Int(groupOfSet[Int(set)])
            guard group >= 0 else { continue }
            let end = table.end(slot)
            if let at {
                guard table.instants[slot] <= at, end > at else { continue }
            } else {
                guard end == .max else { continue }
            }
            counts[group] += 1
        }
        return counts.indices.filter { counts[$0] > 0 }
            .map { MetricGroup(key: plan.key($0, catalog), figure: Figure(value: Double(counts[$0]), sampleSize: counts[$0])) }
            .sorted(by: Self.groupOrder)
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
        let number: Int
        if let known = tableNumbers[metric] {
            number = known
        } else {
            number = tables.count
            tables.append(MeasurementTable())
            tableNumbers[metric] = number
        }
        while tableRevisions.count < tables.count { tableRevisions.append(0) }
        tableRevisions[number] += 1
        let owner: Int32
        if let conversation = conversationNumbers[event.conversation ?? "\u{0}event:" + event.id] {
            owner = conversation
        } else {
            looseOwners.append(event.conversation ?? event.id)
            owner = Int32(-looseOwners.count)
        }
        _ = tables[number].insert(
            at: event.at.nanosecondsSinceEpoch, value, currency: 0, dimensions: catalog.intern(of: event), owner: owner)
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
    /// For a rate's rows (an event-defined rate, retention, churn), which side of the division
    /// the row counts on; `nil` for every other metric.
    public var part: Part? = nil

    /// The side of a rate's division a row counts on.
    public enum Part: String, Hashable, Sendable {
        /// Counted above the line (met, retained, churned…).
        case numerator
        /// Counted below the line (applied, active at the span's start…).
        case denominator
    }
}

/// Where a conversation's measurement sits, in 32 bits: its metric (the table) in the low 5 bits,
/// its slot in that table above them (so a table holds at most 2^27 measurements).
struct MeasurementSlot: Sendable {
    let raw: UInt32

    /// The metric.
    var metric: MeasuredMetric { MeasuredMetric(rawValue: UInt8(raw & 31))! }
    /// The slot in the metric's table.
    var slot: Int32 { Int32(raw >> 5) }

    init(raw: UInt32) {
        self.raw = raw
    }

    init(_ metric: MeasuredMetric, _ slot: Int32) {
        precondition(slot < 1 << 27, "a measurement table holds at most 2^27 measurements")
        raw = UInt32(metric.rawValue) | UInt32(slot) << 5
    }
}

/// One conversation: its id, where its events and its measurements' slots sit, and what did not
/// fit in it.
struct ConversationRecord: Sendable {
    /// The conversation's id (or the event's, for an event without a conversation).
    var name: String
    /// Its events, in measuring order.
    var events = BlockPool<HeldEvent>.Block()
    /// Where its measurements sit, in their order.
    var slots = BlockPool<MeasurementSlot>.Block()
    var anomalies: [MeasurementAnomaly: Int] = [:]
}
