import Testing
import TenetModels
import TenetPhilosophy

@testable import TenetMetrics

/// The engine keeps dimension values as ids (``DimensionCatalog``): filters and groups must
/// answer exactly as they did over strings.
@Suite("The metrics engine: dimensions as interned ids")
struct DimensionInterningTests {
    /// An event as the store would hold it.
    static func event(
        _ id: String, _ type: String, at minute: Int, conversation: String, _ fields: String = "", attributes: String? = nil
    ) throws -> Event {
        let at = Timestamp(nanosecondsSinceEpoch: (1_795_600_000 + Int64(minute) * 60) * 1_000_000_000).rfc3339
        let extra = attributes.map { #","attributes":{\#($0)}"# } ?? ""
        let line = #"{"id":"\#(id)","type":"\#(type)","at":"\#(at)","conversation":"\#(conversation)"\#(fields)\#(extra)}"#
        return try EventValidator.validate(json: Array(line.utf8))
    }

    /// A conversation opened by a customer and answered by `agent` ten minutes later.
    static func answered(_ name: String, team: String, channel: String, agent: String, attributes: String? = nil) throws -> [Event] {
        [
            try event(
                "\(name)-1", "conversation.opened", at: 0, conversation: name, #","team":"\#(team)","channel":"\#(channel)""#,
                attributes: attributes),
            try event("\(name)-2", "message.created", at: 10, conversation: name, #","author":"agent","public":true,"agent":"\#(agent)""#),
        ]
    }

    static func engine(_ events: [Event]) -> MetricsEngine {
        var engine = MetricsEngine(measurer: ConversationMeasurer(settings: MetricSettings()))
        for event in events { engine.apply(event) }
        return engine
    }

    static func teams(_ values: [String]) -> MetricFilter {
        MetricFilter([.init(field: .dimension(.team), values: values)])
    }

    @Test func aFilterValueNeverSeenMatchesNothing() throws {
        let engine = Self.engine(
            try Self.answered("c1", team: "support", channel: "chat", agent: "ana")
                + Self.answered("c2", team: "billing", channel: "email", agent: "ben"))
        let count = MetricQuery(metric: "first_response_time", statistic: .count, filter: Self.teams(["nowhere"]))
        #expect(engine.answer(count) == [])
        #expect(engine.rows(count, limit: 10).total == 0)
        var backlog = MetricQuery(metric: "backlog", statistic: .last, filter: Self.teams(["nowhere"]))
        #expect(engine.answer(backlog) == [])
        // An unknown value beside a known one: the known one still counts.
        var both = count
        both.filter = Self.teams(["nowhere", "support"])
        #expect(engine.answer(both).map(\.figure.sampleSize) == [1])
        backlog.filter = Self.teams(["billing", "nowhere"])
        #expect(engine.answer(backlog).map(\.figure.value) == [1])
        // A value seen in another dimension (a channel) is not a team.
        var channel = count
        channel.filter = Self.teams(["chat"])
        #expect(engine.answer(channel) == [])
        // A dimension the engine does not keep matches nothing, and groups as no value.
        var customer = count
        customer.filter = MetricFilter([.init(field: .dimension(.customer), values: ["support"])])
        #expect(engine.answer(customer) == [])
        let byCustomer = MetricQuery(metric: "first_response_time", statistic: .count, groupBy: [.dimension(.customer)])
        #expect(engine.answer(byCustomer) == [MetricGroup(key: [nil], figure: Figure(value: 2, sampleSize: 2))])
    }

    @Test func attributesFilterAndGroupAsTheyChange() throws {
        var events = try Self.answered("c1", team: "support", channel: "chat", agent: "ana", attributes: #""plan":"gold","segment":"smb""#)
        events += try Self.answered("c2", team: "support", channel: "chat", agent: "ana", attributes: #""plan":"silver""#)
        events += try Self.answered("c3", team: "support", channel: "chat", agent: "ana")
        // c2 moves to gold before its reply; its opening stays silver.
        events.append(try Self.event("c2-0", "conversation.assigned", at: 5, conversation: "c2", #","team":"support""#, attributes: #""plan":"gold","tier":"2""#))
        let engine = Self.engine(events.reversed())
        let plan = FilterField.attribute("plan")
        let replies = MetricQuery(metric: "first_response_time", statistic: .count, groupBy: [plan])
        #expect(
            engine.answer(replies) == [
                MetricGroup(key: [nil], figure: Figure(value: 1, sampleSize: 1)),
                MetricGroup(key: ["gold"], figure: Figure(value: 2, sampleSize: 2)),
            ])
        let opened = MetricQuery(metric: "volume_opened", statistic: .count, filter: MetricFilter([.init(field: plan, values: ["silver"])]))
        #expect(engine.answer(opened).map(\.figure.sampleSize) == [1])
        #expect(engine.rows(opened, limit: 10).rows.map(\.conversation) == ["c2"])
        // Attributes and segments are apart: `attributes.segment` is the segment dimension.
        let segment = MetricQuery(
            metric: "volume_opened", statistic: .count, filter: MetricFilter([.init(field: FilterField(name: "attributes.segment")!, values: ["smb"])]))
        #expect(engine.rows(segment, limit: 10).rows.map(\.conversation) == ["c1"])
        var asAttribute = segment
        asAttribute.filter = MetricFilter([.init(field: .attribute("segment"), values: ["smb"])])
        #expect(engine.answer(asAttribute) == [])
        // An attribute name never seen: nothing matches, and a group has no value.
        var unknown = opened
        unknown.filter = MetricFilter([.init(field: .attribute("colour"), values: ["gold"])])
        #expect(engine.answer(unknown) == [])
        let byColour = MetricQuery(metric: "volume_opened", statistic: .count, groupBy: [.attribute("colour"), .dimension(.team)])
        #expect(engine.answer(byColour) == [MetricGroup(key: [nil, "support"], figure: Figure(value: 3, sampleSize: 3))])
        // Drill-down shows the dimensions in force as strings, attributes merged.
        let reply = engine.rows(MetricQuery(metric: "first_response_time", statistic: .count, filter: Self.teams(["support"])), limit: 10)
        let c2 = try #require(reply.rows.first { $0.conversation == "c2" })
        #expect(c2.dimensions.attributes == ["plan": "gold", "tier": "2"])
        #expect(c2.dimensions.team == "support")
        #expect(c2.dimensions.agent == "ana")
    }

    @Test func drillDownNamesTheConversationOrTheEvent() throws {
        let leads = CustomMetric(name: "leads", unit: .count, description: nil, definition: .count(EventSelector(types: ["x.lead.qualified", "customer.started"])))
        var engine = MetricsEngine(measurer: ConversationMeasurer(settings: MetricSettings()), customMetrics: [leads])
        var events = try Self.answered("c1", team: "sales", channel: "chat", agent: "ana")
        events += try Self.answered("c2", team: "sales", channel: "chat", agent: "ben")
        events.append(try Self.event("l1", "x.lead.qualified", at: 20, conversation: "c2", #","team":"sales""#))
        events.append(try Self.event("s1", "customer.started", at: 30, conversation: "c9", #","customer":"k1","team":"sales""#))
        let loose = #"{"id":"l2","type":"x.lead.qualified","at":"2026-11-25T10:00:00Z","team":"sales"}"#
        events.append(try EventValidator.validate(json: Array(loose.utf8)))
        // Late events: each conversation measured again, its measurements moved between slots.
        for event in events.reversed() { engine.apply(event) }
        let replies = engine.rows(MetricQuery(metric: "first_response_time", statistic: .count), limit: 10).rows
        #expect(replies.map(\.conversation) == ["c1", "c2"])
        #expect(replies.map(\.dimensions.agent) == ["ana", "ben"])
        let qualified = engine.rows(MetricQuery(metric: "leads", statistic: .count), limit: 10).rows
        // A lead without a conversation is named by its id; a customer event by the conversation it
        // names, though the engine holds no such conversation.
        #expect(qualified.map(\.conversation) == ["l2", "c2", "c9"])
    }

    @Test func manyDistinctValues() throws {
        let count = 3000
        var events: [Event] = []
        for index in 0..<count {
            events += try Self.answered(
                "c\(index)", team: "team-\(index % 7)", channel: "chat", agent: "agent-\(index)", attributes: #""ticket":"T-\#(index)""#)
        }
        let engine = Self.engine(events)
        let byAgent = engine.answer(MetricQuery(metric: "first_response_time", statistic: .mean, groupBy: [.dimension(.agent)]))
        #expect(byAgent.count == count)
        #expect(byAgent.allSatisfy { $0.figure == Figure(value: 600, sampleSize: 1) })
        #expect(Set(byAgent.map { $0.key[0] }) == Set((0..<count).map { "agent-\($0)" }))
        let tickets = MetricQuery(
            metric: "first_response_time", statistic: .count,
            filter: MetricFilter([.init(field: .attribute("ticket"), values: ["T-17", "T-2998", "T-3000"])]), groupBy: [.dimension(.team)])
        #expect(
            engine.answer(tickets) == [
                MetricGroup(key: ["team-2"], figure: Figure(value: 1, sampleSize: 1)),
                MetricGroup(key: ["team-3"], figure: Figure(value: 1, sampleSize: 1)),
            ])
        let byTeam = engine.answer(MetricQuery(metric: "volume_opened", statistic: .count, groupBy: [.dimension(.team)]))
        #expect(byTeam.map(\.figure.sampleSize) == (0..<7).map { team in (0..<count).filter { $0 % 7 == team }.count })
    }

    @Test func aMergeOfSetsIsTheMergeOfTheirDimensions() {
        var random = SeededRandom(seed: 7)
        func pick(_ values: [String]) -> String? {
            Int.random(in: 0..<3, using: &random) == 0 ? nil : values.randomElement(using: &random)
        }
        func dimensions() -> Dimensions {
            var dimensions = Dimensions()
            for field in Dimensions.fields { dimensions[field] = pick(["a", "b", "c"]) }
            for key in ["plan", "tier", "direction"] where Bool.random(using: &random) { dimensions.attributes[key] = pick(["x", "y"]) }
            return dimensions
        }
        var catalog = DimensionCatalog()
        for _ in 0..<500 {
            let older = dimensions()
            let newer = dimensions()
            let a = catalog.intern(older)
            let b = catalog.intern(newer)
            #expect(catalog.dimensions(a) == older)
            let merged = catalog.merged(a, b)
            #expect(catalog.dimensions(merged) == older.updated(by: newer))
        }
        // One id per distinct set: interning never holds the same dimensions twice.
        #expect(Set((0..<catalog.setCount).map { catalog.dimensions(Int32($0)) }).count == catalog.setCount)
    }
}
