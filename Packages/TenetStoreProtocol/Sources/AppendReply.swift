import TenetModels

/// What became of one event line of an `append` request.
public enum AppendStatus: String, CaseIterable, Hashable, Sendable {
    /// Stored now, under a new sequence number.
    case stored
    /// The same event was already stored (same id, same content): acknowledged, not stored twice.
    case duplicate
    /// A different event is already stored under this id: not stored, recorded as a dead letter.
    case conflict
    /// Not a valid event: not stored, recorded as a dead letter.
    case rejected
}

/// The outcome of one event line.
public struct AppendResult: Hashable, Sendable {
    /// What became of it.
    public var status: AppendStatus
    /// The sequence number of the stored event with its id (stored, duplicate, conflict).
    public var seq: Int64?
    /// For `rejected`: the field at fault.
    public var field: String?
    /// For `rejected` and `conflict`: why.
    public var reason: String?

    /// Creates a result.
    public init(status: AppendStatus, seq: Int64? = nil, field: String? = nil, reason: String? = nil) {
        self.status = status
        self.seq = seq
        self.field = field
        self.reason = reason
    }
}

/// The reply to `append`: one result per event line, in order, and the store's last sequence
/// number after the commit.
public struct AppendReply: Hashable, Sendable {
    /// One result per event line.
    public var results: [AppendResult]
    /// The store's last sequence number after the commit.
    public var lastSeq: Int64

    /// Creates a reply.
    public init(results: [AppendResult], lastSeq: Int64) {
        self.results = results
        self.lastSeq = lastSeq
    }

    /// The reply body: `{"results":[{"status":"stored","seq":N}…],"last_seq":N}`.
    public func body() -> [UInt8] {
        var output = Array(#"{"results":["#.utf8)
        output.reserveCapacity(results.count * 32 + 32)
        for (index, result) in results.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: #"{"status":""#.utf8)
            output.append(contentsOf: result.status.rawValue.utf8)
            output.append(UInt8(ascii: "\""))
            if let seq = result.seq { output.append(contentsOf: #","seq":\#(seq)"#.utf8) }
            if let field = result.field {
                output.append(contentsOf: #","field":"#.utf8)
                JSONWriter.writeString(field, into: &output)
            }
            if let reason = result.reason {
                output.append(contentsOf: #","reason":"#.utf8)
                JSONWriter.writeString(reason, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
        output.append(contentsOf: #"],"last_seq":\#(lastSeq)}"#.utf8)
        return output
    }

    /// Reads a reply body.
    public init(body bytes: [UInt8]) throws(StoreProtocolError) {
        guard let object = (try? JSONParser.parse(bytes))?.objectValue, let items = object["results"]?.arrayValue else {
            throw StoreProtocolError(code: .badBody, message: "an append reply is {\"results\": [...], \"last_seq\": N}")
        }
        var results: [AppendResult] = []
        results.reserveCapacity(items.count)
        for item in items {
            guard let entry = item.objectValue, let name = entry["status"]?.stringValue, let status = AppendStatus(rawValue: name) else {
                throw StoreProtocolError(code: .badBody, message: "every result needs a `status`: stored, duplicate, conflict or rejected")
            }
            results.append(AppendResult(
                status: status, seq: entry["seq"]?.numberValue.flatMap { Int64(exactly: $0) },
                field: entry["field"]?.stringValue, reason: entry["reason"]?.stringValue))
        }
        self.init(results: results, lastSeq: object["last_seq"]?.numberValue.flatMap { Int64(exactly: $0) } ?? 0)
    }
}
