import TenetBus
import TenetCalendar
import TenetMetrics
import TenetMetricsProtocol
import TenetModels
import TenetPhilosophy

/// The metrics plugin's logic without its sockets: the engine fed with stored events, the
/// philosophy's standing series, and the answers to requests. Time arrives as an argument.
public struct MetricsService: Sendable {
    /// The philosophy in force.
    public let philosophy: Philosophy
    /// The engine.
    public internal(set) var engine: MetricsEngine
    /// The standing series.
    public let series: [StandingSeries]
    /// Periods in the organisation's zone.
    public let periods: PeriodCalendar
    /// The last store sequence number applied.
    public internal(set) var lastSeq: Int64 = 0
    /// The id of the stored event numbered ``lastSeq`` (a checkpoint names it, so that a restart
    /// can tell that the store is still the one the checkpoint was made from).
    public internal(set) var lastEventID = ""
    /// Stored events that could not be read as events (counted, never silently dropped).
    public internal(set) var unreadable = 0

    /// A service for `philosophy` with no event applied yet.
    public init(philosophy: Philosophy) {
        self.philosophy = philosophy
        var calendars: [String: BusinessCalendar] = [:]
        for schedule in philosophy.schedules { calendars[schedule.name] = try? BusinessCalendar(schedule) }
        let coverage = philosophy.coverage
        let compiled = calendars
        let measurer = ConversationMeasurer(settings: philosophy.settings) { dimensions in
            guard let rule = coverage.first(where: { $0.filter.matches { dimensions.value(of: $0) } }) else { return nil }
            return compiled[rule.schedule]
        }
        engine = MetricsEngine(measurer: measurer, customMetrics: Self.measured(philosophy))
        series = StandingSeries.of(philosophy)
        periods = PeriodCalendar(philosophy.organisation)
    }

    /// The event-defined metrics the engine measures: the philosophy's custom metrics and
    /// `sla_attainment` (``SLAOutcomeMetric``).
    static func measured(_ philosophy: Philosophy) -> [CustomMetric] {
        philosophy.customMetrics + [SLAOutcomeMetric.definition]
    }

    /// The event-defined metric named `name`: a custom metric, or `sla_attainment`.
    func customMetric(named name: String) -> CustomMetric? {
        philosophy.customMetric(named: name) ?? (name == SLAOutcomeMetric.definition.name ? SLAOutcomeMetric.definition : nil)
    }

    /// Applies one stored event (events at or below ``lastSeq`` are ignored).
    public mutating func apply(_ stored: some StoredEventLike) {
        guard stored.seq > lastSeq else { return }
        lastSeq = stored.seq
        lastEventID = stored.id
        guard let event = try? EventValidator.validate(json: stored.json) else {
            unreadable += 1
            return
        }
        engine.apply(event)
    }

    // MARK: Queries

    /// Answers a `query` request at `now`.
    public func answer(_ request: MetricQueryRequest, now: Timestamp) throws(MetricsRequestError) -> MetricQueryReply {
        let (query, kind) = try makeQuery(request, now: now)
        let groups = figures(query, kind: kind)
        return MetricQueryReply(
            metric: query.metric, stat: query.statistic.description, hours: query.hours.rawValue, from: query.from?.rfc3339,
            to: query.to?.rfc3339, unit: Self.unit(kind, query.statistic), groups: groups, lastSeq: lastSeq)
    }

    /// Answers a `conversations` request: the measurements behind the figure.
    public func rows(_ request: MetricQueryRequest, now: Timestamp) throws(MetricsRequestError) -> ConversationsReply {
        let (query, _) = try makeQuery(request, now: now)
        let limit = request.limit ?? 1000
        guard (1...100_000).contains(limit) else { throw MetricsRequestError("`limit` must be 1…100000") }
        let (rows, total, parts) = engine.rows(query, limit: limit)
        return ConversationsReply(
            metric: query.metric, from: query.from?.rfc3339, to: query.to?.rfc3339, total: total,
            rows: rows.map { row in
                var dimensions: [String: String] = [:]
                for field in Dimensions.fields { if let value = row.dimensions[field] { dimensions[field.key] = value } }
                return RowBody(
                    conversation: row.conversation, at: row.at.rfc3339, value: row.value, businessValue: row.businessValue,
                    currency: row.currency, dimensions: dimensions, part: row.part?.rawValue)
            }, lastSeq: lastSeq,
            parts: parts.isEmpty ? nil : Dictionary(uniqueKeysWithValues: parts.map { ($0.key.rawValue, $0.value) }))
    }

    /// The engine's query for a request: the canonical metric, its kind, the statistic, the span
    /// (a current period or explicit bounds), the filter and the grouping.
    func makeQuery(_ request: MetricQueryRequest, now: Timestamp) throws(MetricsRequestError) -> (MetricQuery, MetricKind) {
        guard let kind = philosophy.kind(ofMetric: request.metric) else {
            let names = MetricCatalog.all.map(\.name) + philosophy.customMetrics.map(\.name)
            throw MetricsRequestError(
                "unknown metric `\(request.metric)`\(Suggestion.hint(for: request.metric, among: names)) (metrics: docs/METRICS.md)",
                code: .unknownMetric)
        }
        let canonical = MetricCatalog.metric(named: request.metric)?.name ?? request.metric
        let defaultStatistic =
            MetricCatalog.metric(named: canonical)?.defaultStatistic ?? customMetric(named: canonical)?.defaultStatistic ?? .count
        var statistic = defaultStatistic
        if let name = request.stat {
            guard let parsed = Statistic(name: name) else {
                throw MetricsRequestError("`\(name)` is not a statistic (mean, median, p90, p95, p99, min, max, count, sum, rate, net, last, within_1h)")
            }
            guard Statistic.allowed(for: kind, parsed) else {
                throw MetricsRequestError("`\(parsed)` does not apply to `\(canonical)`")
            }
            statistic = parsed
        }
        let hours: Hours
        switch request.hours ?? "calendar" {
        case "calendar": hours = .calendar
        case "business": hours = .business
        case let other: throw MetricsRequestError("`hours`: `\(other)` is not calendar or business")
        }
        var from: Timestamp?
        var to: Timestamp?
        if let name = request.period {
            guard let period = Period(name: name) else {
                throw MetricsRequestError("`period`: `\(name)` is not one of \(Period.names.joined(separator: ", "))")
            }
            let bounds = periods.bounds(of: period, containing: now)
            (from, to) = (bounds.start, canonical == "backlog" ? now : bounds.end)
        }
        if let text = request.from {
            guard let instant = Timestamp(rfc3339: text) else { throw MetricsRequestError("`from`: `\(text)` is not an RFC 3339 time") }
            from = instant
        }
        if let text = request.to {
            guard let instant = Timestamp(rfc3339: text) else { throw MetricsRequestError("`to`: `\(text)` is not an RFC 3339 time") }
            to = instant
        }
        var clauses: [MetricFilter.Clause] = []
        for (name, values) in (request.where ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let field = FilterField(name: name) else { throw MetricsRequestError("`where`: `\(name)` is not a dimension or attributes.NAME") }
            clauses.append(MetricFilter.Clause(field: field, values: values))
        }
        let groupBy = try (request.by ?? []).map { name throws(MetricsRequestError) -> FilterField in
            guard let field = FilterField(name: name) else { throw MetricsRequestError("`by`: `\(name)` is not a dimension or attributes.NAME") }
            return field
        }
        guard groupBy.count <= 2 else { throw MetricsRequestError("`by`: group by one or two dimensions, not \(groupBy.count)") }
        let query = MetricQuery(
            metric: canonical, statistic: statistic, hours: hours, from: from, to: canonical == "backlog" ? (to ?? now) : to,
            filter: MetricFilter(clauses), groupBy: groupBy)
        return (query, kind)
    }
    func figures(_ query: MetricQuery, kind: MetricKind) -> [FigureBody] {
        let groups: [MetricGroup]
        if case .rate? = customMetric(named: query.metric)?.definition {
            groups = engine.answerRate(query.metric, query)
        } else {
            groups = engine.answer(query)
        }
        return Self.bodies(groups, query)
    }

    /// The figures of a query's groups (one figure without a value when an ungrouped query
    /// matched nothing).
    static func bodies(_ groups: [MetricGroup], _ query: MetricQuery) -> [FigureBody] {
        let names = query.groupBy.map(\.description)
        let bodies = groups.map { group in
            FigureBody(
                dimensions: Dictionary(uniqueKeysWithValues: zip(names, group.key)), value: group.figure.value,
                sampleSize: group.figure.sampleSize, numerator: group.figure.numerator, denominator: group.figure.denominator,
                currency: group.currency)
        }
        if bodies.isEmpty, query.groupBy.isEmpty {
            return [FigureBody(dimensions: [:], value: nil, sampleSize: 0, numerator: nil, denominator: nil, currency: nil)]
        }
        return bodies
    }

    /// The unit a figure is reported in.
    static func unit(_ kind: MetricKind, _ statistic: Statistic) -> String {
        if statistic.isPercentage { return "percent" }
        switch kind {
        case .duration: return statistic == .count ? "count" : "seconds"
        case .ratio: return "percent"
        case .netScore: return "points"
        case .score: return statistic == .count ? "count" : "score"
        case .count: return "count"
        case .money: return statistic == .count ? "count" : "money"
        }
    }

    // MARK: Standing series

    /// Every standing series' figures at `now`, for the current period of each.
    public func scorecard(now: Timestamp) -> [SeriesFigure] {
        figures(ofSeries: Array(series.indices), now: now)
    }

    /// The figures of the standing series numbered `indices` (in ``series``) at `now`, for the
    /// current period of each, in the order of `indices`. Series of one metric over one span
    /// share a pass over its measurements.
    public func figures(ofSeries indices: [Int], now: Timestamp) -> [SeriesFigure] {
        struct Asked {
            var standing: StandingSeries
            var kind: MetricKind
            var bounds: (start: Timestamp, end: Timestamp)
            var query: MetricQuery
            var custom: Bool
        }
        var asked: [Asked] = []
        for index in indices {
            let standing = series[index]
            let key = standing.keyMetric
            guard let kind = philosophy.kind(ofMetric: key.metric) else { continue }
            let bounds = periods.bounds(of: key.period, containing: now)
            let query = MetricQuery(
                metric: key.metric, statistic: key.statistic, hours: key.hours, from: bounds.start,
                to: key.metric == "backlog" ? now : bounds.end, filter: key.filter, groupBy: standing.groupBy)
            var custom = false
            if case .rate? = customMetric(named: key.metric)?.definition { custom = true }
            asked.append(Asked(standing: standing, kind: kind, bounds: bounds, query: query, custom: custom))
        }
        let shared = engine.answer(asked.filter { !$0.custom }.map(\.query))
        var next = shared.makeIterator()
        var figures: [SeriesFigure] = []
        for entry in asked {
            let key = entry.standing.keyMetric
            let groups = entry.custom ? engine.answerRate(key.metric, entry.query) : next.next() ?? []
            let filter = Dictionary(key.filter.clauses.map { ($0.field.description, $0.values) }) { first, _ in first }
            for figure in Self.bodies(groups, entry.query) {
                let value = Figure(
                    value: figure.value, sampleSize: figure.sampleSize, numerator: figure.numerator, denominator: figure.denominator)
                figures.append(
                    SeriesFigure(
                        series: entry.standing.id, metric: key.metric, stat: key.statistic.description, hours: key.hours.rawValue,
                        period: key.period.description, from: entry.bounds.start.rfc3339, to: entry.bounds.end.rfc3339, filter: filter,
                        figure: figure, unit: Self.unit(entry.kind, key.statistic), target: key.target?.description,
                        status: entry.standing.status(of: value, defaultMargin: philosophy.settings.atRiskMargin)?.rawValue,
                        value: entry.standing.value, team: entry.standing.team, lastSeq: lastSeq))
            }
        }
        return figures
    }

    /// The revision of standing series `index`'s metric (``MetricsEngine/revision(ofMetric:)``):
    /// while it stays the same, the series' figures at the same instant do.
    public func revision(ofSeries index: Int) -> UInt64 {
        engine.revision(ofMetric: series[index].keyMetric.metric)
    }

    /// The counters of `stats`.
    public var stats: MetricsStats {
        MetricsStats(
            events: engine.eventCount, conversations: engine.conversationCount, lastSeq: lastSeq,
            anomalies: Dictionary(uniqueKeysWithValues: engine.anomalies.map { ($0.key.rawValue, $0.value) })
                .merging(unreadable > 0 ? ["unreadable_event": unreadable] : [:]) { a, _ in a },
            lateEvents: engine.lateEventCount)
    }
}

/// What the service needs of a stored event: its sequence number and its JSON.
public protocol StoredEventLike {
    /// The store's sequence number.
    var seq: Int64 { get }
    /// The event's id.
    var id: String { get }
    /// The event's bytes as stored.
    var json: [UInt8] { get }
}

/// A request the metrics plugin cannot answer: its message says why (sent as `bad_request`).
public struct MetricsRequestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with the request.
    public var message: String
    /// The code the reply carries: `bad_request`, or `unknown_metric` for a metric nobody defines.
    public var code: BusErrorCode

    /// Creates an error.
    public init(_ message: String, code: BusErrorCode = .badRequest) {
        self.message = message
        self.code = code
    }

    public var description: String { message }
}

extension MetricsService {
    /// The reply to `conversation`.
    public func conversation(_ id: String) -> ConversationReply {
        let measured = engine.measurements(ofConversation: id)
        let bodies = measured.measurements.map { measurement -> MeasurementBody in
            var dimensions: [String: String] = [:]
            for field in Dimensions.fields { if let value = measurement.dimensions[field] { dimensions[field.key] = value } }
            var body = MeasurementBody(metric: measurement.metric, at: measurement.at.rfc3339, dimensions: dimensions)
            switch measurement.value {
            case .duration(let calendar, let business):
                body.seconds = Double(calendar) / 1e9
                body.businessSeconds = Double(business) / 1e9
            case .outcome(let hit): body.outcome = hit
            case .score(let score): body.score = score
            case .occurrence: break
            case .money(let amount, let currency):
                body.amount = amount
                body.currency = currency
            case .openSpan(let to): body.openUntil = to?.rfc3339
            }
            return body
        }
        return ConversationReply(
            conversation: id, measurements: bodies,
            anomalies: Dictionary(uniqueKeysWithValues: measured.anomalies.map { ($0.key.rawValue, $0.value) }))
    }
}

extension MetricsService {
    /// Contacts and handle times per slot of the week in the organisation's zone, for staffing.
    /// A contact is an answered one or one abandoned after the short-abandon threshold (the
    /// `abandonment_rate` measurements), placed in the slot of its answer or abandon; handle times
    /// are those of `average_handle_time` in the same slots.
    public func staffing(_ request: StaffingRequest) throws(MetricsRequestError) -> StaffingObservationsReply {
        let interval = request.intervalMinutes ?? 30
        guard interval > 0, 1440 % interval == 0 else {
            throw MetricsRequestError("`interval_minutes`: \(interval) does not divide a day (15, 30, 60…)")
        }
        var base = MetricQueryRequest(metric: "abandonment_rate", from: request.from, to: request.to, where: request.where)
        let (contacts, _) = try makeQuery(base, now: .now())
        base.metric = "average_handle_time"
        let (handles, _) = try makeQuery(base, now: .now())
        let contactRows = engine.rows(contacts, limit: .max).rows
        let handleRows = engine.rows(handles, limit: .max).rows
        struct Slot: Hashable {
            var weekday: Weekday
            var minute: Int
        }
        var offered: [Slot: Int] = [:]
        var handled: [Slot: (count: Int, seconds: Double)] = [:]
        var first: LocalDate?
        var last: LocalDate?
        func place(_ at: Timestamp) -> (Slot, LocalDate) {
            let (date, minute) = periods.local(at)
            return (Slot(weekday: date.weekday, minute: minute / interval * interval), date)
        }
        for row in contactRows {
            let (slot, date) = place(row.at)
            offered[slot, default: 0] += 1
            first = min(first ?? date, date)
            last = max(last ?? date, date)
        }
        for row in handleRows {
            let (slot, _) = place(row.at)
            handled[slot, default: (0, 0)].count += 1
            handled[slot, default: (0, 0)].seconds += row.value
        }
        var days: [Weekday: Int] = [:]
        if let first, let last {
            for number in first.dayNumber...last.dayNumber { days[LocalDate(dayNumber: number).weekday, default: 0] += 1 }
        }
        let slots = offered.keys.sorted { ($0.weekday, $0.minute) < ($1.weekday, $1.minute) }.map { slot in
            SlotObservation(
                weekday: slot.weekday.shortName, startMinute: slot.minute, days: days[slot.weekday] ?? 0, contacts: offered[slot] ?? 0,
                handled: handled[slot]?.count ?? 0, handleSeconds: handled[slot]?.seconds ?? 0)
        }
        return StaffingObservationsReply(
            zone: periods.zone.identifier, intervalMinutes: interval, firstDay: first?.description, lastDay: last?.description, slots: slots)
    }
}
