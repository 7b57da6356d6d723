import TenetBenchSupport

extension ReportRenderer {
    /// The aim: a million open conversations' clocks in under 1 GiB.
    static let slaMemoryAim = 1 << 30

    func slaSection(_ runs: [RunMeasurement]) throws(BenchmarkError) -> String {
        func rates(_ subject: String) -> [Double] {
            runs.filter { $0.subject == subject }.sorted { $0.run < $1.run }.map(\.rate)
        }
        func setting(_ name: String) -> [Double] {
            runs.filter { $0.subject == Subject.slaApply }.compactMap { $0.settings[name].flatMap(Double.init) }
        }
        guard let apply = Statistics.median(rates(Subject.slaApply)), let due = Statistics.median(rates(Subject.slaDue)),
            let deadline = Statistics.median(rates(Subject.slaDeadline)), let first = runs.first(where: { $0.subject == Subject.slaApply })
        else {
            throw BenchmarkError(code: .badResults, message: "sla: apply, due and the calendar-deadline reference must all be there")
        }
        let resident = Statistics.median(setting("rss_after_open_bytes")) ?? 0
        let peak = Statistics.median(setting("peak_bytes")) ?? 0
        let clocks = Statistics.median(setting("open_clocks")) ?? 0
        let mib = { (bytes: Double) in Statistics.fixed(bytes / 1_048_576, 1) + " MiB" }
        var lines = [
            "## SLA clocks",
            "",
            "Per-conversation SLA clocks in `SLAClockBook` (TenetSLA; `tenet-sla-bench`, `Benchmarks/SLABenchmark/`): "
                + "\(first.settings["conversations"] ?? "?") conversations opened on a Friday between 16:00 and 17:00 Berlin time "
                + "under Mon–Fri 09:00–17:00 with the Monday a holiday, a business-hours policy (first response 1 h, resolution "
                + "24 h, warning at 80 %), a third answered within two hours; then `due` swept minute by minute over two weeks. "
                + "The reference, same process: the bare `BusinessCalendar.deadline` calls for the same clocks (two per "
                + "conversation). One thread. Aim: **1 million open conversations' clocks, breach instants exact, under 1 GiB**.",
            "",
            "| Events applied/s | Warnings and breaches/s (`due`) | Calendar deadlines/s (reference) | Clocks counting | VmRSS, all open | VmHWM | Aim < 1 GiB |",
            "|---:|---:|---:|---:|---:|---:|---|",
            "| \(Statistics.grouped(apply)) | \(Statistics.grouped(due)) | \(Statistics.grouped(deadline)) | \(Statistics.grouped(clocks)) | "
                + "\(mib(resident)) | \(mib(peak)) | \(peak > 0 && peak < Double(Self.slaMemoryAim) ? "met" : "**missed**") |",
            "",
            "Every run, in round order:",
            "",
            "| Measurement | Runs |",
            "|---|---|",
        ]
        for (subject, title) in [(Subject.slaApply, "events/s"), (Subject.slaDue, "emissions/s"), (Subject.slaDeadline, "deadlines/s")] {
            lines.append("| \(title) | " + rates(subject).map(Statistics.grouped).joined(separator: "; ") + " |")
        }
        lines += [
            "",
            "- Check after every run (untimed): \(first.check).",
            "- VmHWM includes the benchmark's own arrays (the events, the ids, the instants checked) and the breach list "
                + "(every breach is kept until `forgetOutcomes(before:)`).",
            "- Rounds: \(Set(runs.map(\.run)).count), a fresh process each.",
        ]
        return lines.joined(separator: "\n")
    }
}
