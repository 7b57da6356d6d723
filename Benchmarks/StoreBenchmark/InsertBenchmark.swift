import Foundation
import GRDBSQLite
import TenetBenchSupport
import TenetModels
import TenetStorage

/// The insert measurements: the same rows into a fresh database, through `EventStore.append`
/// and through plain SQLite. Everything outside the timed loops (reading, parsing, validating,
/// slicing into batches, laying out the column values) happens before the clock starts, and
/// every run is checked afterwards by counting the rows in the file.
enum InsertBenchmark {
    /// The columns of `events`, in the order of the store's INSERT.
    static let columnList = "id, type, at_ns, conversation, customer, channel, team, agent, priority, body, stored_at_ns"
    static let columnCount: Int32 = 11

    // MARK: Input

    /// Reads `path` and validates every line with ``EventValidator``; a bad line is an error.
    static func loadEvents(path: String) throws(BenchmarkError) -> [Event] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BenchmarkError(code: .failed, message: "cannot read \(path)")
        }
        let bytes = [UInt8](data)
        var events: [Event] = []
        var start = 0
        var number = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            number += 1
            if end > start {
                do {
                    events.append(try EventValidator.validate(json: bytes[start..<end]))
                } catch {
                    throw BenchmarkError(code: .failed, message: "\(path):\(number): \(error)")
                }
            }
            start = end + 1
        }
        return events
    }

    /// A fresh database path in `directory`, with no file (nor WAL, nor shared memory) left.
    static func freshDatabase(in directory: String, name: String) -> String {
        let path = directory + "/" + name
        removeDatabase(path)
        return path
    }

    static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Checks that the database at `path` holds exactly `expected` events numbered 1…expected
    /// and no dead letter; returns the check in words.
    static func checkRows(path: String, expected: Int) throws(BenchmarkError) -> String {
        let (rows, last, dead) = try PlainSQLiteConnection(path: path).counts()
        guard rows == expected, last == expected, dead == 0 else {
            throw BenchmarkError(
                code: .checkFailed,
                message: "\(path) holds \(rows) events (last seq \(last)) and \(dead) dead letters, expected \(expected), \(expected) and 0")
        }
        return "the database file holds exactly \(expected) rows, seq 1…\(expected), no dead letter"
    }

    // MARK: EventStore.append

    /// Appends `events` through ``EventStore/append(_:bodies:rejections:)``, `batch` per call
    /// (one transaction each, as one group commit of the store plugin).
    static func measureStore(events: [Event], batch: Int, directory: String, run: Int) throws -> RunMeasurement {
        let path = freshDatabase(in: directory, name: "store-bench-store.sqlite")
        defer { removeDatabase(path) }
        let batches = stride(from: 0, to: events.count, by: batch).map { Array(events[$0..<min($0 + batch, events.count)]) }
        var stored = 0
        let seconds: Double
        let settings: DurabilitySettings
        do {
            let store = try EventStore(path: path)
            let (synchronous, journalMode) = try store.durabilitySettings()
            settings = DurabilitySettings(journalMode: journalMode, synchronous: synchronous)
            let clock = ContinuousClock()
            let started = clock.now
            for slice in batches {
                for outcome in try store.append(slice) {
                    if case .stored = outcome { stored += 1 }
                }
            }
            seconds = (clock.now - started).seconds
        }  // the store closes its connection here
        guard stored == events.count else {
            throw BenchmarkError(code: .checkFailed, message: "EventStore.append stored \(stored) of \(events.count) events")
        }
        let check = try checkRows(path: path, expected: events.count)
        return RunMeasurement(
            suite: Suite.ingest, subject: Subject.storeAppend, variant: "batch \(batch)", run: run, count: events.count,
            seconds: seconds, rate: Double(events.count) / seconds, unit: "rows/s",
            check: "every append outcome is `stored`; " + check,
            settings: ["connection": settings.description, "sqlite": String(cString: sqlite3_libversion())])
    }

    // MARK: Plain SQLite

    /// The column values of every event, laid out flat so that binding copies nothing: the nine
    /// text columns of row `r` are `spans[r * 9 + c]` into `text` (length -1: NULL).
    struct Columns {
        static let textColumns = 9
        var text: [UInt8] = []
        var spans: [(offset: Int, length: Int32)] = []
        var at: [Int64] = []
        var count: Int { at.count }

        init(_ events: [Event]) {
            spans.reserveCapacity(events.count * Self.textColumns)
            at.reserveCapacity(events.count)
            for event in events {
                // The same bytes the store writes: the event as compact JSON.
                let values: [[UInt8]?] = [
                    Array(event.id.utf8), Array(event.type.rawValue.utf8), event.conversation.map { Array($0.utf8) },
                    event.customer.map { Array($0.utf8) }, event.channel.map { Array($0.utf8) },
                    event.team.map { Array($0.utf8) }, event.agent.map { Array($0.utf8) },
                    event.priority.map { Array($0.utf8) }, event.json,
                ]
                for value in values {
                    if let value {
                        spans.append((text.count, Int32(value.count)))
                        text.append(contentsOf: value)
                    } else {
                        spans.append((0, -1))
                    }
                }
                at.append(event.at.nanosecondsSinceEpoch)
            }
        }
    }

    /// Creates the store's schema at `path` by opening an ``EventStore`` there (its own
    /// migrations: same columns, same indexes), then opens a plain connection with the store's
    /// own durability settings, read from the store's connection: WAL and `synchronous` as the
    /// store has it (FULL), or NORMAL when `normal` is set. Returns the connection and its
    /// settings as read back from SQLite, after checking they are the ones asked for.
    static func openPlain(path: String, normal: Bool) throws -> (PlainSQLiteConnection, DurabilitySettings) {
        let store: DurabilitySettings
        do {
            let eventStore = try EventStore(path: path)
            let (synchronous, journalMode) = try eventStore.durabilitySettings()
            store = DurabilitySettings(journalMode: journalMode, synchronous: synchronous)
        }
        let wanted = DurabilitySettings(journalMode: store.journalMode, synchronous: normal ? 1 : store.synchronous)
        let connection = try PlainSQLiteConnection(path: path)
        _ = try connection.text("PRAGMA journal_mode = \(wanted.journalMode)")
        try connection.execute("PRAGMA synchronous = \(wanted.synchronous)")
        let settings = try connection.settings()
        guard settings == wanted else {
            throw BenchmarkError(code: .checkFailed, message: "the plain connection reads back \(settings), expected \(wanted)")
        }
        return (connection, settings)
    }

    /// Inserts the same rows with `INSERT … VALUES (…), (…), … ON CONFLICT (id) DO NOTHING`,
    /// `rowsPerStatement` rows a statement, prepared once and bound with `sqlite3_bind_*`
    /// (no copies), one transaction per `batch` rows, into a fresh database with the store's
    /// schema and settings (``openPlain(path:normal:)``).
    static func measurePlain(
        columns: Columns, batch: Int, rowsPerStatement: Int, directory: String, run: Int, normal: Bool
    ) throws -> RunMeasurement {
        let path = freshDatabase(in: directory, name: "store-bench-sqlite.sqlite")
        defer { removeDatabase(path) }
        let seconds: Double
        let settings: DurabilitySettings
        do {
            let (connection, read) = try openPlain(path: path, normal: normal)
            settings = read
            seconds = try insert(columns, batch: batch, rowsPerStatement: rowsPerStatement, into: connection)
        }
        let check = try checkRows(path: path, expected: columns.count)
        return RunMeasurement(
            suite: Suite.ingest, subject: normal ? Subject.plainSQLiteNormal : Subject.plainSQLite, variant: "batch \(batch)",
            run: run, count: columns.count, seconds: seconds, rate: Double(columns.count) / seconds, unit: "rows/s",
            check: check,
            settings: [
                "connection": settings.description, "rows_per_statement": String(rowsPerStatement),
                "sqlite": String(cString: sqlite3_libversion()),
            ])
    }

    /// The timed loop of ``measurePlain(columns:batch:rowsPerStatement:directory:run:normal:)``.
    private static func insert(
        _ columns: Columns, batch: Int, rowsPerStatement: Int, into connection: PlainSQLiteConnection
    ) throws(BenchmarkError) -> Double {
        func values(_ rows: Int) -> String {
            Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
        }
        let multi = try connection.prepare(
            "INSERT INTO events (\(columnList)) VALUES \(values(rowsPerStatement)) ON CONFLICT (id) DO NOTHING")
        defer { sqlite3_finalize(multi) }
        let single = try connection.prepare("INSERT INTO events (\(columnList)) VALUES \(values(1)) ON CONFLICT (id) DO NOTHING")
        defer { sqlite3_finalize(single) }
        let begin = try connection.prepare("BEGIN DEFERRED")
        defer { sqlite3_finalize(begin) }
        let commit = try connection.prepare("COMMIT")
        defer { sqlite3_finalize(commit) }

        return try columns.text.withUnsafeBufferPointer { text throws(BenchmarkError) -> Double in
            let base = UnsafeRawPointer(text.baseAddress ?? UnsafePointer(bitPattern: 1)!)
            func check(_ code: Int32) throws(BenchmarkError) {
                guard code == SQLITE_OK else { throw connection.failure("binding") }
            }
            func bind(_ statement: OpaquePointer, slot: Int, row: Int, storedAt: Int64) throws(BenchmarkError) {
                var parameter = Int32(slot) * columnCount + 1
                for column in 0..<Columns.textColumns {
                    // Columns 0, 1 (id, type), then at_ns, then 2…8 (dimensions, body).
                    if column == 2 {
                        try check(sqlite3_bind_int64(statement, parameter, columns.at[row]))
                        parameter += 1
                    }
                    let span = columns.spans[row * Columns.textColumns + column]
                    if span.length < 0 {
                        try check(sqlite3_bind_null(statement, parameter))
                    } else {
                        let pointer = (base + span.offset).assumingMemoryBound(to: CChar.self)
                        try check(sqlite3_bind_text(statement, parameter, pointer, span.length, nil))  // SQLITE_STATIC
                    }
                    parameter += 1
                }
                try check(sqlite3_bind_int64(statement, parameter, storedAt))
            }
            func execute(_ statement: OpaquePointer) throws(BenchmarkError) {
                guard sqlite3_step(statement) == SQLITE_DONE else { throw connection.failure("inserting") }
                sqlite3_reset(statement)
            }

            let clock = ContinuousClock()
            let started = clock.now
            var row = 0
            while row < columns.count {
                let end = min(row + batch, columns.count)
                try execute(begin)
                let storedAt = Timestamp.now().nanosecondsSinceEpoch
                while row + rowsPerStatement <= end {
                    for slot in 0..<rowsPerStatement { try bind(multi, slot: slot, row: row + slot, storedAt: storedAt) }
                    try execute(multi)
                    row += rowsPerStatement
                }
                while row < end {
                    try bind(single, slot: 0, row: row, storedAt: storedAt)
                    try execute(single)
                    row += 1
                }
                try execute(commit)
            }
            return (clock.now - started).seconds
        }
    }
}
