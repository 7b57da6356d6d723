import Foundation
import Testing
import TenetMetricsProtocol
import TenetReporting

/// The scorecard of a closed period (the scheduled reports): every standing series asked over
/// exactly the period's bounds, its status from the key metric's target, the trend from the
/// periods of the same kind before it.
@Suite struct ReportCollectorSpanTests {
    static let day = ReportSpan(from: ReportSpan.instant("2026-11-25T00:00:00Z")!, to: ReportSpan.instant("2026-11-26T00:00:00Z")!)

    /// Figures for the day: FRT p90 4000 s (missed, target <= 1h), FCR 80 % (met, >= 70 %),
    /// CSAT 89 % (missed, >= 90 %); 1 for any other span. `last_seq` 41, except 40 for CSAT.
    static func metrics() -> FakeSource {
        FakeSource([
            "query": { body in
                let request = try JSONDecoder().decode(MetricQueryRequest.self, from: Data(body.utf8))
                let inDay = request.from == day.fromText && request.to == day.toText
                let values = ["first_response_time": 4000.0, "first_contact_resolution": 80, "csat": 89]
                let value = inDay ? values[request.metric] ?? 7 : 1
                let unit = request.metric == "first_response_time" ? "seconds" : request.metric.hasPrefix("volume") ? "count" : "percent"
                let reply = MetricQueryReply(
                    metric: request.metric, stat: request.stat ?? "", hours: request.hours ?? "calendar", from: request.from, to: request.to,
                    unit: unit, groups: [FigureBody(dimensions: [:], value: value, sampleSize: 5, numerator: nil, denominator: nil, currency: nil)],
                    lastSeq: request.metric == "csat" ? 40 : 41)
                return ReportCollectorTests.encoded(reply)
            },
            "staffing": { _ in ReportCollectorTests.encoded(ReportFixture.staffing) },
        ])
    }

    @Test func everyFigureIsOfTheClosedDayWithItsStatus() throws {
        let metrics = Self.metrics()
        let at = ReportSpan.instant("2026-11-26T00:10:00Z")!
        let collector = ReportCollector(philosophy: try ReportFixture.philosophy, period: "day", history: 2)
        let inputs = try collector.collect(span: Self.day, at: at, metrics: metrics, rules: nil, rulesNote: "no rules")
        #expect(!metrics.asked.contains { $0.method == "scorecard" })
        let card = inputs.scorecard
        #expect(card.at == "2026-11-26T00:10:00Z")
        #expect(card.lastSeq == 40)
        // The three key metrics, then volume opened/solved (overall and by team) and backlog (overall and by team).
        #expect(
            card.series.map(\.series) == [
                "value:Speed:0", "value:Quality:0", "team:support:0", "volume_opened", "volume_opened:by_team", "volume_solved",
                "volume_solved:by_team", "backlog", "backlog:by_team",
            ])
        #expect(card.series.allSatisfy { $0.from == "2026-11-25T00:00:00Z" && $0.to == "2026-11-26T00:00:00Z" && $0.period == "day" })
        #expect(card.series.prefix(3).map(\.figure.value) == [4000, 80, 89])
        #expect(card.series.prefix(3).map(\.status) == ["missed", "met", "missed"])
        #expect(card.series.prefix(3).map(\.target) == ["<= 1h", ">= 70%", ">= 90%"])
        #expect(card.series[3].status == nil)
        #expect(card.series[2].team == "support" && card.series[2].filter == ["team": ["support"]])
        // The day's own queries: one per standing series, with the day's exact bounds (the
        // team's filter and the grouping kept).
        let dayQueries = metrics.asked.filter { $0.method == "query" && $0.body.contains(#""from":"2026-11-25T00:00:00Z""#) }.map(\.body)
        #expect(dayQueries.count == 9)
        #expect(
            dayQueries[0]
                == #"{"from":"2026-11-25T00:00:00Z","hours":"calendar","metric":"first_response_time","stat":"p90","to":"2026-11-26T00:00:00Z"}"#)
        #expect(dayQueries[4].contains(#""by":["team"]"#))
        // The trend: the two days before, oldest first, for the three key metrics.
        let speed = try #require(inputs.history["value:Speed:0"])
        #expect(speed.map(\.from) == ["2026-11-23T00:00:00Z", "2026-11-24T00:00:00Z"])
        #expect(speed.map(\.to) == ["2026-11-24T00:00:00Z", "2026-11-25T00:00:00Z"])
        let model = ReportBuilder(philosophy: try ReportFixture.philosophy, period: "day", span: Self.day).build(inputs)
        #expect(model.from == "2026-11-25T00:00:00Z" && model.to == "2026-11-26T00:00:00Z")
        #expect(model.values[0].metrics[0].trend?.change == 3999)
    }

    @Test func aPeriodThatIsNotOneIsRefused() throws {
        let collector = ReportCollector(philosophy: try ReportFixture.philosophy, period: "year")
        #expect(throws: ReportError.self) {
            try collector.collect(span: Self.day, at: Self.day.to, metrics: Self.metrics(), rules: nil)
        }
    }
}
