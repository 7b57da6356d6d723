import Foundation
import Testing
import TenetMetricsProtocol
import TenetReporting
import TenetRulesProtocol

/// A plugin with canned replies that records what it was asked.
final class FakeSource: ReportSource {
    var asked: [(method: String, body: String)] = []
    var replies: [String: (String) throws -> Data]
    struct Refused: Error, CustomStringConvertible { var description: String { "timed_out: no answer" } }

    init(_ replies: [String: (String) throws -> Data]) {
        self.replies = replies
    }

    func ask<Body: Encodable, Reply: Decodable>(_ method: String, body: Body, as reply: Reply.Type) throws -> Reply {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(body), as: UTF8.self)
        asked.append((method, text))
        guard let answer = replies[method] else { throw Refused() }
        return try JSONDecoder().decode(Reply.self, from: try answer(text))
    }
}

@Suite struct ReportCollectorTests {
    static func encoded(_ value: some Encodable) -> Data { (try? JSONEncoder().encode(value)) ?? Data() }

    static func metrics() -> FakeSource {
        FakeSource([
            "scorecard": { _ in encoded(ReportFixture.scorecard) },
            "query": { body in
                // The previous week for every key metric, whatever it was asked.
                let request = try JSONDecoder().decode(MetricQueryRequest.self, from: Data(body.utf8))
                return encoded(ReportFixture.previous(request.metric, stat: request.stat ?? "", unit: "seconds", value: 1, n: 1))
            },
            "conversations": { body in
                let request = try JSONDecoder().decode(MetricQueryRequest.self, from: Data(body.utf8))
                let series = ["first_response_time": "value:Speed:0", "first_contact_resolution": "value:Quality:0", "csat": "team:support:0"]
                return encoded(ReportFixture.conversations[series[request.metric] ?? ""])
            },
            "staffing": { _ in encoded(ReportFixture.staffing) },
        ])
    }

    @Test func asksThePreviousPeriodsWithExplicitBounds() throws {
        let metrics = Self.metrics()
        let collector = ReportCollector(philosophy: try ReportFixture.philosophy, period: "week", history: 2, rows: .durations)
        let (inputs, span) = try collector.collect(metrics: metrics, rules: nil, rulesNote: "the running stack has no plugin named 'rules'")
        #expect(span == ReportFixture.span)
        let queries = metrics.asked.filter { $0.method == "query" }.map(\.body)
        // Two earlier weeks for each of the three key metrics (not for the volume series).
        #expect(queries.count == 6)
        #expect(
            queries.first
                == #"{"from":"2026-11-09T00:00:00Z","hours":"calendar","metric":"first_response_time","stat":"p90","to":"2026-11-16T00:00:00Z"}"#)
        #expect(queries.last?.contains(#""from":"2026-11-16T00:00:00Z""#) == true)
        #expect(queries.last?.contains(#""where":{"team":["support"]}"#) == true)
        // Rows only for the duration metric, with the key metric's bounds and the limit.
        let rows = metrics.asked.filter { $0.method == "conversations" }.map(\.body)
        #expect(
            rows == [
                #"{"from":"2026-11-23T00:00:00Z","hours":"calendar","limit":100000,"metric":"first_response_time","stat":"p90","to":"2026-11-30T00:00:00Z"}"#
            ])
        #expect(metrics.asked.map(\.method).first == "scorecard")
        #expect(inputs.history["value:Speed:0"]?.count == 2)
        #expect(inputs.rulesNote == "the running stack has no plugin named 'rules'")
        #expect(inputs.sla == nil && inputs.staffing != nil)
    }

    @Test func aRulesPluginThatFailsBecomesANote() throws {
        let rules = FakeSource(["sla": { _ in Self.encoded(ReportFixture.sla) }])
        let collector = ReportCollector(philosophy: try ReportFixture.philosophy, period: "week", history: 0)
        let (inputs, _) = try collector.collect(metrics: Self.metrics(), rules: rules)
        #expect(rules.asked.map(\.method) == ["sla", "alerts"])
        #expect(inputs.sla == nil && inputs.alerts == nil)
        #expect(inputs.rulesNote == "the rules plugin did not answer: timed_out: no answer")
    }

    @Test func withTheRulesPluginTheReportListsItsAnswers() throws {
        let rules = FakeSource(["sla": { _ in Self.encoded(ReportFixture.sla) }, "alerts": { _ in Self.encoded(ReportFixture.alerts) }])
        let collector = ReportCollector(philosophy: try ReportFixture.philosophy, period: "week", history: 1, rows: .all)
        let (inputs, span) = try collector.collect(metrics: Self.metrics(), rules: rules)
        let model = ReportBuilder(philosophy: try ReportFixture.philosophy, period: "week", span: span).build(inputs)
        #expect(model.sla.breaches.map(\.conversation) == ["c3"])
        #expect(model.rows.map(\.column) == ["first_response_time", "first_contact_resolution", "csat"])
    }

    @Test func aPeriodOtherThanDayWeekOrMonthIsRefused() throws {
        let collector = ReportCollector(philosophy: try ReportFixture.philosophy, period: "fortnight")
        #expect(throws: ReportError(code: .badPeriod, field: "period", value: "fortnight", reason: "use day, week or month")) {
            try collector.collect(metrics: Self.metrics(), rules: nil)
        }
    }
}
