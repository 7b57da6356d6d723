import GRDBSQLite
import TenetBenchSupport

/// A connection through SQLite's C API and nothing else: the plain reference the store's insert
/// is measured against, and the row counts that check every run.
final class PlainSQLiteConnection {
    /// The `sqlite3 *` handle.
    let handle: OpaquePointer
    let path: String

    /// Opens the database at `path` (read-write; it must exist).
    init(path: String) throws(BenchmarkError) {
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let handle else {
            let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "code \(code)"
            if let handle { sqlite3_close_v2(handle) }
            throw BenchmarkError(code: .failed, message: "opening \(path): \(reason)")
        }
        self.handle = handle
        self.path = path
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs `sql` (one or more statements, no results wanted).
    func execute(_ sql: String) throws(BenchmarkError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw failure("\(sql)") }
    }

    /// The first column of the first row of `sql` as text (`nil` for NULL or no row).
    func text(_ sql: String) throws(BenchmarkError) -> String? {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        let code = sqlite3_step(statement)
        guard code == SQLITE_ROW else {
            if code == SQLITE_DONE { return nil }
            throw failure(sql)
        }
        return sqlite3_column_text(statement, 0).map { String(cString: $0) }
    }

    /// The first column of the first row of `sql` as a whole number (0 for NULL or no row).
    func integer(_ sql: String) throws(BenchmarkError) -> Int64 {
        Int64(try text(sql) ?? "0") ?? 0
    }

    /// A prepared statement; the caller finalizes it.
    func prepare(_ sql: String) throws(BenchmarkError) -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw failure("preparing \(sql.prefix(80))")
        }
        return statement
    }

    /// The durability settings of this connection, read back from SQLite.
    func settings() throws(BenchmarkError) -> DurabilitySettings {
        DurabilitySettings(
            journalMode: try text("PRAGMA journal_mode") ?? "?", synchronous: Int(try integer("PRAGMA synchronous")))
    }

    /// The events table's row count and highest `seq`, and the dead letters' row count.
    func counts() throws(BenchmarkError) -> (rows: Int64, lastSeq: Int64, deadLetters: Int64) {
        (
            try integer("SELECT COUNT(*) FROM events"), try integer("SELECT COALESCE(MAX(seq), 0) FROM events"),
            try integer("SELECT COUNT(*) FROM dead_letters")
        )
    }

    /// A failure naming what was done and SQLite's message.
    func failure(_ doing: String) -> BenchmarkError {
        BenchmarkError(code: .failed, message: "\(path): \(doing): \(String(cString: sqlite3_errmsg(handle)))")
    }
}

/// A connection's journal mode and `PRAGMA synchronous` level (1 = NORMAL, 2 = FULL).
struct DurabilitySettings: Hashable, Sendable, CustomStringConvertible {
    var journalMode: String
    var synchronous: Int

    /// `journal_mode=wal synchronous=2 (FULL)`.
    var description: String {
        let names = [0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"]
        return "journal_mode=\(journalMode) synchronous=\(synchronous) (\(names[synchronous] ?? "?"))"
    }
}
