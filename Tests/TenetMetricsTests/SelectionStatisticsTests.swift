import Testing
import TenetModels
import TenetPhilosophy

@testable import TenetMetrics

/// Percentiles found by selection, and sums added without a sort, against a plain sort.
@Suite("Statistics without a sort")
struct SelectionStatisticsTests {
    /// Value sets that trouble a selection: tiny ones, many duplicates, all equal, already
    /// sorted either way, and wide random values.
    static func samples(_ random: inout SeededRandom) -> [[Double]] {
        var samples: [[Double]] = []
        for count in 1...40 {
            samples.append((0..<count).map { _ in Double(Int.random(in: 0..<4, using: &random)) })
            samples.append((0..<count).map { _ in Double.random(in: -1e6...1e6, using: &random) })
        }
        for count in [100, 1_000, 10_007] {
            samples.append((0..<count).map { _ in Double(Int.random(in: 0..<3, using: &random)) })
            samples.append(Array(repeating: 7.5, count: count))
            samples.append((0..<count).map { Double($0) })
            samples.append((0..<count).map { Double(count - $0) })
            samples.append((0..<count).map { _ in Double(Int.random(in: 0..<100_000, using: &random)) / 1e3 })
        }
        return samples
    }

    @Test func percentilesBySelectionEqualASort() {
        var random = SeededRandom(seed: 21)
        var checked = 0
        for sample in Self.samples(&random) {
            let sorted = sample.sorted()
            for p in 0...100 {
                var values = sample
                let selected = ExactStatistics.percentile(selecting: &values, p)
                let expected = ExactStatistics.percentile(sorted, p)
                #expect(selected.bitPattern == expected.bitPattern, "p\(p) of \(sample.count) values")
                #expect(values.sorted() == sorted, "selection only reorders the values")
                checked += 1
            }
        }
        #expect(checked == 95 * 101)
    }

    @Test func selectionPutsEveryRankInPlace() {
        var random = SeededRandom(seed: 22)
        for count in 1...33 {
            let sample = (0..<count).map { _ in Double(Int.random(in: 0..<5, using: &random)) }
            let sorted = sample.sorted()
            for rank in 0..<count {
                var values = sample
                let value = values.withUnsafeMutableBufferPointer { OrderStatistics.select(rank, in: $0) }
                #expect(value == sorted[rank])
                #expect(values[rank] == sorted[rank])
                #expect(values[..<rank].allSatisfy { $0 <= value } && values[(rank + 1)...].allSatisfy { $0 >= value })
            }
        }
    }

    /// Every statistic of `figure` against one computed here from a sorted copy.
    @Test func figuresEqualWhatASortGives() {
        var random = SeededRandom(seed: 23)
        let statistics: [Statistic] = [.mean, .sum, .median, .percentile(90), .percentile(99), .minimum, .maximum, .count]
        for sample in Self.samples(&random) {
            let sorted = sample.sorted()
            let sum = sorted.reduce(0, +)
            for statistic in statistics {
                let expected: Double
                switch statistic {
                case .mean: expected = sum / Double(sorted.count)
                case .sum: expected = sum
                case .median: expected = ExactStatistics.percentile(sorted, 50)
                case .percentile(let p): expected = ExactStatistics.percentile(sorted, p)
                case .minimum: expected = sorted[0]
                case .maximum: expected = sorted[sorted.count - 1]
                default: expected = Double(sorted.count)
                }
                let figure = ExactStatistics.figure(sample, statistic)
                #expect(figure.value?.bitPattern == expected.bitPattern, "\(statistic) of \(sample.count) values")
                #expect(figure.sampleSize == sample.count)
            }
        }
    }

    /// Whole numbers are added as they come only while no partial sum can round: past 2⁵³ the
    /// order matters, and they are sorted first.
    @Test func largeWholeNumbersAreStillAddedInAscendingOrder() {
        let values: [Double] = [9_007_199_254_740_992, 1, 1, -9_007_199_254_740_992, 1]
        let ascending = values.sorted().reduce(0, +)
        #expect(values.reduce(0, +) != ascending, "the example must depend on the order")
        #expect(ExactStatistics.figure(values, .sum).value == ascending)
    }
}

/// The engine's revisions: what says that a metric's answers cannot have changed.
@Suite("Metric revisions")
struct MetricRevisionTests {
    static func event(_ id: String, _ type: String, _ time: String, _ extra: String = "") throws -> Event {
        let json = #"{"id":"\#(id)","type":"\#(type)","at":"2026-11-23T\#(time)Z","conversation":"c1","team":"support"\#(extra)}"#
        return try EventValidator.validate(json: Array(json.utf8))
    }

    @Test func aRevisionMovesOnlyWhenTheMetricsMeasurementsChange() throws {
        var engine = MetricsEngine(measurer: ConversationMeasurer(settings: MetricSettings()))
        #expect(engine.revision(ofMetric: "first_response_time") == 0)
        engine.apply(try Self.event("o", "conversation.opened", "09:00:00"))
        engine.apply(try Self.event("m", "message.created", "09:01:00", #","author":"customer","public":true"#))
        let opened = engine.revision(ofMetric: "volume_opened")
        let response = engine.revision(ofMetric: "first_response_time")
        #expect(opened > 0)

        engine.apply(try Self.event("r", "message.created", "09:11:00", #","author":"agent","public":true,"agent":"ana""#))
        #expect(engine.revision(ofMetric: "first_response_time") != response, "the first response is measured")
        #expect(engine.revision(ofMetric: "volume_opened") == opened, "the opening is measured again, unchanged")
        let answered = engine.revision(ofMetric: "first_response_time")

        // The same event again changes nothing; a later customer message not the first response.
        #expect(!engine.apply(try Self.event("r", "message.created", "09:11:00", #","author":"agent","public":true,"agent":"ana""#)))
        engine.apply(try Self.event("m2", "message.created", "09:20:00", #","author":"customer","public":true"#))
        #expect(engine.revision(ofMetric: "first_response_time") == answered)
        #expect(engine.revision(ofMetric: "volume_opened") == opened)
        #expect(engine.revision(ofMetric: "no_such_metric") == 0)
    }
}
