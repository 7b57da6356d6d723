import Testing

@testable import BenchReport
@testable import TenetBenchSupport

@Suite struct ReportRendererTests {
    static let machine = MachineInfo(
        commit: "0123456789abcdef0123456789abcdef01234567", dirty: false, changes: [], cpu: "Test CPU", cores: 2,
        memory: "1.0 GiB", kernel: "Linux 6", swift: "Swift 6.3.1", compiler: "cc 12", loadAverage: "0.1 0.2 0.3",
        date: "2026-11-22 10:00:00 UTC")
    static let full = "journal_mode=wal synchronous=2 (FULL)"

    static func run(_ subject: String, _ rate: Double, run: Int, batch: Int = 1000, connection: String? = nil) -> RunMeasurement {
        RunMeasurement(
            suite: Suite.ingest, subject: subject, variant: "batch \(batch)", run: run, count: 1000, seconds: 1000 / rate,
            rate: rate, unit: "x", check: "checked \(subject)", settings: connection.map { ["connection": $0] } ?? [:],
            cpu: subject == Subject.endToEnd ? ["store": 0.5, "ingest": 0.25, "send": 0.1, "supervisor": 0.0] : [:])
    }

    /// Three rounds: medians e2e 100, append 200, plain 400, normal 500.
    static var ingestRuns: [RunMeasurement] {
        [
            run(Subject.endToEnd, 90, run: 1), run(Subject.endToEnd, 100, run: 2), run(Subject.endToEnd, 130, run: 3),
            run(Subject.storeAppend, 200, run: 1, connection: full), run(Subject.storeAppend, 150, run: 2, connection: full),
            run(Subject.storeAppend, 210, run: 3, connection: full),
            run(Subject.plainSQLite, 400, run: 1, connection: full), run(Subject.plainSQLite, 410, run: 2, connection: full),
            run(Subject.plainSQLite, 300, run: 3, connection: full),
            run(Subject.plainSQLiteNormal, 500, run: 1), run(Subject.plainSQLiteNormal, 500, run: 2),
            run(Subject.plainSQLiteNormal, 500, run: 3),
        ]
    }

    @Test func medianRowSetsEachFigureBesideItsReferences() throws {
        let text = try ReportRenderer(machine: Self.machine, measurements: Self.ingestRuns, timing: nil, changedSince: nil).render()
        #expect(text.contains("| 1,000 | 100 | 200 | 0.50 | 400 | 0.25 | 500 | 0.20 |"))
        #expect(text.contains("| 1,000 | end to end (events/s) | 90; 100; 130 |"))
        #expect(text.contains("on commit `0123456789` (a clean tree)"))
        #expect(text.contains("**Targets missed:** 100 events/s at batch 1,000, below 100,000."))
    }

    @Test func refusesAPlainReferenceWithOtherSettingsThanTheStore() {
        var runs = Self.ingestRuns
        for index in runs.indices where runs[index].subject == Subject.plainSQLite {
            runs[index].settings["connection"] = "journal_mode=wal synchronous=1 (NORMAL)"
        }
        #expect(throws: BenchmarkError.self) {
            try ReportRenderer(machine: Self.machine, measurements: runs, timing: nil, changedSince: nil).render()
        }
    }

    @Test func refusesAFigureWithoutItsReference() {
        let runs = Self.ingestRuns.filter { $0.subject != Subject.storeAppend }
        #expect(throws: BenchmarkError.self) {
            try ReportRenderer(machine: Self.machine, measurements: runs, timing: nil, changedSince: nil).render()
        }
    }

    @Test func marksATreeWithUncommittedChanges() throws {
        var machine = Self.machine
        machine.dirty = true
        machine.changes = [" M Package.swift"]
        let text = try ReportRenderer(machine: machine, measurements: Self.ingestRuns, timing: nil, changedSince: "HEAD moved").render()
        #expect(text.contains("**Not from a committed tree.**"))
        #expect(text.contains("` M Package.swift`"))
        #expect(text.contains("**The tree changed during the run** (HEAD moved)"))
        #expect(!text.contains("(a clean tree)"))
    }

    @Test func busRatioIsSwiftOverC() throws {
        func bus(_ subject: String, _ rate: Double, _ run: Int) -> RunMeasurement {
            RunMeasurement(
                suite: Suite.bus, subject: subject, variant: "pushpull", run: run, count: 10, seconds: 1, rate: rate,
                unit: "msgs/s", check: "counted", settings: ["libzmq": "4.3.4", "size": "100", "warmup": "5"])
        }
        let runs = [bus(Subject.c, 1000, 1), bus(Subject.swift, 700, 1), bus(Subject.c, 1000, 2), bus(Subject.swift, 780, 2)]
        let text = try ReportRenderer(machine: Self.machine, measurements: runs, timing: .init(build: 600, measure: 65), changedSince: nil).render()
        #expect(text.contains("| PUSH/PULL ipc | 1,000 | 740 | 0.74 | **missed** |"))
        #expect(text.contains("`make bench` took 11 min 5 s on this machine: 10 min 0 s building"))
        #expect(text.contains("- libzmq: 4.3.4"))
    }

    @Test func calendarRowSetsDurationsBesideTheSubtractionReference() throws {
        func calendar(_ subject: String, _ rate: Double, _ run: Int) -> RunMeasurement {
            RunMeasurement(
                suite: Suite.calendar, subject: subject, variant: "spans up to 30 days", run: run, count: 2_000_000, seconds: 2_000_000 / rate,
                rate: rate, unit: "spans/s", check: "checked \(subject)",
                settings: ["schedule": "Europe/Berlin, two versions", "business_share": "0.337", "warmup_seconds": "0.0012"])
        }
        // Medians: durations 3,000,000, subtraction 100,000,000, deadlines 1,500,000.
        let runs = [
            calendar(Subject.businessDuration, 2_500_000, 1), calendar(Subject.subtraction, 100_000_000, 1), calendar(Subject.deadline, 1_500_000, 1),
            calendar(Subject.businessDuration, 3_000_000, 2), calendar(Subject.subtraction, 90_000_000, 2), calendar(Subject.deadline, 1_400_000, 2),
            calendar(Subject.businessDuration, 3_100_000, 3), calendar(Subject.subtraction, 120_000_000, 3), calendar(Subject.deadline, 1_600_000, 3),
        ]
        let text = try ReportRenderer(machine: Self.machine, measurements: runs, timing: nil, changedSince: nil).render()
        #expect(text.contains("| 3,000,000 | 100,000,000 | 0.030 | 1,500,000 | met |"))
        #expect(text.contains("| business durations | 2,500,000; 3,000,000; 3,100,000 |"))
        #expect(text.contains("  - deadline: checked deadline."))
        // Below the aim of 2,000,000 a second, the row says so.
        let slow = runs.map { run in
            var run = run
            if run.subject == Subject.businessDuration { run.rate /= 2 }
            return run
        }
        #expect(try ReportRenderer(machine: Self.machine, measurements: slow, timing: nil, changedSince: nil).render().contains("| 1,500,000 | 100,000,000 | 0.015 | 1,500,000 | **missed** |"))
        // Without its reference the section is refused.
        #expect(throws: BenchmarkError.self) {
            try ReportRenderer(machine: Self.machine, measurements: runs.filter { $0.subject != Subject.subtraction }, timing: nil, changedSince: nil).render()
        }
    }
}

@Suite struct SimulatorReportTests {
    static func simulator(_ subject: String, _ rate: Double, _ run: Int, year: Double) -> RunMeasurement {
        RunMeasurement(
            suite: Suite.simulator, subject: subject, variant: "200 agents, 365 days", run: run, count: 18_000_000, seconds: 18_000_000 / rate,
            rate: rate, unit: "events/s", check: "checked \(subject)",
            settings: ["agents": "200", "days": "365", "year_seconds": String(year), "bytes_per_event": "180.0", "seed": "42",
                "start": "2026-11-01T23:00:00.000Z", "summary": "18000000 events"])
    }

    /// The simulator beside the JSON writer, and the simulated year against the aim of a minute.
    @Test func simulatorRowSetsEventsBesideTheWriterWithTheAim() throws {
        // Medians: simulator 3,000,000, writer 1,500,000, a year 6 s.
        let runs = [
            Self.simulator(Subject.simulator, 3_000_000, 1, year: 6), Self.simulator(Subject.jsonWriter, 1_500_000, 1, year: 6),
            Self.simulator(Subject.simulator, 2_000_000, 2, year: 9), Self.simulator(Subject.jsonWriter, 1_400_000, 2, year: 9),
            Self.simulator(Subject.simulator, 3_200_000, 3, year: 5.6), Self.simulator(Subject.jsonWriter, 1_600_000, 3, year: 5.6),
        ]
        let text = try ReportRenderer(machine: ReportRendererTests.machine, measurements: runs, timing: nil, changedSince: nil).render()
        #expect(text.contains("| 3,000,000 | 1,500,000 | 2.00 | 6.0 s | met |"))
        #expect(text.contains("| simulator | 3,000,000; 2,000,000; 3,200,000 |"))
        #expect(text.contains("  - json-writer: checked json-writer."))
        let slow = runs.map { run in
            var run = run
            run.settings["year_seconds"] = "75"
            return run
        }
        #expect(try ReportRenderer(machine: ReportRendererTests.machine, measurements: slow, timing: nil, changedSince: nil).render().contains("| 75.0 s | **missed** |"))
        #expect(throws: BenchmarkError.self) {
            try ReportRenderer(machine: ReportRendererTests.machine, measurements: runs.filter { $0.subject != Subject.jsonWriter }, timing: nil, changedSince: nil).render()
        }
    }
}

@Suite struct SLAReportTests {
    static func sla(_ subject: String, _ rate: Double, _ run: Int, peak: Int) -> RunMeasurement {
        RunMeasurement(
            suite: Suite.sla, subject: subject, variant: "1000000 conversations", run: run, count: 1_000_000, seconds: 1_000_000 / rate,
            rate: rate, unit: "per s", check: "checked \(subject)",
            settings: ["conversations": "1000000", "open_clocks": "1900000", "rss_after_open_bytes": String(300 << 20), "peak_bytes": String(peak)])
    }

    /// Apply and due rates beside the calendar-deadline reference, memory against the 1 GiB aim.
    @Test func slaRowSetsRatesBesideTheReferenceWithTheMemoryAim() throws {
        // Medians: apply 500,000, due 1,000,000, deadlines 4,000,000; peak 512 MiB.
        let runs = (1...3).flatMap { run in
            [
                Self.sla(Subject.slaApply, [400_000, 500_000, 600_000][run - 1], run, peak: 512 << 20),
                Self.sla(Subject.slaDue, [1_000_000, 900_000, 1_100_000][run - 1], run, peak: 512 << 20),
                Self.sla(Subject.slaDeadline, 4_000_000, run, peak: 512 << 20),
            ]
        }
        let text = try ReportRenderer(machine: ReportRendererTests.machine, measurements: runs, timing: nil, changedSince: nil).render()
        #expect(text.contains("| 500,000 | 1,000,000 | 4,000,000 | 1,900,000 | 300.0 MiB | 512.0 MiB | met |"))
        #expect(text.contains("| events/s | 400,000; 500,000; 600,000 |"))
        let heavy = runs.map { run in
            var run = run
            run.settings["peak_bytes"] = String(1100 << 20)
            return run
        }
        #expect(try ReportRenderer(machine: ReportRendererTests.machine, measurements: heavy, timing: nil, changedSince: nil).render().contains("| 1100.0 MiB | **missed** |"))
        #expect(throws: BenchmarkError.self) {
            try ReportRenderer(machine: ReportRendererTests.machine, measurements: runs.filter { $0.subject != Subject.slaDeadline }, timing: nil, changedSince: nil).render()
        }
    }
}

@Suite struct WebReportTests {
    static func web(_ subject: String, _ run: Int, p50: Double, p99: Double, max: Double, clients: Int) -> RunMeasurement {
        RunMeasurement(
            suite: Suite.web, subject: subject, variant: "\(clients) clients", run: run, count: 200 * clients, seconds: 4,
            rate: Double(50 * clients), unit: "deliveries/s", check: "checked \(subject)",
            settings: [
                "clients": String(clients), "messages": "200", "interval_ms": "20.0", "p50_ms": String(p50), "p99_ms": String(p99),
                "max_ms": String(max), "last_client_p50_ms": String(p99), "last_client_p99_ms": String(max), "within_100ms": "1.0",
                "web_cpu_ms_per_message": "2.0",
            ])
    }

    /// The fan-out beside one client and the bus subscriber, medians of the rounds, the aim from the worst run.
    @Test func fanOutRowSetsLatenciesBesideTheReferencesWithTheAim() throws {
        let runs = (1...3).flatMap { run in
            [
                Self.web(Subject.streamFanOut, run, p50: [4, 5, 6][run - 1], p99: 9, max: [12, 30, 20][run - 1], clients: 100),
                Self.web(Subject.streamOne, run, p50: 1, p99: 2, max: 3, clients: 1),
                Self.web(Subject.busSubscriber, run, p50: 0.5, p99: 4, max: 5, clients: 1),
            ]
        }
        let text = try ReportRenderer(machine: ReportRendererTests.machine, measurements: runs, timing: nil, changedSince: nil).render()
        #expect(text.contains("| 100 SSE clients | 5.0 ms | 9.0 ms | 20.0 ms | 9.0 ms | 20.0 ms | 100.00 % | 2.0 ms |"), "\(text)")
        #expect(text.contains("| 1 SSE client (reference) | 1.0 ms | 2.0 ms | 3.0 ms | – | – | 100.00 % | 2.0 ms |"))
        #expect(text.contains("- Fan-out over one client: p50 5.0×, p99 4.5×; fan-out over the bus hop: p50 10.0×."))
        #expect(text.contains("the worst of every run: 30.0 ms): **met**."))
        #expect(text.contains("| 100 clients, max | 12.0 ms; 30.0 ms; 20.0 ms |"))
        #expect(text.contains("## Dashboard: time to first paint\n\nNot measured in this run"))
        let slow = runs.map { run in
            var run = run
            if run.subject == Subject.streamFanOut, run.run == 2 { run.settings["max_ms"] = "130" }
            return run
        }
        #expect(try ReportRenderer(machine: ReportRendererTests.machine, measurements: slow, timing: nil, changedSince: nil).render().contains("130.0 ms): **missed**."))
        #expect(throws: BenchmarkError.self) {
            try ReportRenderer(machine: ReportRendererTests.machine, measurements: runs.filter { $0.subject != Subject.streamOne }, timing: nil, changedSince: nil).render()
        }
    }

    static func paint(_ subject: String, _ run: Int, p50: Double, p90: Double, ready: (Double, Double)? = nil) -> RunMeasurement {
        var settings = [
            "fcp_p50_ms": String(p50), "fcp_p90_ms": String(p90), "navigations": "10", "events": "152345", "series": "47",
            "last_seq": "179803", "days": "7", "seed": "11", "browser": "Chrome/156.0",
        ]
        if let ready {
            settings["ready_p50_ms"] = String(ready.0)
            settings["ready_p90_ms"] = String(ready.1)
        }
        return RunMeasurement(
            suite: Suite.web, subject: subject, variant: subject, run: run, count: 10, seconds: 8, rate: 1.25, unit: "loads/s",
            check: "checked \(subject)", settings: settings)
    }

    /// The dashboard's first paint beside the page without the token and the tiny page: medians of
    /// the rounds, the ratios, every run; a half-measured run is refused.
    @Test func firstPaintRowSetsTheDashboardBesideTheShellAndTheTinyPage() throws {
        let fanOut = (1...3).flatMap { run in
            [
                Self.web(Subject.streamFanOut, run, p50: 4, p99: 9, max: 12, clients: 100), Self.web(Subject.streamOne, run, p50: 1, p99: 2, max: 3, clients: 1),
                Self.web(Subject.busSubscriber, run, p50: 0.5, p99: 4, max: 5, clients: 1),
            ]
        }
        let paint = (1...3).flatMap { run in
            [
                Self.paint(Subject.dashboardPaint, run, p50: [90, 120, 100][run - 1], p90: 180, ready: ([200, 260, 240][run - 1], 300)),
                Self.paint(Subject.shellPaint, run, p50: [60, 50, 40][run - 1], p90: 90),
                Self.paint(Subject.tinyPagePaint, run, p50: 40, p90: 60),
            ]
        }
        let text = try ReportRenderer(machine: ReportRendererTests.machine, measurements: fanOut + paint, timing: nil, changedSince: nil).render()
        #expect(text.contains("| Dashboard with the token (47 scorecard rows) | 100 ms | 180 ms | 240 ms | 300 ms |"), "\(text)")
        #expect(text.contains("| Same page without the token (reference) | 50 ms | 90 ms | – | – |"))
        #expect(text.contains("| Tiny static page (reference) | 40 ms | 60 ms | – | – |"))
        #expect(text.contains("first paint p50 2.0×, p90 2.0×; scorecard filled over the shell's first paint: p50 4.8×. Dashboard over the tiny page: first paint p50 2.5×."))
        #expect(text.contains("| dashboard, scorecard filled p50 | 200 ms; 260 ms; 240 ms |"))
        #expect(text.contains("loaded with 152,345 events (`tenet simulate --days 7 --seed 11`"))
        #expect(text.contains("(179,803, the rules plugin's own events included)"))
        #expect(!text.contains("Not measured in this run"))
        #expect(throws: BenchmarkError.self) {
            try ReportRenderer(
                machine: ReportRendererTests.machine, measurements: fanOut + paint.filter { $0.subject != Subject.shellPaint }, timing: nil, changedSince: nil
            ).render()
        }
    }
}
