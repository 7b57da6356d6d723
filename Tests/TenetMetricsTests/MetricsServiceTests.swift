import Testing
import TenetMetricsProtocol
import TenetMetricsServer
import TenetModels
import TenetPhilosophy

/// The metrics plugin's logic in process: requests in, replies out.
@Suite("Metrics service")
struct MetricsServiceTests {
    struct Stored: StoredEventLike {
        var seq: Int64
        var json: [UInt8]
        var id: String { "event-\(seq)" }
    }

    /// Calls on two Mondays (UTC): each queued, answered 10 s later, ended after 5 minutes.
    static func calls() -> [Stored] {
        var lines: [String] = []
        let starts = ["2026-11-16T09:05:00Z", "2026-11-16T09:20:00Z", "2026-11-16T09:40:00Z", "2026-11-23T09:10:00Z", "2026-11-23T10:15:00Z"]
        for (index, start) in starts.enumerated() {
            let queued = Timestamp(rfc3339: start)!.nanosecondsSinceEpoch
            func at(_ seconds: Int64) -> String { Timestamp(nanosecondsSinceEpoch: queued + seconds * 1_000_000_000).rfc3339 }
            let conversation = "call-\(index)"
            lines.append(#"{"id":"\#(conversation)-q","type":"contact.queued","at":"\#(at(0))","conversation":"\#(conversation)","channel":"phone"}"#)
            lines.append(#"{"id":"\#(conversation)-a","type":"contact.answered","at":"\#(at(10))","conversation":"\#(conversation)","agent":"ana"}"#)
            lines.append(#"{"id":"\#(conversation)-e","type":"contact.ended","at":"\#(at(310))","conversation":"\#(conversation)"}"#)
        }
        return lines.enumerated().map { Stored(seq: Int64($0.offset + 1), json: Array($0.element.utf8)) }
    }

    @Test func staffingObservationsPerSlotOfTheWeek() throws {
        var service = MetricsService(philosophy: Philosophy())
        for event in Self.calls() { service.apply(event) }
        let reply = try service.staffing(StaffingRequest(intervalMinutes: 30))
        #expect(reply.firstDay == "2026-11-16" && reply.lastDay == "2026-11-23")
        // Mondays 09:00 (three calls over two Mondays), 09:30 (one), 10:00 (one); 300 s of talk each.
        #expect(reply.slots == [
            SlotObservation(weekday: "mon", startMinute: 540, days: 2, contacts: 3, handled: 3, handleSeconds: 900),
            SlotObservation(weekday: "mon", startMinute: 570, days: 2, contacts: 1, handled: 1, handleSeconds: 300),
            SlotObservation(weekday: "mon", startMinute: 600, days: 2, contacts: 1, handled: 1, handleSeconds: 300),
        ])
        #expect(throws: MetricsRequestError.self) { try service.staffing(StaffingRequest(intervalMinutes: 7)) }
    }

    @Test func queriesCheckTheirArguments() throws {
        var service = MetricsService(philosophy: Philosophy())
        for event in Self.calls() { service.apply(event) }
        let now = Timestamp(rfc3339: "2026-11-24T00:00:00Z")!
        let speed = try service.answer(MetricQueryRequest(metric: "asa"), now: now)
        #expect(speed.metric == "average_speed_of_answer")
        #expect(speed.groups.map(\.value) == [10])
        #expect(speed.unit == "seconds")
        let weekly = try service.answer(MetricQueryRequest(metric: "average_handle_time", period: "week"), now: now)
        #expect(weekly.from == "2026-11-23T00:00:00.000Z")  // Monday, in UTC (the default zone)
        #expect(weekly.groups.first?.sampleSize == 2)
        #expect(throws: MetricsRequestError("unknown metric `csta`; did you mean `csat`? (metrics: docs/METRICS.md)", code: .unknownMetric)) {
            try service.answer(MetricQueryRequest(metric: "csta"), now: now)
        }
        #expect(throws: MetricsRequestError("`by`: group by one or two dimensions, not 3")) {
            try service.answer(MetricQueryRequest(metric: "csat", by: ["team", "agent", "channel"]), now: now)
        }
        #expect(service.stats.events == 15)
        #expect(service.stats.lastSeq == 15)
    }

    @Test func slaAttainmentIsMeasuredFromTheStoredOutcomes() throws {
        var service = MetricsService(philosophy: Philosophy())
        let outcomes = [("met", "urgent", "2026-11-23T09:00:00Z"), ("met", "urgent", "2026-11-23T10:00:00Z"),
                        ("breached", "urgent", "2026-11-23T11:00:00Z"), ("met", "standard", "2026-11-23T12:00:00Z"),
                        ("breached", "standard", "2026-11-16T12:00:00Z")]
        for (index, (outcome, policy, at)) in outcomes.enumerated() {
            let line = #"{"id":"o\#(index)","type":"x.sla.outcome","at":"\#(at)","conversation":"c\#(index)","attributes":{"policy":"\#(policy)","metric":"first_response","outcome":"\#(outcome)"}}"#
            service.apply(Stored(seq: Int64(index + 1), json: Array(line.utf8)))
        }
        let week = MetricQueryRequest(metric: "sla_attainment", from: "2026-11-23T00:00:00Z", to: "2026-11-30T00:00:00Z")
        let all = try service.answer(week, now: Timestamp(rfc3339: "2026-11-24T00:00:00Z")!)
        // The week of the 23rd: 3 met of 4 applied (the breach of the 16th is another week's).
        #expect(all.groups.map(\.value) == [75])
        #expect(all.groups.map(\.numerator) == [3])
        #expect(all.groups.map(\.denominator) == [4])
        #expect(all.unit == "percent")
        var urgent = week
        urgent.where = ["attributes.policy": ["urgent"]]
        #expect(try service.answer(urgent, now: Timestamp(rfc3339: "2026-11-24T00:00:00Z")!).groups.map(\.numerator) == [2])
        var byPolicy = week
        byPolicy.by = ["attributes.policy"]
        let split = try service.answer(byPolicy, now: Timestamp(rfc3339: "2026-11-24T00:00:00Z")!)
        #expect(Set(split.groups.map { "\($0.dimensions["attributes.policy"].flatMap { $0 } ?? "-")=\($0.value ?? -1)" }) == ["urgent=66.66666666666667", "standard=100.0"])
    }

    @Test func aRatesRowsSayWhichSideOfTheDivisionTheyCountOn() throws {
        var service = MetricsService(philosophy: Philosophy())
        let outcomes = [("met", "2026-11-23T09:00:00Z"), ("breached", "2026-11-23T11:00:00Z"), ("met", "2026-11-23T12:00:00Z")]
        for (index, (outcome, at)) in outcomes.enumerated() {
            let line = #"{"id":"o\#(index)","type":"x.sla.outcome","at":"\#(at)","conversation":"c\#(index)","attributes":{"policy":"urgent","metric":"first_response","outcome":"\#(outcome)"}}"#
            service.apply(Stored(seq: Int64(index + 1), json: Array(line.utf8)))
        }
        let now = Timestamp(rfc3339: "2026-11-24T00:00:00Z")!
        var week = MetricQueryRequest(metric: "sla_attainment", from: "2026-11-23T00:00:00Z", to: "2026-11-30T00:00:00Z")
        let figure = try service.answer(week, now: now).groups[0]
        let reply = try service.rows(week, now: now)
        // Every outcome counts below the line; the met ones above it too: 2 ÷ 3, as the figure says.
        #expect(reply.rows.map { "\($0.conversation):\($0.part ?? "-")" } == [
            "c0:numerator", "c0:denominator", "c1:denominator", "c2:numerator", "c2:denominator",
        ])
        #expect(reply.rows.allSatisfy { $0.value == 1 })
        #expect(reply.parts == ["numerator": 2, "denominator": 3])
        #expect(figure.numerator == 2 && figure.denominator == 3)
        #expect(reply.total == 5)
        #expect(reply.lastSeq == 3)
        // A limit cuts the rows, not the counts.
        week.limit = 1
        let cut = try service.rows(week, now: now)
        #expect(cut.rows.count == 1)
        #expect(cut.parts == ["numerator": 2, "denominator": 3])
        // A metric measured per conversation has no parts.
        let plain = try service.rows(MetricQueryRequest(metric: "first_response_time"), now: now)
        #expect(plain.parts == nil)
    }
}
