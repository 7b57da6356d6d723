import Foundation
import TenetMetricsProtocol
import TenetModels
import TenetPhilosophy
import TenetRules
import Testing

@Suite struct TargetTrackerTests {
    @Test func durationTargetStatusesAtTheBoundaries() throws {
        // `<= 1h` with `at_risk: 6m`: at risk from 54m (included) to 1h (included).
        let key = try #require(try rulesPhilosophy().values[0].metrics.first)
        let cases: [(Double?, TargetStatus)] = [
            (nil, .noData), (3239, .met), (3240, .atRisk), (3600, .atRisk), (3601, .missed), (0, .met),
        ]
        for (figure, expected) in cases {
            #expect(key.status(of: figure, defaultMargin: 0.1) == expected, "figure \(String(describing: figure))")
        }
    }

    @Test func percentTargetUsesTheDefaultMargin() throws {
        // `>= 90%` without `at_risk`: the margin is 10 % of 90, 9 points: at risk up to 99%.
        let key = try #require(try rulesPhilosophy().values[1].metrics.first)
        let cases: [(Double?, TargetStatus)] = [(89.99, .missed), (90, .atRisk), (99, .atRisk), (99.01, .met), (nil, .noData)]
        for (figure, expected) in cases {
            #expect(key.status(of: figure, defaultMargin: 0.1) == expected, "figure \(String(describing: figure))")
        }
        #expect(key.status(of: 95, defaultMargin: 0.02) == .met)
        let untargeted = KeyMetric(metric: "csat", statistic: .rate, target: nil)
        #expect(untargeted.status(of: 50, defaultMargin: 0.1) == nil)
    }

    @Test func reportsOnlyChanges() throws {
        var tracker = TargetTracker(philosophy: try rulesPhilosophy())
        let firstChange = tracker.observe(series: "value:Speed:0", value: 2000, sampleSize: 12, at: at(0))
        let first = try #require(firstChange)
        #expect(first.from == nil)
        #expect(first.to == .met)
        #expect(first.topic == "target.Speed.first_response_time")
        #expect(first.reading.target == "<= 1h")
        #expect(first.reading.stat == "p90")
        #expect(first.reading.sampleSize == 12)
        #expect(tracker.observe(series: "value:Speed:0", value: 2100, sampleSize: 13, at: at(1)) == nil)
        let riskChange = tracker.observe(series: "value:Speed:0", value: 3300, sampleSize: 14, at: at(2))
        let risk = try #require(riskChange)
        #expect(risk.from == .met)
        #expect(risk.to == .atRisk)
        #expect(risk.reading.value == 3300)
        #expect(risk.reading.at == at(2))
        let goneChange = tracker.observe(series: "value:Speed:0", value: nil, sampleSize: 0, at: at(3))
        let gone = try #require(goneChange)
        #expect(gone.from == .atRisk)
        #expect(gone.to == .noData)
        #expect(tracker.reading(ofSeries: "value:Speed:0")?.status == .noData)
        // Not key metrics with a target: nothing to report.
        #expect(tracker.observe(series: "backlog", value: 12, sampleSize: 1, at: at(4)) == nil)
        #expect(tracker.observe(series: "value:Nothing:0", value: 12, sampleSize: 1, at: at(4)) == nil)
    }

    @Test func teamSeriesAndMetricEvents() throws {
        var tracker = TargetTracker(philosophy: try rulesPhilosophy())
        let figure = SeriesFigure(
            series: "team:support:0", metric: "csat", stat: "rate", hours: "calendar", period: "week", from: "", to: "", filter: [:],
            figure: FigureBody(dimensions: [:], value: 85, sampleSize: 20, numerator: 17, denominator: 20, currency: nil), unit: "percent",
            target: ">= 90%", status: "missed", value: nil, team: "support", lastSeq: 7)
        let observed = tracker.observe(figure, at: at(0))
        let change = try #require(observed)
        #expect(change.to == .missed)
        #expect(change.topic == "target.team.support.csat")
        #expect(change.reading.team == "support")
        #expect(change.reading.unit == .percent)
    }

    @Test func restoredTrackerDoesNotReportAgain() throws {
        let philosophy = try rulesPhilosophy()
        var tracker = TargetTracker(philosophy: philosophy)
        _ = tracker.observe(series: "value:Quality:0", value: 95, sampleSize: 40, at: at(0))
        let encoded = try JSONEncoder().encode(tracker.snapshot)
        let snapshot = try JSONDecoder().decode(TargetTracker.Snapshot.self, from: encoded)
        #expect(snapshot == tracker.snapshot)
        var restored = TargetTracker(philosophy: philosophy, restoring: snapshot)
        #expect(restored.observe(series: "value:Quality:0", value: 96, sampleSize: 41, at: at(1)) == nil)
        #expect(restored.observe(series: "value:Quality:0", value: 80, sampleSize: 42, at: at(2))?.from == .atRisk)
    }

    @Test func reloadJudgesKeptReadingsAgain() throws {
        var tracker = TargetTracker(philosophy: try rulesPhilosophy())
        _ = tracker.observe(series: "value:Quality:0", value: 93, sampleSize: 40, at: at(0))
        #expect(tracker.reading(ofSeries: "value:Quality:0")?.status == .atRisk)
        let stricter = try rulesPhilosophy(rulesPhilosophyText.replacingOccurrences(of: "{ metric: csat, target: \">= 90%\" }\nteams", with: "{ metric: csat, target: \">= 95%\" }\nteams"))
        let changes = tracker.reload(stricter, at: at(5))
        #expect(changes.map(\.reading.series) == ["value:Quality:0"])
        #expect(changes.first?.from == .atRisk)
        #expect(changes.first?.to == .missed)
        #expect(changes.first?.reading.target == ">= 95%")
    }
}
