import Foundation
import Testing
import TenetCalendar
import TenetMetrics
import TenetModels
import TenetPhilosophy

/// Random support histories applied in shuffled order, with duplicates, give exactly what a batch
/// recompute gives: the engine's incremental bookkeeping (re-measuring, replacing measurements,
/// grouping) never drifts.
@Suite("The metrics engine: incremental equals batch, whatever the order")
struct IncrementalPropertyTests {
    /// Support on office hours, billing on a schedule with a holiday, phone around the clock.
    static let calendars: @Sendable (Dimensions) -> BusinessCalendar? = { dimensions in
        switch (dimensions[.channel], dimensions[.team]) {
        case ("phone", _): nil
        case (_, "billing"): billingHours
        default: officeHours
        }
    }
    static let billingHours: BusinessCalendar = {
        var weekly = WeeklyHours()
        for day in Weekday.allCases where day < .saturday { weekly[day] = [DailyInterval("08:00-12:00")!, DailyInterval("13:00-18:00")!] }
        return try! BusinessCalendar(
            Schedule(
                name: "billing", zone: "Europe/Berlin", versions: [ScheduleVersion(effective: nil, weekly: weekly)],
                holidays: [Holiday(.date(LocalDate("2026-11-25")!))]))
    }()

    /// One random conversation's events, as JSON objects.
    static func conversation(_ index: Int, _ random: inout SeededRandom) -> [JSONObject] {
        var events: [JSONObject] = []
        var clock = Int64(1_795_600_000) + Int64.random(in: 0...(5 * 86_400), using: &random)  // late November 2026
        let channel = ["chat", "email", "phone"].randomElement(using: &random)!
        var team = ["support", "billing"].randomElement(using: &random)!
        let conversation = "c\(index)"
        func add(_ type: String, _ fields: [(String, JSONValue)] = [], agent: String? = nil) {
            clock += Int64.random(in: 0...5400, using: &random)
            var object = JSONObject([
                ("id", .string("\(conversation)-\(events.count)")), ("type", .string(type)),
                ("at", .string(Timestamp(nanosecondsSinceEpoch: clock * 1_000_000_000).rfc3339)),
                ("conversation", .string(conversation)), ("channel", .string(channel)), ("team", .string(team)),
                ("attributes", .object(JSONObject([("segment", .string(index % 3 == 0 ? "enterprise" : "smb"))]))),
            ])
            if let agent { object["agent"] = .string(agent) }
            for (key, value) in fields { object[key] = value }
            events.append(object)
        }
        func message(_ author: String, public isPublic: Bool = true, agent: String? = nil) {
            add("message.created", [("author", .string(author)), ("public", .bool(isPublic))], agent: agent)
        }
        if channel == "phone" {
            add("conversation.opened")
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                add("contact.queued")
                if Bool.random(using: &random) || Int.random(in: 0..<4, using: &random) > 0 {
                    add("contact.answered", agent: "ana")
                    if Bool.random(using: &random) {
                        add("hold.started")
                        add("hold.ended")
                    }
                    add("contact.ended")
                    if Bool.random(using: &random) { add("wrapup.ended") }
                } else {
                    add("contact.abandoned")
                }
            }
        } else {
            if Int.random(in: 0..<5, using: &random) > 0 { add("conversation.opened") }
            message("customer")
            if Bool.random(using: &random) {
                message("bot")
                add("conversation.assigned", agent: "ben")
            }
            if Int.random(in: 0..<4, using: &random) == 0 { message("agent", public: false, agent: "ben") }
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                if Int.random(in: 0..<6, using: &random) == 0 {
                    team = team == "support" ? "billing" : "support"
                    add("conversation.transferred", [("from_team", .string(team == "support" ? "billing" : "support"))])
                }
                if Int.random(in: 0..<8, using: &random) == 0 { add("conversation.escalated") }
                message("agent", agent: ["ana", "ben"].randomElement(using: &random)!)
                if Bool.random(using: &random) { message("customer") }
                if Int.random(in: 0..<4, using: &random) == 0 { add("status.changed", [("status", .string("pending"))]) }
            }
        }
        if Int.random(in: 0..<3, using: &random) > 0 {
            add("status.changed", [("status", .string("solved"))])
            if Int.random(in: 0..<4, using: &random) == 0 {
                add("status.changed", [("status", .string("open")), ("previous", .string("solved"))])
                message("agent", agent: "ana")
                if Bool.random(using: &random) { add("status.changed", [("status", .string("solved"))]) }
            }
        }
        for survey in [("csat", 1...5), ("nps", 0...10), ("ces", 1...7)] where Bool.random(using: &random) {
            add("survey.answered", [("survey", .string(survey.0)), ("score", .number(JSONNumber(Int.random(in: survey.1, using: &random))))])
        }
        return events
    }

    static let queries: [MetricQuery] = {
        var queries: [MetricQuery] = []
        let durations = ["first_response_time", "next_reply_time", "average_speed_of_answer", "average_handle_time", "first_resolution_time", "full_resolution_time"]
        for metric in durations {
            for statistic in [Statistic.count, .mean, .median, .percentile(90), .within(.seconds(3600)), .maximum] {
                for hours in Hours.allCases {
                    queries.append(MetricQuery(metric: metric, statistic: statistic, hours: hours))
                }
            }
            queries.append(MetricQuery(metric: metric, statistic: .percentile(90), hours: .business, groupBy: [.dimension(.team), .dimension(.channel)]))
            queries.append(
                MetricQuery(
                    metric: metric, statistic: .percentile(95), filter: MetricFilter([.init(field: .dimension(.segment), values: ["enterprise"])]),
                    groupBy: [.dimension(.agent)]))
        }
        for metric in ["service_level", "abandonment_rate", "first_contact_resolution", "one_touch_rate", "reopen_rate", "transfer_rate", "escalation_rate", "csat", "csat_response_rate", "ces_easy_rate"] {
            queries.append(MetricQuery(metric: metric, statistic: .rate))
            queries.append(MetricQuery(metric: metric, statistic: .rate, groupBy: [.dimension(.team)]))
        }
        queries.append(MetricQuery(metric: "nps", statistic: .net, groupBy: [.dimension(.channel)]))
        queries.append(MetricQuery(metric: "ces", statistic: .mean))
        queries.append(MetricQuery(metric: "volume_opened", statistic: .count, groupBy: [.dimension(.channel)]))
        queries.append(MetricQuery(metric: "volume_solved", statistic: .count, from: Timestamp(rfc3339: "2026-11-18T00:00:00Z"), to: Timestamp(rfc3339: "2026-11-22T00:00:00Z")))
        queries.append(MetricQuery(metric: "backlog", statistic: .last, to: Timestamp(rfc3339: "2026-11-20T12:00:00Z"), groupBy: [.dimension(.team)]))
        queries.append(MetricQuery(metric: "backlog", statistic: .last))
        return queries
    }()

    /// A batch recompute written apart from the engine: every conversation measured once from
    /// all of its events, the measurements filtered and grouped here, the statistic computed on a
    /// plain sorted array.
    static func batchAnswer(_ query: MetricQuery, _ measured: [ConversationMeasurements]) -> [MetricGroup] {
        var groups: [[String?]: [Double]] = [:]
        for measurement in measured.flatMap(\.measurements) where measurement.metric == query.metric {
            guard query.filter.matches({ measurement.dimensions.value(of: $0) }) else { continue }
            let key = query.groupBy.map { measurement.dimensions.value(of: $0) }
            if query.metric == "backlog" {
                guard case .openSpan(let end) = measurement.value else { continue }
                if let at = query.to {
                    guard measurement.at <= at, end.map({ $0 > at }) ?? true else { continue }
                } else if end != nil {
                    continue
                }
                groups[key, default: []].append(1)
                continue
            }
            if let from = query.from, measurement.at < from { continue }
            if let to = query.to, measurement.at >= to { continue }
            let value: Double
            switch measurement.value {
            case .duration(let calendar, let business): value = Double(query.hours == .business ? business : calendar) / 1e9
            case .outcome(let hit): value = hit ? 1 : 0
            case .score(let score): value = score
            case .occurrence: value = 1
            case .money(let amount, _): value = amount
            case .openSpan: continue
            }
            groups[key, default: []].append(value)
        }
        return groups.map { key, values in
            if query.metric == "backlog" {
                return MetricGroup(key: key, figure: Figure(value: Double(values.count), sampleSize: values.count))
            }
            return MetricGroup(key: key, figure: ExactStatistics.figure(values, query.statistic))
        }
        .sorted { $0.key.lexicographicallyPrecedes($1.key) { ($0 ?? "") < ($1 ?? "") } }
    }

    @Test(arguments: [1, 2, 3])
    func shuffledHistoriesWithDuplicatesMatchABatchRecompute(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let objects = (0..<80).flatMap { Self.conversation($0, &random) }
        let events = try objects.map { try EventValidator.validate(.object($0)) }
        let measurer = ConversationMeasurer(settings: MetricSettings(), calendar: Self.calendars)

        // Incremental: every event in a shuffled order, a tenth of them twice.
        var engine = MetricsEngine(measurer: measurer)
        var arrivals = events + events.filter { _ in Int.random(in: 0..<10, using: &random) == 0 }
        arrivals.shuffle(using: &random)
        let applied = arrivals.filter { engine.apply($0) }.count
        #expect(applied == events.count)
        #expect(engine.eventCount == events.count)

        // Batch: each conversation at once.
        let byConversation = Dictionary(grouping: events) { $0.conversation ?? $0.id }
        let measured = byConversation.values.map { measurer.measure($0.map(ConversationEvent.init)) }
        var compared = 0
        for query in Self.queries {
            let incremental = engine.answer(query)
            let batch = Self.batchAnswer(query, measured)
            #expect(incremental == batch, "\(query.metric) \(query.statistic) \(query.hours) by \(query.groupBy)")
            compared += incremental.count
        }
        #expect(compared > 100, "the queries must find data")
        // All at once: queries of one metric and span share a pass over its measurements.
        #expect(engine.answer(Self.queries) == Self.queries.map { Self.batchAnswer($0, measured) })
        // Each conversation's measurements, as the engine would show them for drill-down.
        for (id, group) in byConversation {
            #expect(engine.measurements(ofConversation: id) == measurer.measure(group.map(ConversationEvent.init).reversed()))
        }
    }

    @Test func independentlyComputedFiguresAgree() throws {
        var random = SeededRandom(seed: 42)
        let objects = (0..<120).flatMap { Self.conversation($0, &random) }
        let events = try objects.map { try EventValidator.validate(.object($0)) }
        var engine = MetricsEngine(measurer: ConversationMeasurer(settings: MetricSettings()))
        for event in events.shuffled(using: &random) { engine.apply(event) }

        // Conversations opened: every conversation has a start (an opening or a customer message).
        let opened = engine.answer(MetricQuery(metric: "volume_opened", statistic: .count))
        #expect(opened.first?.figure.value == 120)
        // CSAT straight from the survey events.
        let csat = events.compactMap { event -> Bool? in
            guard case .surveyAnswered(.csat, let score) = event.payload else { return nil }
            return score >= 4
        }
        let answer = engine.answer(MetricQuery(metric: "csat", statistic: .rate)).first?.figure
        #expect(answer?.numerator == csat.filter { $0 }.count)
        #expect(answer?.denominator == csat.count)
        // First resolution: the first solve minus the start, per conversation.
        var expected: [Double] = []
        for (_, group) in Dictionary(grouping: events, by: { $0.conversation! }) {
            let sorted = group.sorted { ConversationEvent($0).precedes(ConversationEvent($1)) }
            guard let start = sorted.first(where: {
                if case .conversationOpened = $0.payload { return true }
                if case .contactQueued = $0.payload { return true }
                if case .messageCreated(.customer, true) = $0.payload { return true }
                return false
            })?.at,
                let solve = sorted.first(where: { if case .statusChanged(.solved, _) = $0.payload { true } else { false } })?.at
            else { continue }
            expected.append(Double(solve.nanosecondsSinceEpoch - start.nanosecondsSinceEpoch) / 1e9)
        }
        let sortedExpected = expected.sorted()
        let median = engine.answer(MetricQuery(metric: "first_resolution_time", statistic: .median)).first?.figure
        #expect(median?.sampleSize == expected.count)
        #expect(median?.value == ExactStatistics.percentile(sortedExpected, 50))
    }
}
