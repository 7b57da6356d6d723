import TenetBenchSupport

/// The metrics section (issue 8): each figure beside its reference from the same run, each aim
/// stated with whether it is met, and by how much it is missed.
extension ReportRenderer {
    /// The aims of issue 8.
    enum MetricsAim {
        static let engineRate = 200_000.0
        static let latencyP99 = 0.1
        static let queryRatio = 25.0
        static let scorecardRatio = 250.0
        static let restartSeconds = 5.0
        static let memoryBytes = 1_073_741_824.0
    }

    func metricsSection(_ runs: [RunMeasurement]) throws(BenchmarkError) -> String {
        func of(_ subject: String) -> [RunMeasurement] { runs.filter { $0.subject == subject }.sorted { $0.run < $1.run } }
        func median(_ subject: String, _ value: (RunMeasurement) -> Double?) -> Double? {
            Statistics.median(of(subject).compactMap(value))
        }
        func setting(_ run: RunMeasurement, _ name: String) -> Double? { run.settings[name].flatMap(Double.init) }
        func required(_ subject: String, _ value: (RunMeasurement) -> Double?) throws(BenchmarkError) -> Double {
            guard let found = median(subject, value) else {
                throw BenchmarkError(code: .badResults, message: "metrics: no \(subject) measurement beside the others")
            }
            return found
        }
        func verdict(_ met: Bool, _ miss: String) -> String { met ? "met" : "**missed** (\(miss))" }
        func ms(_ seconds: Double) -> String { Statistics.fixed(seconds * 1000, seconds < 0.01 ? 2 : 1) + " ms" }
        func mib(_ bytes: Double) -> String { Statistics.grouped(bytes / 1_048_576) + " MiB" }

        let events = of(Subject.ingestAck).first?.count ?? of(Subject.engineInOrder).first?.count ?? 0
        let conversations = of(Subject.engineInOrder).first?.settings["conversations"]
        var lines = [
            "## Metrics",
            "",
            "The metrics engine and plugin (issue 8; `tenet-metrics-bench`, `Benchmarks/MetricsBenchmark/`, and the DuckDB "
                + "reference `Benchmarks/duckdb/bench.py`) on \(Statistics.grouped(Double(events))) events"
                + (conversations.map { " of \(Statistics.grouped(Double($0) ?? 0)) conversations" } ?? "")
                + " from `Benchmarks/duckdb/generate.py` (chat, email and phone conversations of teams a, b, c over the 35 days "
                + "before the run, shuffled: bots and hand-offs, transfers, reopens, surveys, private notes), under the philosophy "
                + "`Benchmarks/duckdb/philosophy.yaml` (p90 first response in business hours for teams {a,b} × channels "
                + "{chat,email}, first contact resolution, CSAT, all over rolling 28 days; business hours Mon–Fri 09:00–17:00 "
                + "Europe/Berlin with holidays). Each figure stands beside its reference from the same run.",
            "",
        ]
        var misses: [String] = []

        // 1. Throughput.
        let inOrder = try required(Subject.engineInOrder) { $0.rate }
        let shuffled = try required(Subject.engineShuffled) { $0.rate }
        let parseInOrder = median(Subject.engineInOrder) { setting($0, "parse_and_apply_rate") }
        let parseShuffled = median(Subject.engineShuffled) { setting($0, "parse_and_apply_rate") }
        lines += ["### Keeping up with ingest", ""]
        lines += [
            "| Measurement | events/s | seconds | Aim |",
            "|---|---:|---:|---|",
            "| `MetricsEngine.apply` alone, events in `at` order | \(Statistics.grouped(inOrder)) | "
                + "\(Statistics.fixed(Double(of(Subject.engineInOrder).first?.count ?? 0) / inOrder, 2)) | "
                + "≥ 200,000: \(verdict(inOrder >= MetricsAim.engineRate, "\(Statistics.fixed(inOrder / MetricsAim.engineRate, 2))× the aim")) |",
            "| `MetricsEngine.apply` alone, shuffled (late, out of order) | \(Statistics.grouped(shuffled)) | "
                + "\(Statistics.fixed(Double(of(Subject.engineShuffled).first?.count ?? 0) / shuffled, 2)) | "
                + "≥ 200,000: \(verdict(shuffled >= MetricsAim.engineRate, "\(Statistics.fixed(shuffled / MetricsAim.engineRate, 2))× the aim")) |",
            "| parsing (`EventValidator`) and applying, as the plugin does per event: in order / shuffled | "
                + "\(parseInOrder.map(Statistics.grouped) ?? "–") / \(parseShuffled.map(Statistics.grouped) ?? "–") | | |",
        ]
        if inOrder < MetricsAim.engineRate || shuffled < MetricsAim.engineRate {
            misses.append("engine below 200,000 events/s")
        }
        if let ack = median(Subject.ingestAck, { $0.seconds }), let caught = median(Subject.metricsCaughtUp, { $0.seconds }) {
            let lag = caught - ack
            let allowed = max(1, ack * 0.02)
            let ackRate = Double(events) / ack
            lines.append(
                "| Stack (store, ingest, metrics): `tenet send` at full speed until ingest acknowledged every event (the reference) | "
                    + "\(Statistics.grouped(ackRate)) | \(Statistics.fixed(ack, 2)) | |")
            lines.append(
                "| the same load until the metrics plugin's `last_seq` reached the last event | \(Statistics.grouped(Double(events) / caught)) | "
                    + "\(Statistics.fixed(caught, 2)) | never the bottleneck (caught up within max(1 s, 2%) of the last acknowledgement): "
                    + "\(verdict(lag <= allowed, "\(Statistics.fixed(lag, 1)) s behind, \(Statistics.fixed(caught / ack, 2))× ingest's time")) |")
            if lag > allowed { misses.append("the plugin finished \(Statistics.fixed(lag, 1)) s after ingest") }
            if let load = of(Subject.metricsCaughtUp).first {
                let cpu = load.cpu.sorted { $0.key < $1.key }.map { "\($0.key) \(Statistics.fixed($0.value, 1)) s (\(Statistics.fixed($0.value / load.seconds * 100, 0))% of a CPU)" }
                lines += ["", "CPU during the load, until the plugin caught up (\(Statistics.fixed(load.seconds, 1)) s on the clock, "
                    + "\(machine.cores) CPUs shared): \(cpu.joined(separator: ", ")). Engine alone beside the stack: the engine "
                    + "applies \(Statistics.fixed(min(inOrder, shuffled) / ackRate, 1))× as many events per second as ingest acknowledges."]
            }
        }

        if let lateShuffled = of(Subject.engineShuffled).first.flatMap({ setting($0, "late_events") }),
            let lateInOrder = of(Subject.engineInOrder).first.flatMap({ setting($0, "late_events") }) {
            let total = Double(of(Subject.engineShuffled).first?.count ?? 0)
            lines += ["", "Late events (an event stored after one of its conversation with a later `at`: the conversation is "
                + "measured again): \(Statistics.grouped(lateShuffled)) of \(Statistics.grouped(total)) shuffled, "
                + "\(Statistics.grouped(lateInOrder)) in `at` order (events of one instant keep the file's order, which the engine may order otherwise: docs/METRICS.md, \"The order of events\")."]
        }

        // 2. Latency.
        if let metric = of(Subject.metricLatency).first, let ack = of(Subject.ackLatency).first {
            let p50 = try required(Subject.metricLatency) { setting($0, "p50") }
            let p99 = try required(Subject.metricLatency) { setting($0, "p99") }
            let ackP50 = try required(Subject.ackLatency) { setting($0, "p50") }
            let ackP99 = try required(Subject.ackLatency) { setting($0, "p99") }
            lines += [
                "", "### Latency from acknowledgement to metric event", "",
                "\(Statistics.grouped(setting(metric, "rate") ?? 0)) events/s for \(metric.settings["seconds"] ?? "?") s "
                    + "(\(metric.settings["batch"] ?? "?") events a request; achieved \(Statistics.grouped(metric.rate)) events/s) on top of the "
                    + "\(Statistics.grouped(setting(metric, "history") ?? 0)) stored events; \(metric.count) batches.",
                "",
                "| Latency | p50 | p99 | max | Aim |",
                "|---|---:|---:|---:|---|",
                "| ingest's acknowledgement → first metric event (`metric.`) whose `last_seq` includes the batch | \(ms(p50)) | \(ms(p99)) | "
                    + "\(ms(setting(metric, "max") ?? 0)) | p99 < 100 ms: \(verdict(p99 < MetricsAim.latencyP99, "\(Statistics.fixed(p99 / MetricsAim.latencyP99, 1))× the aim")) |",
                "| reference: sending the batch → ingest's acknowledgement (durable) | \(ms(ackP50)) | \(ms(ackP99)) | "
                    + "\(ms(setting(ack, "max") ?? 0)) | |",
                "",
                "The metric events came in \(metric.settings["bursts"] ?? "?") bursts (events within 5 ms of a burst's first), one every "
                    + "\(ms(setting(metric, "burst_interval") ?? 0)) on average (\(metric.settings["metric_events"] ?? "?") metric events): "
                    + "the plugin's coalescing interval as observed. A batch waits on average half an interval for the next burst.",
            ]
            if p99 >= MetricsAim.latencyP99 { misses.append("latency p99 \(ms(p99))") }
        }

        // 3. Queries beside DuckDB.
        if let tenetQuery = median(Subject.tenetQuery, { $0.seconds }), let tenetCard = median(Subject.tenetScorecard, { $0.seconds }) {
            let duckQuery = try required(Subject.duckdbQuery) { $0.seconds }
            let duckCard = try required(Subject.duckdbScorecard) { $0.seconds }
            let load = median(Subject.duckdbLoad) { $0.seconds }
            let threads = of(Subject.duckdbQuery).first?.settings["threads"] ?? "?"
            let version = of(Subject.duckdbQuery).first?.settings["duckdb"] ?? "?"
            lines += [
                "", "### A query and the scorecard, beside DuckDB", "",
                "| Figure | Tenet (request socket, median) | DuckDB \(version), \(threads) threads, events in memory (median) | DuckDB ÷ Tenet | Aim |",
                "|---|---:|---:|---:|---|",
                "| p90 first response, business hours, teams {a,b} × channels {chat,email}, rolling 28 days | \(ms(tenetQuery)) | \(ms(duckQuery)) | "
                    + "\(Statistics.fixed(duckQuery / tenetQuery, 1))× | ≥ 25×: \(verdict(duckQuery / tenetQuery >= MetricsAim.queryRatio, "\(Statistics.fixed(duckQuery / tenetQuery, 1))×")) |",
                "| the whole scorecard (`scorecard`: \(of(Subject.tenetScorecard).first?.settings["figures"] ?? "?") figures of every standing series; "
                    + "DuckDB: scorecard.sql) | \(ms(tenetCard)) | \(ms(duckCard)) | \(Statistics.fixed(duckCard / tenetCard, 1))× | "
                    + "≥ 250×: \(verdict(duckCard / tenetCard >= MetricsAim.scorecardRatio, "\(Statistics.fixed(duckCard / tenetCard, 1))×")) |",
            ]
            if duckQuery / tenetQuery < MetricsAim.queryRatio { misses.append("query \(Statistics.fixed(duckQuery / tenetQuery, 1))× DuckDB") }
            if duckCard / tenetCard < MetricsAim.scorecardRatio { misses.append("scorecard \(Statistics.fixed(duckCard / tenetCard, 1))× DuckDB") }
            lines += ["", "Loading the NDJSON into DuckDB (not in its times): \(load.map { Statistics.fixed($0, 1) + " s" } ?? "–"). "
                + "Tenet's query: \(of(Subject.tenetQuery).first?.check ?? "")."]
        }

        // 4. Restarts.
        let restarts = [
            (Subject.restartClean, "SIGTERM (`tenet stop metrics`), then `tenet start metrics`"),
            (Subject.restartKill, "SIGKILL; the supervisor restarts it"),
            (Subject.restartFull, "reference: checkpoint folder `DATA/metrics/` deleted, full recompute from the store"),
        ].filter { !of($0.0).isEmpty }
        if !restarts.isEmpty {
            lines += [
                "", "### Restart to exact numbers", "",
                "| Restart | stored events | seconds to `last_seq` = the store's | events/s replayed | checkpoint before | Aim < 5 s |",
                "|---|---:|---:|---:|---:|---|",
            ]
            for (subject, title) in restarts {
                let run = of(subject)
                let seconds = Statistics.median(run.map(\.seconds)) ?? 0
                let stored = run.first?.count ?? 0
                let checkpoint = run.first.flatMap { setting($0, "checkpoint_bytes_before") } ?? 0
                let aim = subject == Subject.restartFull ? "(reference)"
                    : verdict(seconds < MetricsAim.restartSeconds, "\(Statistics.fixed(seconds / MetricsAim.restartSeconds, 1))× the aim")
                lines.append(
                    "| \(title) | \(Statistics.grouped(Double(stored))) | \(Statistics.fixed(seconds, 2)) | \(Statistics.grouped(Double(stored) / seconds)) | "
                        + "\(checkpoint > 0 ? mib(checkpoint) : "none") | \(aim) |")
                if subject != Subject.restartFull, seconds >= MetricsAim.restartSeconds {
                    misses.append("restart after \(subject == Subject.restartKill ? "SIGKILL" : "SIGTERM") \(Statistics.fixed(seconds, 1)) s")
                }
            }
            let cpu = restarts.compactMap { subject, _ -> String? in
                guard let run = of(subject).first, let plugin = run.cpu["metrics"] else { return nil }
                return "\(subject) \(Statistics.fixed(plugin, 1)) s of the plugin's CPU and \(run.cpu["store"].map { Statistics.fixed($0, 1) } ?? "–") s "
                    + "of the store's in \(Statistics.fixed(run.seconds, 1)) s"
            }
            if !cpu.isEmpty {
                lines += ["", "Where the time goes (CPU from the new process's start until caught up): \(cpu.joined(separator: "; ")). "
                    + "The engine alone parses and applies \(parseShuffled.map(Statistics.grouped) ?? "–") events/s shuffled (above)."]
            }
            if restarts.allSatisfy({ (setting(of($0.0).first!, "checkpoint_bytes_before") ?? 0) == 0 }) {
                lines += ["", "No checkpoint was found in `DATA/metrics/` before any restart: on this commit every restart replays the whole store."]
            }
        }

        // 5. Memory.
        if let plugin = of(Subject.pluginMemory).last {
            let rss = setting(plugin, "vm_rss") ?? 0
            let hwm = setting(plugin, "vm_hwm") ?? 0
            let duck = of(Subject.duckdbMemory).last
            lines += [
                "", "### Resident memory", "",
                "| Process | VmRSS | VmHWM (peak) | bytes per event | Aim < 1 GiB |",
                "|---|---:|---:|---:|---|",
                "| metrics plugin, every event applied | \(mib(rss)) | \(mib(hwm)) | \(Statistics.fixed(rss / Double(max(events, 1)), 0)) | "
                    + "\(verdict(max(rss, hwm) < MetricsAim.memoryBytes, "\(Statistics.fixed(max(rss, hwm) / MetricsAim.memoryBytes, 2))× the aim")) |",
            ]
            if let duck {
                lines.append(
                    "| reference: DuckDB (Python process) with the same events loaded | \(mib(setting(duck, "vm_rss") ?? 0)) | "
                        + "\(mib(setting(duck, "vm_hwm") ?? 0)) | \(Statistics.fixed((setting(duck, "vm_rss") ?? 0) / Double(max(events, 1)), 0)) | |")
            }
            lines.append("| reference: the NDJSON file | \(mib(setting(plugin, "ndjson_bytes") ?? 0)) | | "
                + "\(Statistics.fixed((setting(plugin, "ndjson_bytes") ?? 0) / Double(max(events, 1)), 0)) | |")
            if max(rss, hwm) >= MetricsAim.memoryBytes { misses.append("memory \(mib(max(rss, hwm)))") }
            if let engine = median(Subject.engineInOrder, { setting($0, "engine_bytes") }) {
                lines += ["", "The engine alone grows the resident set by \(mib(engine)) for the same events in order "
                    + "(\(Statistics.fixed(engine / Double(max(events, 1)), 0)) bytes/event; "
                    + "shuffled \(median(Subject.engineShuffled) { setting($0, "engine_bytes") }.map(mib) ?? "–"))."]
            }
        }

        lines += ["", misses.isEmpty ? "**Every aim met.**" : "**Aims missed:** " + misses.joined(separator: "; ") + "."]

        // Every run.
        lines += ["", "Every run, in round order:", "", "| Measurement | Runs |", "|---|---|"]
        let order = [
            Subject.engineInOrder, Subject.engineShuffled, Subject.ingestAck, Subject.metricsCaughtUp, Subject.metricLatency,
            Subject.ackLatency, Subject.tenetQuery, Subject.duckdbQuery, Subject.tenetScorecard, Subject.duckdbScorecard, Subject.duckdbLoad,
            Subject.restartClean, Subject.restartKill, Subject.restartFull,
        ]
        for subject in order where !of(subject).isEmpty {
            let values = of(subject).map { run -> String in
                switch run.variant {
                case "engine": Statistics.grouped(run.rate) + " events/s"
                case "latency": "p50 \(ms(setting(run, "p50") ?? 0)), p99 \(ms(setting(run, "p99") ?? 0))"
                case "query", "scorecard": ms(run.seconds)
                default: Statistics.fixed(run.seconds, 2) + " s"
                }
            }
            lines.append("| \(subject) | \(values.joined(separator: "; ")) |")
        }

        lines += [
            "", "### How it is measured", "",
            "- Engine alone (`tenet-metrics-bench engine`): one process per round reads the file (mapped), validates every line "
                + "once untimed to sort by `at`, then feeds a fresh engine (built as the plugin builds it from the philosophy, "
                + "`MetricsService(philosophy:)`) in `at` order and in the file's shuffled order, which of the two first alternating by "
                + "round, each order's lines first copied into one buffer in feeding order (untimed, so that both read memory front "
                + "to back): 1,000 lines parsed with `EventValidator` (timed apart), then applied with `MetricsEngine.apply` (timed). "
                + "Check: \(of(Subject.engineInOrder).first?.check ?? "").",
            "- Stack (`tenet-metrics-bench stack`): `tenet up` with the store (order 10), ingest (20) and metrics (25) on a fresh "
                + "`/tmp/tnb.XXXXXX` data directory; `tenet send FILE --batch 1000` started, then polled every 50 ms: its exit (after "
                + "the last acknowledgement) and the plugin's `stats` request (`last_seq`). Check: \(of(Subject.ingestAck).first?.check ?? "–").",
            "- Latency: after the load, one thread sends new conversations (opened, customer message, agent reply, solved; `at` = now, "
                + "teams a/b, channels chat/email) to ingest's `lines` method on a fixed schedule, several requests in flight, and "
                + "subscribes to `metric.` on the bus; both sockets polled together, every instant read on one monotonic clock. "
                + "Per batch: acknowledgement instant and the `last_seq` it carries; per metric event: its arrival and its `last_seq`. "
                + "A batch's latency is the arrival of the first metric event with `last_seq` ≥ the batch's minus its acknowledgement. "
                + "Check: \(of(Subject.metricLatency).first?.check ?? "–").",
            "- Query and scorecard: Tenet over the plugin's request socket (a DEALER, the `query` and `scorecard` methods; one untimed "
                + "request, then \(of(Subject.tenetQuery).first?.count ?? 0) and \(of(Subject.tenetScorecard).first?.count ?? 0) timed, "
                + "round trip to the reply's arrival, the median), after the load. DuckDB in its Python process: the events loaded "
                + "into an in-memory table by reference.sql's `load`, the query is reference.sql's "
                + "`first_response_time_business_p90`, the scorecard is every block of `Benchmarks/duckdb/scorecard.sql` (one per "
                + "standing series of the philosophy: the three key metrics over rolling 28 days; opened and solved today and the "
                + "backlog now, overall and by team), one untimed run and then \(of(Subject.duckdbQuery).first?.count ?? 0) timed (the "
                + "scorecard's time is the sum of its queries). The query's window is the same for both, [run start − 28 days, run "
                + "start), and the two must give the same figures (checked); the scorecard's windows are each side's own now, so its "
                + "figures are timed, not compared.",
            "- Restart: with the stack still loaded (history and live events), the plugin is stopped three ways in turn (table); "
                + "timed from the new process's start (`/proc/PID/stat` starttime against `CLOCK_BOOTTIME`, 10 ms resolution; the "
                + "supervisor's restart delay is not counted) until a `stats` request (polled every 10 ms) answers the store's last "
                + "sequence number. Check: \(of(Subject.restartClean).first?.check ?? "–").",
            "- Memory: `/proc/PID/status` of the plugin once its `last_seq` reached the last loaded event; DuckDB's Python process "
                + "after loading the same file. The engine's own growth from the engine-alone runs (freed memory handed back with "
                + "`malloc_trim` before reading `/proc/self/status`).",
            "- Scale: issue 8 asks for 1,000,000 conversations (about 10 million events); this run had "
                + "\(conversations.map { Statistics.grouped(Double($0) ?? 0) } ?? "?") conversations, \(Statistics.grouped(Double(events))) events "
                + "(`BENCH_METRICS_CONVERSATIONS`; Scripts/bench.sh lists every knob).",
            "- Rounds: \(Set(of(Subject.engineInOrder).map(\.run)).count) of the engine alone and of DuckDB, taking turns going first; "
                + "\(Set(of(Subject.ingestAck).map(\.run)).count) stack. Everything shares the machine's \(machine.cores) CPUs.",
        ]
        return lines.joined(separator: "\n")
    }
}
