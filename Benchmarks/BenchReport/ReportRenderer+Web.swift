import TenetBenchSupport

extension ReportRenderer {
    /// The aim of issue 11: every browser updated within 100 ms of the metric event.
    static let webFanOutAim = 100.0

    func webSection(_ runs: [RunMeasurement]) throws(BenchmarkError) -> String {
        func subject(_ name: String) -> [RunMeasurement] { runs.filter { $0.subject == name }.sorted { $0.run < $1.run } }
        let fanOut = subject(Subject.streamFanOut), one = subject(Subject.streamOne), bus = subject(Subject.busSubscriber)
        guard !fanOut.isEmpty, !one.isEmpty, !bus.isEmpty, let first = fanOut.first else {
            throw BenchmarkError(code: .badResults, message: "web: the fan-out, the one-client and the bus-subscriber references must all be there")
        }
        func median(_ measurements: [RunMeasurement], _ setting: String) -> Double {
            Statistics.median(measurements.compactMap { $0.settings[setting].flatMap(Double.init) }) ?? 0
        }
        func ms(_ value: Double) -> String { Statistics.fixed(value, 1) + " ms" }
        func ratio(_ value: Double, _ reference: Double) -> String { reference > 0 ? Statistics.fixed(value / reference, 1) + "×" : "–" }
        func share(_ measurements: [RunMeasurement]) -> String { Statistics.fixed(median(measurements, "within_100ms") * 100, 2) + " %" }
        let clients = first.settings["clients"] ?? "?"
        let worst = fanOut.compactMap { $0.settings["max_ms"].flatMap(Double.init) }.max() ?? .infinity
        let met = worst <= Self.webFanOutAim
        var lines = [
            "## Live stream: SSE fan-out",
            "",
            "The web plugin's `/v1/stream` (`tenet-web-bench`, `Benchmarks/WebBenchmark/`): a stack with the web plugin alone; "
                + "\(clients) server-sent events clients connected over real HTTP connections (one thread reads them all, as fast as "
                + "the bytes come, as browsers would); \(first.settings["messages"] ?? "?") metric events published on the event bus "
                + "every \(first.settings["interval_ms"] ?? "?") ms, each stamped with the publisher's CLOCK_MONOTONIC, and a client's "
                + "latency for a message is its arrival minus that stamp (same machine, same clock). References, same run: one "
                + "client alone (the stream's own cost), and a plain SUB socket on the bus reading the same messages during the "
                + "fan-out (the bus hop every client's latency includes). The two phases take turns going first. "
                + "Aim: **every browser updated within \(Int(Self.webFanOutAim)) ms of the metric event**.",
            "",
            "| Receivers | p50 | p99 | max | last client per message, p50 | last client, p99 | within 100 ms | web CPU per message |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            "| \(clients) SSE clients | \(ms(median(fanOut, "p50_ms"))) | \(ms(median(fanOut, "p99_ms"))) | \(ms(median(fanOut, "max_ms"))) | "
                + "\(ms(median(fanOut, "last_client_p50_ms"))) | \(ms(median(fanOut, "last_client_p99_ms"))) | \(share(fanOut)) | "
                + "\(ms(median(fanOut, "web_cpu_ms_per_message"))) |",
            "| 1 SSE client (reference) | \(ms(median(one, "p50_ms"))) | \(ms(median(one, "p99_ms"))) | \(ms(median(one, "max_ms"))) | "
                + "– | – | \(share(one)) | \(ms(median(one, "web_cpu_ms_per_message"))) |",
            "| bus SUB during the fan-out (reference) | \(ms(median(bus, "p50_ms"))) | \(ms(median(bus, "p99_ms"))) | "
                + "\(ms(median(bus, "max_ms"))) | – | – | \(share(bus)) | – |",
            "",
            "- Fan-out over one client: p50 \(ratio(median(fanOut, "p50_ms"), median(one, "p50_ms"))), "
                + "p99 \(ratio(median(fanOut, "p99_ms"), median(one, "p99_ms"))); fan-out over the bus hop: "
                + "p50 \(ratio(median(fanOut, "p50_ms"), median(bus, "p50_ms"))).",
            "- Aim (\(Int(Self.webFanOutAim)) ms for every client and message, the worst of every run: \(ms(worst))): "
                + (met ? "**met**." : "**missed**."),
            "",
            "Every run, in round order:",
            "",
            "| Measurement | Runs |",
            "|---|---|",
        ]
        for (title, measurements, setting) in [
            ("\(clients) clients, p99", fanOut, "p99_ms"), ("\(clients) clients, max", fanOut, "max_ms"),
            ("1 client, p99", one, "p99_ms"), ("bus SUB, p99", bus, "p99_ms"),
        ] {
            lines.append("| \(title) | " + measurements.map { ms(Double($0.settings[setting] ?? "") ?? 0) }.joined(separator: "; ") + " |")
        }
        lines += [
            "",
            "- Check after every run: \(first.check).",
            "- Rounds: \(Set(fanOut.map(\.run)).count), a fresh process and a fresh stack each.",
            "",
        ]
        lines += try firstPaintSection(runs)
        return lines.joined(separator: "\n")
    }

    /// The dashboard's first paint beside the same page without the token and a tiny page; a
    /// short note when the run did not measure it.
    func firstPaintSection(_ runs: [RunMeasurement]) throws(BenchmarkError) -> [String] {
        func subject(_ name: String) -> [RunMeasurement] { runs.filter { $0.subject == name }.sorted { $0.run < $1.run } }
        let dashboard = subject(Subject.dashboardPaint), shell = subject(Subject.shellPaint), tiny = subject(Subject.tinyPagePaint)
        var lines = ["## Dashboard: time to first paint", ""]
        if dashboard.isEmpty, shell.isEmpty, tiny.isEmpty {
            lines.append("Not measured in this run (`tenet-web-bench --phase first-paint`, run by `BENCH_SUITES=web make bench`).")
            return lines
        }
        guard let first = dashboard.first, !shell.isEmpty, !tiny.isEmpty else {
            throw BenchmarkError(code: .badResults, message: "web: the dashboard's first paint, the page without the token and the tiny page must all be there")
        }
        func median(_ measurements: [RunMeasurement], _ setting: String) -> Double {
            Statistics.median(measurements.compactMap { $0.settings[setting].flatMap(Double.init) }) ?? 0
        }
        func ms(_ value: Double) -> String { Statistics.fixed(value, 0) + " ms" }
        func ratio(_ value: Double, _ reference: Double) -> String { reference > 0 ? Statistics.fixed(value / reference, 1) + "×" : "–" }
        let settings = first.settings
        let series = settings["series"] ?? "?", events = Int(settings["events"] ?? "").map { Statistics.grouped(Double($0)) } ?? "?"
        let lastSeq = Int(settings["last_seq"] ?? "").map { Statistics.grouped(Double($0)) } ?? "?"
        let navigations = settings["navigations"] ?? "?"
        let fcp = median(dashboard, "fcp_p50_ms"), filled = median(dashboard, "ready_p50_ms")
        let shellFCP = median(shell, "fcp_p50_ms"), tinyFCP = median(tiny, "fcp_p50_ms")
        lines += [
            "The dashboard in headless Chromium (`tenet-web-bench --phase first-paint`, `Benchmarks/WebBenchmark/FirstPaintRun.swift`; "
                + "\(settings["browser"] ?? "Chromium"), 1366×768, through `Scripts/devtools_bridge.py`): a stack with store, ingest, "
                + "metrics, rules and web on `philosophy.example.yaml`, loaded with \(events) events (`tenet simulate --days "
                + "\(settings["days"] ?? "?") --seed \(settings["seed"] ?? "?")`, then `tenet send`) and waited for until the metrics "
                + "plugin's `last_seq` was the store's (\(lastSeq), the rules plugin's own events included). One browser a round loads "
                + "each page \(navigations) times after one unmeasured warm-up load, the three pages taking turns going first, every load "
                + "from `about:blank` (so the browser's cache holds the page's files, alike for the dashboard and its reference). Times "
                + "run from the navigation's start: **first paint** is the page's `first-contentful-paint` entry (the page's header "
                + "and frame, painted before any data has come), **scorecard filled** the moment the page filled its scorecard "
                + "(`data-first-ready-ms`: the philosophy and `/v1/scorecard` fetched and rendered). References, same browser and run: the same page without the token (the same HTML, CSS and script; it "
                + "shows the token form and asks for no data) and a tiny static page (one paragraph, a `data:` URL: the browser's floor).",
            "",
            "| Page | first paint, p50 | first paint, p90 | scorecard filled, p50 | scorecard filled, p90 |",
            "|---|---:|---:|---:|---:|",
            "| Dashboard with the token (\(series) scorecard rows) | \(ms(fcp)) | \(ms(median(dashboard, "fcp_p90_ms"))) | "
                + "\(ms(filled)) | \(ms(median(dashboard, "ready_p90_ms"))) |",
            "| Same page without the token (reference) | \(ms(shellFCP)) | \(ms(median(shell, "fcp_p90_ms"))) | – | – |",
            "| Tiny static page (reference) | \(ms(tinyFCP)) | \(ms(median(tiny, "fcp_p90_ms"))) | – | – |",
            "",
            "- Dashboard over the page without the token: first paint p50 \(ratio(fcp, shellFCP)), "
                + "p90 \(ratio(median(dashboard, "fcp_p90_ms"), median(shell, "fcp_p90_ms"))); scorecard filled over the shell's "
                + "first paint: p50 \(ratio(filled, shellFCP)). Dashboard over the tiny page: first paint p50 \(ratio(fcp, tinyFCP)).",
            "- Percentiles of each round's \(navigations) loads; the table gives the median of the rounds.",
            "",
            "Every run, in round order:",
            "",
            "| Measurement | Runs |",
            "|---|---|",
        ]
        for (title, measurements, setting) in [
            ("dashboard, first paint p50", dashboard, "fcp_p50_ms"), ("dashboard, scorecard filled p50", dashboard, "ready_p50_ms"),
            ("without the token, first paint p50", shell, "fcp_p50_ms"), ("tiny page, first paint p50", tiny, "fcp_p50_ms"),
        ] {
            lines.append("| \(title) | " + measurements.map { ms(Double($0.settings[setting] ?? "") ?? 0) }.joined(separator: "; ") + " |")
        }
        lines += [
            "",
            "- Check after every run: \(first.check); without the token: \(shell.first?.check ?? "?").",
            "- Rounds: \(Set(dashboard.map(\.run)).count), a fresh process, stack and browser each.",
        ]
        return lines
    }
}
