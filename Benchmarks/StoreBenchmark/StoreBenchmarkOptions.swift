/// Command-line options of `tenet-store-bench`.
///
///     tenet-store-bench generate --events N --output FILE
///     tenet-store-bench insert --input FILE --batch B --dir DIR [--mode store,sqlite,sqlite-normal|all]
///                              [--rows-per-statement R] [--round K]
enum StoreBenchmarkCommand: Sendable {
    /// Writes an NDJSON file of realistic, valid events with unique, time-ordered ids.
    case generate(events: Int, output: String)
    /// Times inserting the events of an NDJSON file into fresh databases.
    case insert(InsertOptions)
}

/// What `insert` measures.
enum InsertMode: String, CaseIterable, Sendable {
    /// `EventStore.append`, the store plugin's own call, one call per batch.
    case store
    /// A plain multi-row `INSERT` through SQLite's C API, one transaction per batch, on the
    /// store's schema with the store's own settings as its connection reports them (WAL,
    /// `synchronous = FULL`).
    case sqlite
    /// The same with `synchronous = NORMAL`: not the store's setting; shows what FULL costs.
    case sqliteNormal = "sqlite-normal"
}

struct InsertOptions: Sendable {
    /// The NDJSON file.
    var input = ""
    /// Events per transaction.
    var batch = 1000
    /// Where the fresh database files go (the same disk as the store's data directory).
    var directory = ""
    /// The measurements, in order.
    var modes: [InsertMode] = InsertMode.allCases
    /// Rows per `INSERT` statement in `sqlite` mode.
    var rowsPerStatement = 100
    /// The number this run prints (`make bench` runs one process per round).
    var round = 1
}

struct UsageError: Error, CustomStringConvertible {
    var description: String
}

extension StoreBenchmarkCommand {
    static let usage = """
        usage: tenet-store-bench generate --events N --output FILE
               tenet-store-bench insert --input FILE --batch B --dir DIR [--mode MODE[,MODE…]|all]
                                        [--rows-per-statement R] [--round K]

        generate  writes N valid events as NDJSON (unique, time-ordered ids; a mix of the
                  event types of a support conversation, every dimension set).
        insert    reads and validates every event of FILE (not timed), then times appending them
                  in transactions of B events into a fresh database in DIR with the store's
                  schema: `store` through EventStore.append (what the store plugin calls);
                  `sqlite` through a plain multi-row INSERT of the same columns (R rows per
                  statement, default 100) with SQLite's C API and the store's own settings (WAL,
                  synchronous=FULL, read from the store's connection); `sqlite-normal` the same
                  with synchronous=NORMAL. Checks the rows in the file after each. Defaults:
                  --mode all --round 1. Prints each measurement as a JSON line on stdout.
        """

    /// Parses the arguments after the program name.
    static func parse(_ arguments: [String]) throws(UsageError) -> StoreBenchmarkCommand {
        guard let verb = arguments.first else { throw UsageError(description: "name a command: generate or insert") }
        var iterator = arguments.dropFirst().makeIterator()
        func value(_ name: String) throws(UsageError) -> String {
            guard let value = iterator.next() else { throw UsageError(description: "\(name) needs a value") }
            return value
        }
        func count(_ name: String, minimum: Int) throws(UsageError) -> Int {
            let text = try value(name)
            guard let number = Int(text.filter { $0 != "_" && $0 != "," }), number >= minimum else {
                throw UsageError(description: "\(name) takes a whole number >= \(minimum), not '\(text)'")
            }
            return number
        }
        switch verb {
        case "generate":
            var events = 1_000_000
            var output = ""
            while let argument = iterator.next() {
                switch argument {
                case "--events": events = try count(argument, minimum: 1)
                case "--output": output = try value(argument)
                default: throw UsageError(description: "generate: unknown argument '\(argument)'")
                }
            }
            guard !output.isEmpty else { throw UsageError(description: "generate needs --output FILE") }
            return .generate(events: events, output: output)
        case "insert":
            var options = InsertOptions()
            while let argument = iterator.next() {
                switch argument {
                case "--input": options.input = try value(argument)
                case "--batch": options.batch = try count(argument, minimum: 1)
                case "--dir": options.directory = try value(argument)
                case "--rows-per-statement": options.rowsPerStatement = try count(argument, minimum: 1)
                case "--round": options.round = try count(argument, minimum: 1)
                case "--mode":
                    let text = try value(argument)
                    if text == "all" {
                        options.modes = InsertMode.allCases
                    } else {
                        options.modes = []
                        for name in text.split(separator: ",") {
                            guard let mode = InsertMode(rawValue: String(name)) else {
                                throw UsageError(description: "unknown mode '\(name)' (store, sqlite, sqlite-normal or all)")
                            }
                            options.modes.append(mode)
                        }
                    }
                default: throw UsageError(description: "insert: unknown argument '\(argument)'")
                }
            }
            guard !options.input.isEmpty, !options.directory.isEmpty else {
                throw UsageError(description: "insert needs --input FILE and --dir DIR")
            }
            // SQLite allows 32,766 bound parameters per statement; 11 per row.
            guard options.rowsPerStatement * 11 <= 32_766 else {
                throw UsageError(description: "--rows-per-statement may be at most \(32_766 / 11)")
            }
            return .insert(options)
        case "-h", "--help", "help":
            throw UsageError(description: "")
        default:
            throw UsageError(description: "unknown command '\(verb)' (generate or insert)")
        }
    }
}
