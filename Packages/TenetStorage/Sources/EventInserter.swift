import GRDB
import GRDBSQLite
import TenetModels

/// Inserts events many rows per statement, binding values straight into SQLite, and reads
/// back which rows were new (`RETURNING`): the store's hot path. Runs inside a write
/// transaction on the store's one connection.
struct EventInserter {
    /// Rows per multi-row statement.
    static let rowsPerStatement = 64
    static let columns = ["id", "type", "at_ns"] + EventDimension.storedColumns.map(\.key) + ["body", "stored_at_ns"]

    private static func sql(rows: Int) -> String {
        let placeholders = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "INSERT INTO events (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: placeholders, count: rows).joined(separator: ", ")
            + " ON CONFLICT (id) DO NOTHING RETURNING seq, id"
    }

    /// Appends `events` (with their JSON `bodies`) and returns one outcome each, in order.
    ///
    /// An id inserted now is `stored` at its first place in the batch. Every other place, and
    /// every id stored earlier, is a `duplicate` when its canonical content equals the stored
    /// event's and a `conflict` when it differs.
    static func insert(_ events: [Event], bodies: [ArraySlice<UInt8>], storedAt: Int64, in db: Database) throws -> [AppendOutcome] {
        let multi = try db.cachedStatement(sql: sql(rows: rowsPerStatement))
        let single = try db.cachedStatement(sql: sql(rows: 1))
        var inserted: [String: Int64] = [:]
        inserted.reserveCapacity(events.count)
        var start = 0
        while start < events.count {
            let count = min(rowsPerStatement, events.count - start)
            let statement = count == rowsPerStatement ? multi : single
            let rows = count == rowsPerStatement ? rowsPerStatement : 1
            for row in 0..<rows {
                try bind(events[start + row], body: bodies[start + row], storedAt: storedAt, slot: row, to: statement.sqliteStatement, db: db)
            }
            try step(statement.sqliteStatement, db: db) { seq, id in inserted[id] = seq }
            start += rows
        }
        let find = try db.cachedStatement(sql: "SELECT seq, body FROM events WHERE id = ?")
        var firstPlace: [String: Int] = [:]
        var outcomes: [AppendOutcome] = []
        outcomes.reserveCapacity(events.count)
        for (index, event) in events.enumerated() {
            if let seq = inserted[event.id] {
                guard let first = firstPlace[event.id] else {
                    firstPlace[event.id] = index
                    outcomes.append(.stored(seq: seq))
                    continue
                }
                outcomes.append(compare(stored: bodies[first], seq: seq, received: bodies[index]))
            } else {
                guard let row = try Row.fetchOne(find, arguments: [event.id]) else {
                    throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "event \(event.id) was neither inserted nor found")
                }
                let body: String = row["body"]
                outcomes.append(compare(stored: ArraySlice(body.utf8), seq: row["seq"], received: bodies[index]))
            }
        }
        return outcomes
    }

    /// A repeat of an id is a duplicate when the two events are the same in canonical form.
    private static func compare(stored: ArraySlice<UInt8>, seq: Int64, received: ArraySlice<UInt8>) -> AppendOutcome {
        if stored.elementsEqual(received) { return .duplicate(seq: seq) }
        let storedDigest = EventDigest.canonical(stored)
        let receivedDigest = EventDigest.canonical(received)
        return storedDigest == receivedDigest
            ? .duplicate(seq: seq) : .conflict(seq: seq, storedDigest: storedDigest, receivedDigest: receivedDigest)
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func bind(_ event: Event, body: ArraySlice<UInt8>, storedAt: Int64, slot: Int, to statement: OpaquePointer, db: Database) throws {
        let base = Int32(slot * columns.count)
        func text(_ index: Int32, _ value: String?) throws {
            guard let value else {
                try check(sqlite3_bind_null(statement, base + index), db)
                return
            }
            var utf8 = value
            try utf8.withUTF8 { bytes in try bindText(bytes, at: base + index, to: statement, db: db) }
        }
        try text(1, event.id)
        try text(2, event.type.rawValue)
        try check(sqlite3_bind_int64(statement, base + 3, event.at.nanosecondsSinceEpoch), db)
        for (offset, dimension) in EventDimension.storedColumns.enumerated() {
            try text(Int32(4 + offset), event.value(of: dimension))
        }
        let after = Int32(4 + EventDimension.storedColumns.count)
        try body.withUnsafeBufferPointer { bytes in try bindText(bytes, at: base + after, to: statement, db: db) }
        try check(sqlite3_bind_int64(statement, base + after + 1, storedAt), db)
    }

    /// Binds UTF-8 bytes as text; SQLite copies them (`SQLITE_TRANSIENT`).
    private static func bindText(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32, to statement: OpaquePointer, db: Database) throws {
        guard let address = bytes.baseAddress, bytes.count > 0 else {
            try check(sqlite3_bind_text(statement, index, "", 0, transient), db)
            return
        }
        try check(sqlite3_bind_text(statement, index, UnsafeRawPointer(address).assumingMemoryBound(to: CChar.self), Int32(bytes.count), transient), db)
    }

    private static func step(_ statement: OpaquePointer, db: Database, row: (Int64, String) -> Void) throws {
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { try check(code, db) ; return }
            let seq = sqlite3_column_int64(statement, 0)
            let id = String(cString: sqlite3_column_text(statement, 1))
            row(seq, id)
        }
    }

    private static func check(_ code: Int32, _ db: Database) throws {
        guard code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}
