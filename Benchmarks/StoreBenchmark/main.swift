// tenet-store-bench: how fast the event store inserts, without the plugins around it, and how
// fast plain SQLite inserts the same rows with the same settings: the references of the
// end-to-end rate (Scripts/bench.sh: `make bench`).
//
//   tenet-store-bench generate --events 1000000 --output events.ndjson
//   tenet-store-bench insert --input events.ndjson --batch 1000 --dir /tmp/x [--mode store,sqlite,sqlite-normal|all]
//
// `insert` prints each measurement as a JSON line on stdout (TenetBenchSupport.RunMeasurement) and
// a line for people on stderr.
import Foundation
import TenetBenchSupport
import TenetModels

func standardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

let command: StoreBenchmarkCommand
do {
    command = try StoreBenchmarkCommand.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    if !error.description.isEmpty { standardError("tenet-store-bench: \(error.description)") }
    standardError(StoreBenchmarkCommand.usage)
    exit(error.description.isEmpty ? 0 : 2)
}

do {
    switch command {
    case .generate(let count, let output):
        try EventFileGenerator.write(count: count, to: output)
        standardError("# wrote \(count) events to \(output)")

    case .insert(let options):
        let events = try InsertBenchmark.loadEvents(path: options.input)
        guard !events.isEmpty else { throw BenchmarkError(code: .usage, message: "\(options.input) holds no events") }
        let columns = options.modes.contains(where: { $0 != .store }) ? InsertBenchmark.Columns(events) : nil
        for mode in options.modes {
            let measurement: RunMeasurement
            switch mode {
            case .store:
                measurement = try InsertBenchmark.measureStore(
                    events: events, batch: options.batch, directory: options.directory, run: options.round)
            case .sqlite, .sqliteNormal:
                measurement = try InsertBenchmark.measurePlain(
                    columns: columns!, batch: options.batch, rowsPerStatement: options.rowsPerStatement,
                    directory: options.directory, run: options.round, normal: mode == .sqliteNormal)
            }
            measurement.print()
            standardError(
                "# \(mode.rawValue) batch=\(options.batch) run \(options.round): \(Statistics.grouped(measurement.rate)) rows/s"
                    + " (\(measurement.settings["connection"] ?? ""))")
        }
    }
} catch {
    standardError("tenet-store-bench: \(error)")
    exit(1)
}
