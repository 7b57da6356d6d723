import GRDB

/// A storage operation that failed, with a code callers can act on.
public struct StorageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The disk (or the file system's quota) is full: nothing of the batch was written.
        public static let diskFull = Code(rawValue: "disk_full")
        /// The database file cannot be opened or is not a Tenet database.
        public static let cannotOpen = Code(rawValue: "cannot_open")
        /// The database file is damaged (`PRAGMA quick_check` found faults).
        public static let corrupt = Code(rawValue: "corrupt")
        /// A migration failed.
        public static let migration = Code(rawValue: "migration")
        /// A query asked for something the store cannot filter on.
        public static let invalidQuery = Code(rawValue: "invalid_query")
        /// Any other SQLite error.
        public static let database = Code(rawValue: "database")
        public var description: String { rawValue }
    }

    /// What kind of failure.
    public var code: Code
    /// What failed, with SQLite's own words.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// Classifies a GRDB or SQLite error.
    init(_ error: any Error, while doing: String) {
        if let database = error as? DatabaseError {
            let code: Code = switch database.resultCode {
            case .SQLITE_FULL: .diskFull
            case .SQLITE_CANTOPEN, .SQLITE_NOTADB, .SQLITE_READONLY, .SQLITE_PERM: .cannotOpen
            case .SQLITE_CORRUPT: .corrupt
            default: .database
            }
            self.init(code: code, message: "\(doing): \(database.message ?? database.description) (SQLite \(database.extendedResultCode.rawValue))")
        } else {
            self.init(code: .database, message: "\(doing): \(error)")
        }
    }

    /// The database file at `path` is damaged; `detail` says how it showed.
    static func damaged(_ path: String, _ detail: String) -> StorageError {
        StorageError(
            code: .corrupt,
            message: "\(path) is damaged (\(detail)): restore it from a backup, or move it away to start empty")
    }

    public var description: String { "\(code): \(message)" }
}
