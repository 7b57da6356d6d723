// tenet-store-bench: how fast the event store can insert, without the plugins around it, to set
// beside the end-to-end ingest rate (Scripts/bench.sh, section ingest-durable: `make bench`).
//
//   tenet-store-bench generate --events 1000000 --output events.ndjson
//   tenet-store-bench insert --input events.ndjson --batch 1000 --dir /tmp/x [--mode store,sqlite,sqlite-full|all]
//
// `insert` output: a `#` header, then per run one machine-readable line on stdout
//   insert mode=store batch=1000 rows=1000000 seconds=8.123 rows_per_sec=123105 rows_per_statement=- run=1
// and one human line on stderr.
import Foundation
import GRDBSQLite
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
        let clock = ContinuousClock()
        let loading = clock.now
        let events = try InsertBenchmark.loadEvents(path: options.input)
        let validateSeconds = (clock.now - loading).seconds
        guard !events.isEmpty else { throw BenchmarkFailure(description: "\(options.input) holds no events") }
        let columns = options.modes.contains(where: { $0 != .store }) ? InsertBenchmark.Columns(events) : nil
        print("# impl=store-bench sqlite=\(String(cString: sqlite3_libversion())) events=\(events.count)"
            + " batch=\(options.batch) read_and_validate_seconds=\(String(format: "%.3f", validateSeconds))")
        for run in 1...options.runs {
            for mode in options.modes {
                let measurement: InsertMeasurement
                switch mode {
                case .store:
                    measurement = try InsertBenchmark.measureStore(
                        events: events, batch: options.batch, directory: options.directory, run: run)
                case .sqlite, .sqliteFull:
                    let (result, settings) = try InsertBenchmark.measureSQLite(
                        columns: columns!, batch: options.batch, rowsPerStatement: options.rowsPerStatement,
                        directory: options.directory, run: run, forceFull: mode == .sqliteFull)
                    // PRAGMA synchronous: 1 = NORMAL, 2 = FULL.
                    if run == 1 { print("# connection mode=\(mode.rawValue) \(settings)") }
                    measurement = result
                }
                print(measurement.machineLine)
                fflush(nil)  // all C streams: the line reaches the pipe now
                standardError(measurement.humanLine)
            }
        }
    }
} catch {
    standardError("tenet-store-bench: \(error)")
    exit(1)
}
