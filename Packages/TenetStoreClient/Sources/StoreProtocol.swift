import TenetModels

/// The store plugin's request methods and the JSON shapes they exchange. `docs/STORE.md`
/// documents them for clients in any language.
public enum StoreMethod {
    /// Append events (and record rejected input) in one durable transaction.
    public static let append = "append"
    /// Stored events after a sequence number, in order.
    public static let replay = "replay"
    /// Stored events matching filters (drill-down, export).
    public static let query = "query"
    /// Rejected input, in order.
    public static let deadLetters = "dead_letters"
    /// Counts.
    public static let stats = "stats"
}

/// What became of one event in an `append` request.
public struct AppendResult: Codable, Hashable, Sendable {
    /// `stored`, `duplicate` or `rejected`.
    public var status: String
    /// The event's sequence number in the store (stored and duplicate).
    public var seq: Int64?
    /// For `rejected`: the field at fault.
    public var field: String?
    /// For `rejected`: why.
    public var reason: String?

    /// Creates a result.
    public init(status: String, seq: Int64? = nil, field: String? = nil, reason: String? = nil) {
        self.status = status
        self.seq = seq
        self.field = field
        self.reason = reason
    }

    /// The statuses.
    public static let stored = "stored"
    public static let duplicate = "duplicate"
    public static let rejected = "rejected"
}

/// The reply to `append`: one result per event, in order.
public struct AppendReply: Codable, Hashable, Sendable {
    public var results: [AppendResult]
    /// The store's last sequence number after the commit.
    public var lastSeq: Int64

    public init(results: [AppendResult], lastSeq: Int64) {
        self.results = results
        self.lastSeq = lastSeq
    }

    enum CodingKeys: String, CodingKey {
        case results
        case lastSeq = "last_seq"
    }
}

/// A rejected input sent along with an `append` so that it is recorded in the same commit.
public struct Rejection: Codable, Hashable, Sendable {
    public var source: String
    public var line: Int?
    public var field: String?
    public var reason: String
    /// The input as text (invalid UTF-8 replaced).
    public var payload: String

    public init(source: String, line: Int?, field: String?, reason: String, payload: String) {
        self.source = source
        self.line = line
        self.field = field
        self.reason = reason
        self.payload = payload
    }

    /// The rejection as the JSON object requests carry (absent line and field left out).
    public var json: JSONValue {
        var entry = JSONObject([("source", .string(source)), ("reason", .string(reason)), ("payload", .string(payload))])
        if let line { entry["line"] = .number(JSONNumber(line)) }
        if let field { entry["field"] = .string(field) }
        return .object(entry)
    }
}

/// The body of `replay` (and of `dead_letters`).
public struct ReplayRequest: Codable, Hashable, Sendable {
    /// Events with a sequence number above this.
    public var after: Int64
    /// At most this many (the store caps it at 10,000).
    public var limit: Int

    public init(after: Int64, limit: Int) {
        self.after = after
        self.limit = limit
    }

    /// Either field may be left out: `after` defaults to 0, `limit` to 1,000.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        after = try container.decodeIfPresent(Int64.self, forKey: .after) ?? 0
        limit = try container.decodeIfPresent(Int.self, forKey: .limit) ?? 1000
    }

    enum CodingKeys: String, CodingKey {
        case after, limit
    }
}

/// The body of `query`: every field optional.
public struct QueryRequest: Codable, Hashable, Sendable {
    public var after: Int64?
    public var conversation: String?
    /// RFC 3339, inclusive.
    public var from: String?
    /// RFC 3339, exclusive.
    public var until: String?
    public var types: [String]?
    /// Dimension name → accepted values (team, channel, agent, priority, customer).
    public var dimensions: [String: [String]]?
    public var limit: Int?

    public init() {}
}

/// The reply to `stats`.
public struct StoreStats: Codable, Hashable, Sendable {
    public var lastSeq: Int64
    public var deadLetters: Int64

    public init(lastSeq: Int64, deadLetters: Int64) {
        self.lastSeq = lastSeq
        self.deadLetters = deadLetters
    }

    enum CodingKeys: String, CodingKey {
        case lastSeq = "last_seq"
        case deadLetters = "dead_letters"
    }
}

/// One dead letter as `dead_letters` returns it.
public struct DeadLetterRecord: Codable, Hashable, Sendable {
    public var seq: Int64
    public var recordedAt: String
    public var source: String
    public var line: Int?
    public var field: String?
    public var reason: String
    public var payload: String

    public init(seq: Int64, recordedAt: String, source: String, line: Int?, field: String?, reason: String, payload: String) {
        self.seq = seq
        self.recordedAt = recordedAt
        self.source = source
        self.line = line
        self.field = field
        self.reason = reason
        self.payload = payload
    }

    enum CodingKeys: String, CodingKey {
        case seq, source, line, field, reason, payload
        case recordedAt = "recorded_at"
    }
}

/// The reply to `dead_letters`.
public struct DeadLettersReply: Codable, Hashable, Sendable {
    public var deadLetters: [DeadLetterRecord]

    public init(deadLetters: [DeadLetterRecord]) {
        self.deadLetters = deadLetters
    }

    enum CodingKeys: String, CodingKey {
        case deadLetters = "dead_letters"
    }
}

/// Builds the body of an `append` request from raw event JSON, without re-encoding the events.
public struct AppendRequestBuilder: Sendable {
    private var events: [UInt8] = []
    private var rejections: [Rejection] = []
    /// How many events were added.
    public private(set) var eventCount = 0

    /// Creates an empty request.
    public init() {}

    /// Adds an event given as the bytes of one JSON object (already known to parse).
    public mutating func addEvent(json: some Collection<UInt8>) {
        if eventCount > 0 { events.append(UInt8(ascii: ",")) }
        events.append(contentsOf: json)
        eventCount += 1
    }

    /// Adds a rejected input to record in the same commit.
    public mutating func addRejection(_ rejection: Rejection) {
        rejections.append(rejection)
    }

    /// The request body.
    public func body() -> [UInt8] {
        var output = Array(#"{"events":["#.utf8)
        output.reserveCapacity(events.count + 64)
        output.append(contentsOf: events)
        output.append(contentsOf: #"],"rejections":"#.utf8)
        JSONWriter.write(.array(rejections.map(\.json)), into: &output)
        output.append(UInt8(ascii: "}"))
        return output
    }
}

/// The store's once-a-second announcement of its last sequence number, on `sys.store.head`,
/// body `{"last_seq": N}`: a subscriber whose last event is older knows it lost the tail of a
/// burst and replays.
public enum StoreHead {
    /// The topic.
    public static let topic = "sys.store.head"
}
