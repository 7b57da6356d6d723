import Foundation
import GRDB
import Synchronization
import TenetModels
import TenetStoreProtocol

/// The event database: durable, idempotent, gap-free, replayable. Only the store plugin opens it.
///
/// - Durable: SQLite in WAL mode with `synchronous = FULL`, so a committed batch survives a
///   crash, a kill -9 or a power cut; ``append(_:rejections:)`` returns only after the commit.
/// - Idempotent: the event `id` is unique; appending an event again reports ``AppendOutcome/duplicate(seq:)``.
/// - Gap-free: `seq` is the table's integer primary key; rows are never deleted and a rolled
///   back transaction leaves no number behind, so sequence numbers run 1, 2, 3… in commit order.
/// - Dead letters are idempotent too: one record per (source, line), so a producer that
///   retries a batch does not record its bad lines twice.
/// - Safe: every value reaches SQL as a bound parameter, never as text in the statement.
public final class EventStore: Sendable {
    /// One event to append: the validated event, its bytes as received, and where it came from
    /// (recorded with a dead letter if its id conflicts).
    public struct Entry: Sendable {
        /// The validated event.
        public var event: Event
        /// Its JSON exactly as received: what the store keeps.
        public var body: ArraySlice<UInt8>
        /// The producer's source (`http:KEY`, `send:FILE:RUN`…).
        public var source: String
        /// Its line in the producer's input.
        public var line: Int?

        /// Creates an entry.
        public init(event: Event, body: ArraySlice<UInt8>, source: String, line: Int?) {
            self.event = event
            self.body = body
            self.source = source
            self.line = line
        }
    }

    private struct Counts {
        var lastSeq: Int64
        var deadLetters: Int64
    }

    private let database: DatabaseQueue
    /// Kept in memory (this is the only writer), so that no commit has to count rows.
    private let counts: Mutex<Counts>
    /// The database file.
    public let path: String

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String) throws(StorageError) {
        self.path = path
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(10)
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
            // Set after opening: setting up WAL lowers it to NORMAL, which a power cut can undo.
            try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        } catch {
            throw StorageError(error, while: "opening \(path)")
        }
        do {
            let check = try database.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
            guard check == ["ok"] else {
                // SQLite's findings span lines: one line of the first few, so the log and `tenet status` show it whole.
                let findings = check.prefix(3).joined(separator: "; ").split(whereSeparator: \.isNewline).joined(separator: " ")
                throw StorageError.damaged(path, "PRAGMA quick_check: " + findings.excerpt)
            }
        } catch let error as StorageError {
            throw error
        } catch {
            let failure = StorageError(error, while: "checking \(path)")
            throw failure.code == .corrupt ? StorageError.damaged(path, failure.message) : failure
        }
        do {
            try EventStoreMigrations.migrator.migrate(database)
        } catch {
            throw StorageError(code: .migration, message: "migrating \(path): \(error)")
        }
        do {
            counts = Mutex(try database.read { db in
                Counts(
                    lastSeq: try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM events") ?? 0,
                    deadLetters: try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM dead_letters") ?? 0)
            })
        } catch {
            throw StorageError(error, while: "counting events in \(path)")
        }
    }

    /// The connection's `PRAGMA synchronous` level (2 = FULL) and journal mode, for checks.
    public func durabilitySettings() throws(StorageError) -> (synchronous: Int, journalMode: String) {
        do {
            return try database.read { db in
                (try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1, try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "")
            }
        } catch {
            throw StorageError(error, while: "reading settings")
        }
    }

    /// The names of the migrations applied to the database, in order.
    public func appliedMigrations() throws(StorageError) -> [String] {
        do {
            return try database.read { db in try EventStoreMigrations.migrator.appliedMigrations(db) }
        } catch {
            throw StorageError(error, while: "reading migrations")
        }
    }

    // MARK: Writing

    /// Appends `entries` and records `rejections` in one transaction (group commit: callers
    /// gather many producers' batches into one call). Returns one outcome per entry, in order.
    /// An entry whose id is stored with different content is a conflict: it is not stored and
    /// is recorded as a dead letter (with both digests) in the same transaction. On any error
    /// nothing of the call is written.
    public func append(_ entries: [Entry], rejections: [DeadLetter] = []) throws(StorageError) -> [AppendOutcome] {
        let now = Timestamp.now().nanosecondsSinceEpoch
        do {
            let (outcomes, recorded) = try database.write { db -> ([AppendOutcome], Int64) in
                let outcomes = try EventInserter.insert(entries.map(\.event), bodies: entries.map(\.body), storedAt: now, in: db)
                var letters = rejections
                for (entry, outcome) in zip(entries, outcomes) {
                    guard case .conflict(let seq, let storedDigest, let receivedDigest) = outcome else { continue }
                    letters.append(DeadLetter(
                        source: entry.source, line: entry.line, field: "id",
                        reason: "`id`: \(entry.event.id) is already stored (seq \(seq)) with different content "
                            + "(stored sha256 \(storedDigest), received sha256 \(receivedDigest)): not stored",
                        payload: entry.body))
                }
                var recorded: Int64 = 0
                if !letters.isEmpty {
                    let record = try db.cachedStatement(sql: """
                        INSERT INTO dead_letters (recorded_at_ns, source, line, field, reason, payload)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                        """)
                    for letter in letters {
                        try record.execute(arguments: [
                            now, letter.source, letter.line, letter.field, letter.reason, Data(letter.payload),
                        ])
                        recorded += Int64(db.changesCount)
                    }
                }
                return (outcomes, recorded)
            }
            let newest = outcomes.reduce(Int64(0)) { last, outcome in
                if case .stored(let seq) = outcome { return max(last, seq) }
                return last
            }
            counts.withLock { counts in
                counts.lastSeq = max(counts.lastSeq, newest)
                counts.deadLetters += recorded
            }
            return outcomes
        } catch {
            throw StorageError(error, while: "appending \(entries.count) events")
        }
    }

    /// Appends events given as values (their JSON written from them), for tools and tests.
    public func append(_ events: [Event], rejections: [DeadLetter] = []) throws(StorageError) -> [AppendOutcome] {
        try append(events.map { Entry(event: $0, body: ArraySlice($0.json), source: "direct", line: nil) }, rejections: rejections)
    }

    // MARK: Reading

    /// Events with a sequence number above `afterSeq`, in order, at most `limit`.
    public func events(after afterSeq: Int64, limit: Int) throws(StorageError) -> [StoredEvent] {
        var query = EventQuery()
        query.afterSeq = afterSeq
        query.limit = limit
        return try events(matching: query)
    }

    /// Events matching `query`, in sequence order.
    public func events(matching query: EventQuery) throws(StorageError) -> [StoredEvent] {
        var conditions = ["seq > ?"]
        var arguments: [any DatabaseValueConvertible] = [query.afterSeq]
        if let conversation = query.conversation {
            conditions.append("conversation = ?")
            arguments.append(conversation)
        }
        if let from = query.from {
            conditions.append("at_ns >= ?")
            arguments.append(from.nanosecondsSinceEpoch)
        }
        if let until = query.until {
            conditions.append("at_ns < ?")
            arguments.append(until.nanosecondsSinceEpoch)
        }
        if !query.types.isEmpty {
            conditions.append("type IN (\(Array(repeating: "?", count: query.types.count).joined(separator: ", ")))")
            arguments.append(contentsOf: query.types.map(\.rawValue))
        }
        for (dimension, values) in query.dimensions.sorted(by: { $0.key < $1.key }) where !values.isEmpty {
            // Column names come from a fixed list, never from the caller's text.
            guard let column = EventQuery.filterableDimensions.first(where: { $0 == dimension }) else {
                throw StorageError(code: .invalidQuery, message: "cannot filter on '\(dimension)': use one of \(EventQuery.filterableDimensions.joined(separator: ", "))")
            }
            conditions.append("\(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ", ")))")
            arguments.append(contentsOf: values)
        }
        arguments.append(max(0, query.limit))
        let sql = "SELECT seq, id, type, body FROM events WHERE \(conditions.joined(separator: " AND ")) ORDER BY seq LIMIT ?"
        do {
            return try database.read { db in
                try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                    let body: String = row["body"]
                    return StoredEvent(seq: row["seq"], id: row["id"], type: row["type"], json: Array(body.utf8))
                }
            }
        } catch {
            throw StorageError(error, while: "querying events")
        }
    }

    /// Dead letters with a sequence number above `afterSeq`, in order, at most `limit`.
    public func deadLetters(after afterSeq: Int64, limit: Int) throws(StorageError) -> [DeadLetter] {
        do {
            return try database.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT * FROM dead_letters WHERE seq > ? ORDER BY seq LIMIT ?",
                    arguments: [afterSeq, limit]
                ).map { row in
                    let payload: Data = row["payload"] ?? Data()
                    var letter = DeadLetter(
                        source: row["source"], line: row["line"], field: row["field"], reason: row["reason"],
                        payload: Array(payload))
                    letter.seq = row["seq"]
                    letter.recordedAt = row["recorded_at_ns"]
                    return letter
                }
            }
        } catch {
            throw StorageError(error, while: "reading dead letters")
        }
    }

    /// Counts: the last sequence number (equal to the number of events) and the dead letters.
    /// Kept in memory by this, the only writer: reading them costs nothing.
    public func statistics() -> (lastSeq: Int64, deadLetters: Int64) {
        counts.withLock { ($0.lastSeq, $0.deadLetters) }
    }
}
