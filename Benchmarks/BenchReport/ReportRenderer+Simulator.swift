import TenetBenchSupport

extension ReportRenderer {
    /// The aim: one simulated year for 200 agents in under a minute.
    static let simulatorYearSeconds = 60.0

    func simulatorSection(_ runs: [RunMeasurement]) throws(BenchmarkError) -> String {
        func rates(_ subject: String) -> [Double] {
            runs.filter { $0.subject == subject }.sorted { $0.run < $1.run }.map(\.rate)
        }
        let subjects = runs.filter { $0.subject == Subject.simulator }.sorted { $0.run < $1.run }
        guard let simulator = Statistics.median(rates(Subject.simulator)), let writer = Statistics.median(rates(Subject.jsonWriter)),
            let first = subjects.first
        else {
            throw BenchmarkError(code: .badResults, message: "simulator: the simulator and its JSON-writer reference must both be there")
        }
        let years = subjects.compactMap { $0.settings["year_seconds"].flatMap(Double.init) }
        let year = Statistics.median(years) ?? 0
        let agents = first.settings["agents"] ?? "?", days = first.settings["days"] ?? "?"
        var lines = [
            "## Simulator",
            "",
            "Simulated events per second written as NDJSON by `Simulator.run(until:into:)` (TenetSimulator; "
                + "`tenet-simulator-bench`, `Benchmarks/SimulatorBenchmark/`): the standard profile scaled to \(agents) agents "
                + "with the example philosophy, \(days) simulated days a run, beside the reference from the same run: the first "
                + "lines of the run, parsed beforehand, written again by TenetModels' generic `JSONWriter` (formatting alone, "
                + "no simulation). One thread. Aim: **one simulated year for 200 agents in under a minute**.",
            "",
            "| Events/s | JSON writer lines/s (reference) | Simulator / writer | A simulated year | Aim < \(Int(Self.simulatorYearSeconds)) s |",
            "|---:|---:|---:|---:|---|",
            "| \(Statistics.grouped(simulator)) | \(Statistics.grouped(writer)) | \(Statistics.fixed(simulator / writer, 2)) | "
                + "\(Statistics.fixed(year, 1)) s | \(year > 0 && year < Self.simulatorYearSeconds ? "met" : "**missed**") |",
            "",
            "Every run, in round order (events/s):",
            "",
            "| Measurement | Runs |",
            "|---|---|",
        ]
        for (subject, title) in [(Subject.simulator, "simulator"), (Subject.jsonWriter, "JSON writer")] where !rates(subject).isEmpty {
            lines.append("| \(title) | " + rates(subject).map(Statistics.grouped).joined(separator: "; ") + " |")
        }
        lines += [
            "",
            "### How it is measured",
            "",
            "- Work: \(Statistics.grouped(Double(first.count))) events a run (\(first.settings["bytes_per_event"] ?? "?") bytes each on "
                + "average) from \(first.settings["start"] ?? "?"), seed \(first.settings["seed"] ?? "?"): \(first.settings["summary"] ?? "").",
            "- The simulation runs one simulated day per call; only the calls are timed. A simulated year is the "
                + "timed seconds × 365 ÷ days.",
            "- Checks after every call (untimed):",
        ]
        for subject in [Subject.simulator, Subject.jsonWriter] {
            if let example = runs.first(where: { $0.subject == subject }) { lines.append("  - \(subject): \(example.check).") }
        }
        lines.append("- Rounds: \(Set(runs.map(\.run)).count), a fresh process each.")
        return lines.joined(separator: "\n")
    }
}
