import Foundation
import GRDB
import GRDBSQLite
import TenetModels
import TenetStorage

/// One timed insert of every event into a fresh database.
struct InsertMeasurement: Sendable {
    var mode: InsertMode
    var batch: Int
    var rows: Int
    var seconds: Double
    var rowsPerStatement: Int?
    var run: Int

    var rowsPerSecond: Double { Double(rows) / seconds }

    /// `insert mode=store batch=1000 rows=1000000 seconds=8.123 rows_per_sec=123105 …`
    var machineLine: String {
        "insert mode=\(mode.rawValue) batch=\(batch) rows=\(rows) seconds=\(String(format: "%.3f", seconds))"
            + " rows_per_sec=\(Int(rowsPerSecond.rounded())) rows_per_statement=\(rowsPerStatement.map(String.init) ?? "-") run=\(run)"
    }

    /// `# store batch=1000 run 1: 123,456 rows/s (1000000 rows in 8.12 s)`
    var humanLine: String {
        "# \(mode.rawValue) batch=\(batch) run \(run): \(Self.grouped(rowsPerSecond)) rows/s"
            + " (\(rows) rows in \(String(format: "%.2f", seconds)) s)"
    }

    static func grouped(_ value: Double) -> String {
        let digits = String(Int(value.rounded()))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
}

/// The insert measurements. Everything outside the timed loops (reading, parsing, validating,
/// slicing into batches, laying out the column values) happens before the clock starts.
enum InsertBenchmark {
    /// The columns of `events`, in the order of the store's INSERT.
    static let columnList = "id, type, at_ns, conversation, customer, channel, team, agent, priority, body, stored_at_ns"
    static let columnCount: Int32 = 11

    // MARK: Input

    /// Reads `path` and validates every line with ``EventValidator``; a bad line is an error.
    static func loadEvents(path: String) throws -> [Event] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BenchmarkFailure(description: "cannot read \(path)")
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
                    throw BenchmarkFailure(description: "\(path):\(number): \(error)")
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

    // MARK: EventStore.append

    /// Appends `events` through ``EventStore/append(_:rejections:)``, `batch` per call (one
    /// transaction each, as one group commit of the store plugin).
    static func measureStore(events: [Event], batch: Int, directory: String, run: Int) throws -> InsertMeasurement {
        let path = freshDatabase(in: directory, name: "store-bench-store.sqlite")
        defer { removeDatabase(path) }
        let batches = stride(from: 0, to: events.count, by: batch).map { Array(events[$0..<min($0 + batch, events.count)]) }
        var stored = 0
        let seconds: Double
        do {
            let store = try EventStore(path: path)
            let clock = ContinuousClock()
            let started = clock.now
            for slice in batches {
                for outcome in try store.append(slice) {
                    if case .stored = outcome { stored += 1 }
                }
            }
            seconds = (clock.now - started).seconds
            let last = store.statistics().lastSeq
            guard stored == events.count, last == Int64(events.count) else {
                throw BenchmarkFailure(description: "store: \(stored) stored, last seq \(last), expected \(events.count)")
            }
        }
        return InsertMeasurement(mode: .store, batch: batch, rows: events.count, seconds: seconds, rowsPerStatement: nil, run: run)
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

    /// Inserts the same rows with `INSERT … VALUES (…), (…), … ON CONFLICT (id) DO NOTHING`,
    /// `rowsPerStatement` rows a statement, prepared once and bound with `sqlite3_bind_*`
    /// (no copies), one transaction per `batch` rows, into a fresh database with the store's
    /// own schema, WAL and synchronous=FULL.
    static func measureSQLite(
        columns: Columns, batch: Int, rowsPerStatement: Int, directory: String, run: Int, forceFull: Bool
    ) throws -> (InsertMeasurement, settings: String) {
        let path = freshDatabase(in: directory, name: "store-bench-sqlite.sqlite")
        defer { removeDatabase(path) }
        // The schema, exactly: let the store create it (its migrations), then close it.
        do { _ = try EventStore(path: path) }

        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        if forceFull {
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        }
        let settings = try queue.read { db in
            let journal = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?"
            let synchronous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
            return "journal_mode=\(journal) synchronous=\(synchronous)"
        }

        func values(_ rows: Int) -> String {
            Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
        }
        let multiSQL = "INSERT INTO events (\(columnList)) VALUES \(values(rowsPerStatement)) ON CONFLICT (id) DO NOTHING"
        let singleSQL = "INSERT INTO events (\(columnList)) VALUES \(values(1)) ON CONFLICT (id) DO NOTHING"

        let seconds: Double = try queue.writeWithoutTransaction { db in
            guard let connection = db.sqliteConnection else { throw BenchmarkFailure(description: "no SQLite connection") }
            let multi = try prepare(multiSQL, connection)
            defer { sqlite3_finalize(multi) }
            let single = try prepare(singleSQL, connection)
            defer { sqlite3_finalize(single) }

            return try columns.text.withUnsafeBufferPointer { text -> Double in
                let base = UnsafeRawPointer(text.baseAddress ?? UnsafePointer(bitPattern: 1)!)
                func bind(_ statement: OpaquePointer, slot: Int, row: Int, storedAt: Int64) throws {
                    let first = Int32(slot) * columnCount
                    var parameter = first + 1
                    for column in 0..<Columns.textColumns {
                        // Columns 0, 1 (id, type), then at_ns, then 2…8 (dimensions, body).
                        if column == 2 {
                            try check(sqlite3_bind_int64(statement, parameter, columns.at[row]), connection)
                            parameter += 1
                        }
                        let span = columns.spans[row * Columns.textColumns + column]
                        if span.length < 0 {
                            try check(sqlite3_bind_null(statement, parameter), connection)
                        } else {
                            let pointer = (base + span.offset).assumingMemoryBound(to: CChar.self)
                            try check(sqlite3_bind_text(statement, parameter, pointer, span.length, nil), connection)  // SQLITE_STATIC
                        }
                        parameter += 1
                    }
                    try check(sqlite3_bind_int64(statement, parameter, storedAt), connection)
                }
                func execute(_ statement: OpaquePointer) throws {
                    let code = sqlite3_step(statement)
                    guard code == SQLITE_DONE else {
                        throw BenchmarkFailure(description: "insert: \(String(cString: sqlite3_errmsg(connection)))")
                    }
                    sqlite3_reset(statement)
                }

                let clock = ContinuousClock()
                let started = clock.now
                var row = 0
                while row < columns.count {
                    let end = min(row + batch, columns.count)
                    try db.inTransaction(.deferred) {
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
                        return .commit
                    }
                }
                return (clock.now - started).seconds
            }
        }
        let count = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0 }
        guard count == columns.count else {
            throw BenchmarkFailure(description: "sqlite: \(count) rows, expected \(columns.count)")
        }
        let measurement = InsertMeasurement(
            mode: forceFull ? .sqliteFull : .sqlite, batch: batch, rows: columns.count, seconds: seconds, rowsPerStatement: rowsPerStatement, run: run)
        return (measurement, settings)
    }

    private static func prepare(_ sql: String, _ connection: OpaquePointer) throws -> OpaquePointer {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw BenchmarkFailure(description: "prepare: \(String(cString: sqlite3_errmsg(connection)))")
        }
        return statement
    }

    @inline(__always)
    private static func check(_ code: Int32, _ connection: OpaquePointer) throws {
        guard code == SQLITE_OK else {
            throw BenchmarkFailure(description: "bind: \(String(cString: sqlite3_errmsg(connection)))")
        }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
