import Testing

@testable import BenchReport
@testable import TenetBenchSupport

@Suite struct MetricsReportTests {
    static func measurement(
        _ subject: String, variant: String, run: Int = 1, count: Int = 1_000_000, seconds: Double, settings: [String: String] = [:],
        cpu: [String: Double] = [:]
    ) -> RunMeasurement {
        RunMeasurement(
            suite: Suite.metrics, subject: subject, variant: variant, run: run, count: count, seconds: seconds,
            rate: Double(count) / seconds, unit: "x", check: "checked \(subject)", settings: settings, cpu: cpu)
    }

    /// Engine medians 400,000 in order and 150,000 shuffled; ingest 10 s, metrics 10.5 s; latency
    /// p99 50 ms; query 1 ms beside DuckDB's 30 ms; scorecard 2 ms beside 400 ms; restarts 4 s and
    /// 6 s; memory 512 MiB.
    static var runs: [RunMeasurement] {
        [
            measurement(Subject.engineInOrder, variant: "engine", run: 1, seconds: 2.5, settings: ["conversations": "100000"]),
            measurement(Subject.engineInOrder, variant: "engine", run: 2, seconds: 3),
            measurement(Subject.engineShuffled, variant: "engine", run: 1, seconds: 1_000_000 / 150_000.0),
            measurement(Subject.engineShuffled, variant: "engine", run: 2, seconds: 1_000_000 / 150_000.0),
            measurement(Subject.ingestAck, variant: "load", seconds: 10),
            measurement(Subject.metricsCaughtUp, variant: "load", seconds: 10.5, cpu: ["metrics": 4.2]),
            measurement(Subject.metricLatency, variant: "latency", count: 600, seconds: 0.05, settings: ["p50": "0.02", "p99": "0.05", "max": "0.07"]),
            measurement(Subject.ackLatency, variant: "latency", count: 600, seconds: 0.004, settings: ["p50": "0.002", "p99": "0.004", "max": "0.005"]),
            measurement(Subject.tenetQuery, variant: "query", count: 20, seconds: 0.001),
            measurement(Subject.duckdbQuery, variant: "query", count: 3, seconds: 0.03, settings: ["threads": "2", "duckdb": "2.0.1"]),
            measurement(Subject.tenetScorecard, variant: "scorecard", count: 10, seconds: 0.002, settings: ["figures": "15"]),
            measurement(Subject.duckdbScorecard, variant: "scorecard", count: 3, seconds: 0.4),
            measurement(Subject.restartClean, variant: "restart", seconds: 4, settings: ["checkpoint_bytes_before": "1048576"]),
            measurement(Subject.restartKill, variant: "restart", seconds: 6, settings: ["checkpoint_bytes_before": "1048576"]),
            measurement(Subject.restartFull, variant: "restart", seconds: 20, settings: ["checkpoint_bytes_before": "0"]),
            measurement(
                Subject.pluginMemory, variant: "memory", seconds: 0,
                settings: ["vm_rss": "536870912", "vm_hwm": "536870912", "ndjson_bytes": "209715200"]),
        ]
    }

    static func render(_ runs: [RunMeasurement]) throws -> String {
        try ReportRenderer(machine: ReportRendererTests.machine, measurements: runs, timing: nil, changedSince: nil).render()
    }

    @Test func eachFigureStandsBesideItsReferenceWithItsAim() throws {
        let text = try Self.render(Self.runs)
        // Median of 400,000 and 333,333: 366,667; shuffled misses the aim of 200,000 by 0.75×.
        #expect(text.contains("| `MetricsEngine.apply` alone, events in `at` order | 366,667 | 2.73 | ≥ 200,000: met |"))
        #expect(text.contains("| `MetricsEngine.apply` alone, shuffled (late, out of order) | 150,000 | 6.67 | ≥ 200,000: **missed** (0.75× the aim) |"))
        // 0.5 s behind a 10 s load is within max(1 s, 2%).
        #expect(text.contains("| 100,000 | 10.00 | |"))
        #expect(text.contains("| 95,238 | 10.50 | never the bottleneck (caught up within max(1 s, 2%) of the last acknowledgement): met |"))
        #expect(text.contains("| 20.0 ms | 50.0 ms | 70.0 ms | p99 < 100 ms: met |"))
        #expect(text.contains("| 1.00 ms | 30.0 ms | 30.0× | ≥ 25×: met |"))
        #expect(text.contains("| 2.00 ms | 400.0 ms | 200.0× | ≥ 250×: **missed** (200.0×) |"))
        #expect(text.contains("| 1,000,000 | 4.00 | 250,000 | 1 MiB | met |"))
        #expect(text.contains("| 1,000,000 | 6.00 | 166,667 | 1 MiB | **missed** (1.2× the aim) |"))
        #expect(text.contains("| 1,000,000 | 20.00 | 50,000 | none | (reference) |"))
        #expect(text.contains("| metrics plugin, every event applied | 512 MiB | 512 MiB | 537 | met |"))
        #expect(text.contains(
            "**Aims missed:** engine below 200,000 events/s; scorecard 200.0× DuckDB; restart after SIGKILL 6.0 s."))
    }

    @Test func refusesAQueryWithoutDuckDBBesideIt() {
        #expect(throws: BenchmarkError.self) { try Self.render(Self.runs.filter { $0.subject != Subject.duckdbQuery }) }
        #expect(throws: BenchmarkError.self) { try Self.render(Self.runs.filter { $0.subject != Subject.engineShuffled }) }
    }
}
