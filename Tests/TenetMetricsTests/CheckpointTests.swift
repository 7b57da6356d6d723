import Testing
import TenetMetrics
import TenetModels
import TenetPhilosophy

/// An engine written to a checkpoint and read back answers every query, drill-down and
/// conversation exactly as the engine that wrote it, and goes on taking events the same way; a
/// damaged or cut checkpoint is refused with an error, never half-read.
@Suite("Metrics engine checkpoints")
struct CheckpointTests {
    static let customMetrics = [
        CustomMetric(name: "leads", unit: .count, description: nil, definition: .count(EventSelector(types: ["x.lead.qualified"]))),
        CustomMetric(
            name: "lead_conversion", unit: .percent, description: nil,
            definition: .rate(numerator: EventSelector(types: ["x.lead.won"]), denominator: EventSelector(types: ["x.lead.qualified"]))),
        CustomMetric(name: "deal_size", unit: .money, description: nil, definition: .values(EventSelector(types: ["x.lead.won"]), field: "attributes.amount")),
    ]

    static func engine() -> MetricsEngine {
        MetricsEngine(
            measurer: ConversationMeasurer(settings: MetricSettings(), calendar: IncrementalPropertyTests.calendars), customMetrics: customMetrics)
    }

    /// Random conversations with bots, transfers, reopens and surveys, plus customers' lifecycle
    /// events, orders, leads with and without a conversation, and events with free attributes.
    static func events(conversations: Int, seed: UInt64) throws -> [Event] {
        var random = SeededRandom(seed: seed)
        var objects = (0..<conversations).flatMap { IncrementalPropertyTests.conversation($0, &random) }
        for index in 0..<conversations / 4 {
            let at = Timestamp(nanosecondsSinceEpoch: (1_795_600_000 + Int64(index) * 3_600) * 1_000_000_000).rfc3339
            objects.append(JSONObject([
                ("id", .string("cs\(index)")), ("type", .string(index % 5 == 0 ? "customer.churned" : "customer.started")),
                ("at", .string(at)), ("customer", .string("k\(index % 9)")), ("team", .string("support")),
                ("attributes", .object(JSONObject([("plan", .string(index % 2 == 0 ? "gold" : "basic"))]))),
            ]))
            objects.append(JSONObject([
                ("id", .string("lead\(index)")), ("type", .string(index % 3 == 0 ? "x.lead.won" : "x.lead.qualified")), ("at", .string(at)),
                ("team", .string("sales")), ("attributes", .object(JSONObject([("amount", .number(JSONNumber(100 + index)))]))),
            ]))
            if index % 4 == 0 { objects[objects.count - 1]["conversation"] = .string("c\(index)") }
            objects.append(JSONObject([
                ("id", .string("o\(index)")), ("type", .string("order.placed")), ("at", .string(at)), ("conversation", .string("c\(index)")), ("customer", .string("k\(index % 9)")),
                ("amount", .number(JSONNumber(Double(index) + 0.25))), ("currency", .string(index % 2 == 0 ? "EUR" : "USD")),
            ]))
        }
        return try objects.map { try EventValidator.validate(.object($0)) }
    }

    static func write(_ engine: MetricsEngine) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var writer = CheckpointWriter { bytes.append(contentsOf: $0) }
        try engine.writeCheckpoint(to: &writer)
        try writer.finish()
        return bytes
    }

    static func read(_ bytes: [UInt8], source chunk: Int = .max) throws(CheckpointError) -> MetricsEngine {
        var offset = 0
        var reader = CheckpointReader(size: Int64(bytes.count)) { buffer in
            let count = min(buffer.count, bytes.count - offset, chunk)
            bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
            offset += count
            return count
        }
        let engine = try MetricsEngine(
            measurer: ConversationMeasurer(settings: MetricSettings(), calendar: IncrementalPropertyTests.calendars), customMetrics: customMetrics,
            checkpoint: &reader)
        try reader.finish()
        return engine
    }

    static let queries = IncrementalPropertyTests.queries + [
        MetricQuery(metric: "retention", statistic: .rate, from: Timestamp(rfc3339: "2026-11-26T00:00:00Z"), to: Timestamp(rfc3339: "2026-11-28T00:00:00Z")),
        MetricQuery(metric: "leads", statistic: .count, groupBy: [.dimension(.team)]),
        MetricQuery(metric: "deal_size", statistic: .sum),
        MetricQuery(metric: "average_order_value", statistic: .mean),
        MetricQuery(metric: "first_response_time", statistic: .median, filter: MetricFilter([.init(field: .attribute("plan"), values: ["gold"])])),
    ]

    /// Compares every answer, drill-down and conversation of two engines; returns how many
    /// groups were compared.
    @discardableResult
    static func expectSame(_ restored: MetricsEngine, _ original: MetricsEngine, conversations: Int) -> Int {
        var compared = 0
        for query in queries {
            let expected = query.metric == "lead_conversion" ? original.answerRate(query.metric, query) : original.answer(query)
            #expect(restored.answer(query) == expected, "\(query.metric) \(query.statistic)")
            #expect(restored.rows(query, limit: 50).rows == original.rows(query, limit: 50).rows, "rows of \(query.metric)")
            compared += expected.count
        }
        #expect(restored.answerRate("lead_conversion", MetricQuery(metric: "lead_conversion", statistic: .rate))
            == original.answerRate("lead_conversion", MetricQuery(metric: "lead_conversion", statistic: .rate)))
        for index in 0..<conversations {
            #expect(restored.measurements(ofConversation: "c\(index)") == original.measurements(ofConversation: "c\(index)"))
        }
        #expect(restored.anomalies == original.anomalies)
        #expect(restored.eventCount == original.eventCount)
        #expect(restored.lateEventCount == original.lateEventCount)
        #expect(restored.conversationCount == original.conversationCount)
        return compared
    }

    @Test(arguments: [(UInt64(1), Int.max), (2, 4096), (3, 7)])
    func aRestoredEngineAnswersAndGoesOnExactlyAsTheOriginal(seed: UInt64, chunk: Int) throws {
        var random = SeededRandom(seed: seed)
        let events = try Self.events(conversations: 120, seed: seed).shuffled(using: &random)
        // Three quarters before the checkpoint; the rest (late events among them) after, on both.
        let cut = events.count * 3 / 4
        var original = Self.engine()
        for event in events[..<cut] { original.apply(event) }
        var restored = try Self.read(Self.write(original), source: chunk)
        #expect(Self.expectSame(restored, original, conversations: 120) > 100)
        for event in events[cut...] { #expect(restored.apply(event) == original.apply(event)) }
        // A duplicate is still known as one after the restore.
        #expect(restored.apply(events[0]) == false)
        Self.expectSame(restored, original, conversations: 120)
        // And the whole equals an engine that never went through a checkpoint in any order.
        var fresh = Self.engine()
        for event in events.reversed() { fresh.apply(event) }
        for query in Self.queries where query.metric != "lead_conversion" { #expect(restored.answer(query) == fresh.answer(query)) }
    }

    @Test func anEmptyEngineRoundTrips() throws {
        let restored = try Self.read(Self.write(Self.engine()))
        #expect(restored.conversationCount == 0)
        #expect(restored.answer(MetricQuery(metric: "volume_opened", statistic: .count)) == [])
    }

    @Test func aDamagedCheckpointIsRefused() throws {
        var engine = Self.engine()
        for event in try Self.events(conversations: 30, seed: 9) { engine.apply(event) }
        let bytes = try Self.write(engine)
        var random = SeededRandom(seed: 11)
        var codes: Set<CheckpointError.Code> = []
        // Bytes flipped anywhere, the checksum among them.
        for _ in 0..<300 {
            var damaged = bytes
            let position = Int.random(in: 0..<damaged.count, using: &random)
            damaged[position] ^= UInt8.random(in: 1...255, using: &random)
            #expect(throws: CheckpointError.self) { _ = try Self.read(damaged) }
            do { _ = try Self.read(damaged) } catch { codes.insert(error.code) }
        }
        // Cut anywhere, or with bytes added.
        for length in [0, 1, 7, 8, bytes.count / 3, bytes.count / 2, bytes.count - 9, bytes.count - 8, bytes.count - 1] {
            #expect(throws: CheckpointError.self) { _ = try Self.read(Array(bytes[..<length])) }
        }
        #expect(throws: CheckpointError.self) { _ = try Self.read(bytes + [0]) }
        // Most damage is found by the structure before the checksum is reached; the rest by it.
        #expect(codes.contains(.checksum))
        #expect(codes.contains(.malformed) || codes.contains(.truncated))
    }
}
