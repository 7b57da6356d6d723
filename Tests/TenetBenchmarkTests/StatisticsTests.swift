import Testing

@testable import IngestBenchmark
@testable import TenetBenchSupport

@Suite struct StatisticsTests {
    @Test func medianOfOddAndEvenCounts() {
        #expect(Statistics.median([3, 1, 2]) == 2)
        #expect(Statistics.median([4, 1, 3, 2]) == 2.5)
        #expect(Statistics.median([]) == nil)
    }

    @Test func numbersForPeople() {
        #expect(Statistics.grouped(1_234_567.4) == "1,234,567")
        #expect(Statistics.grouped(999) == "999")
        #expect(Statistics.fixed(0.26315, 2) == "0.26")
        #expect(Statistics.fixed(0.005, 2) == "0.01")
        #expect(Statistics.fixed(12, 1) == "12.0")
    }

    @Test func measurementsRoundTripThroughTheirJSONLines() throws {
        let measurement = RunMeasurement(
            suite: Suite.bus, subject: Subject.c, variant: "pubsub", run: 3, count: 10, seconds: 0.5, rate: 18,
            unit: "msgs/s", check: "counted", settings: ["libzmq": "4.3.4"], cpu: ["store": 1.5])
        let text = measurement.jsonLine() + "\n\n" + measurement.jsonLine() + "\n"
        #expect(try RunMeasurement.read(ndjson: text, file: "x") == [measurement, measurement])
        #expect(throws: BenchmarkError.self) { try RunMeasurement.read(ndjson: "{\"suite\":1}\n", file: "x") }
    }

    @Test func sendSummaryMustAcceptEveryEventAndNothingElse() throws {
        #expect(try SendSummary.check("sent 100%\naccepted 5, duplicates 0, rejected 0\n", events: 5) == "accepted 5, duplicates 0, rejected 0")
        #expect(try SendSummary.check("accepted 5, duplicates 0, conflicts 0, rejected 0", events: 5).hasPrefix("accepted 5"))
        #expect(throws: BenchmarkError.self) { try SendSummary.check("accepted 4, duplicates 1, rejected 0", events: 5) }
        #expect(throws: BenchmarkError.self) { try SendSummary.check("accepted 5, duplicates 0, rejected 1", events: 5) }
        #expect(throws: BenchmarkError.self) { try SendSummary.check("", events: 5) }
    }
}
