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
            "- Rounds: \(Set(runs.map(\.run)).count), a fresh process and a fresh stack each.",
            "",
            "## Dashboard: time to first paint",
            "",
            "Not measured yet: the dashboard page is being built separately; its benchmark (headless Chromium, from the "
                + "request to the first paint of the scorecard, beside the same page's static HTML) belongs here, in the `web` suite.",
        ]
        return lines.joined(separator: "\n")
    }
}
