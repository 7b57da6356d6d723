import TenetBus
import TenetModels
import TenetStorage

/// A client of the store plugin's request endpoint. One owner, like its socket.
public final class StoreClient {
    private let client: BusRequestClient
    /// How long each request may take.
    public var timeout: Duration

    /// Connects to the store's endpoint (from `endpoints.json`: `plugins.store`).
    public init(context: ZMQContext, endpoint: String, sender: String, timeout: Duration = .seconds(30)) throws(ZMQError) {
        client = try BusRequestClient(context: context, endpoint: endpoint, sender: sender)
        self.timeout = timeout
    }

    /// Closes the connection.
    public func close() { client.close() }

    /// Sends an `append` request built with ``AppendRequestBuilder``.
    public func append(_ request: AppendRequestBuilder) throws(BusProtocolError) -> AppendReply {
        let reply = try client.request(StoreMethod.append, rawBody: request.body(), timeout: timeout)
        do {
            return try AppendReply(json: reply.body)
        } catch {
            throw BusProtocolError(code: .badBody, message: error.message)
        }
    }

    /// Stored events after `after`, at most `limit`.
    public func replay(after: Int64, limit: Int = 10_000) throws(BusProtocolError) -> [StoredEvent] {
        let reply = try client.request(StoreMethod.replay, body: ReplayRequest(after: after, limit: limit), timeout: timeout)
        return try Self.events(in: reply)
    }

    /// Stored events matching `query`.
    public func query(_ query: QueryRequest) throws(BusProtocolError) -> [StoredEvent] {
        let reply = try client.request(StoreMethod.query, body: query, timeout: timeout)
        return try Self.events(in: reply)
    }

    /// Dead letters after `after`.
    public func deadLetters(after: Int64, limit: Int = 1000) throws(BusProtocolError) -> [DeadLetterRecord] {
        try client.request(
            StoreMethod.deadLetters, body: ReplayRequest(after: after, limit: limit), timeout: timeout,
            as: DeadLettersReply.self
        ).deadLetters
    }

    /// The store's counts.
    public func stats() throws(BusProtocolError) -> StoreStats {
        try client.request(StoreMethod.stats, body: EmptyBody(), timeout: timeout, as: StoreStats.self)
    }

    /// Reads `{"events":[{"seq":N,"event":{...}}…]}`.
    static func events(in reply: BusMessage) throws(BusProtocolError) -> [StoredEvent] {
        let root: JSONValue
        do { root = try JSONParser.parse(reply.body) } catch {
            throw BusProtocolError(code: .badBody, message: "store reply: \(error)")
        }
        guard let items = root.objectValue?["events"]?.arrayValue else {
            throw BusProtocolError(code: .badBody, message: "store reply has no `events` array")
        }
        var events: [StoredEvent] = []
        events.reserveCapacity(items.count)
        for item in items {
            guard let entry = item.objectValue, let seq = entry["seq"]?.numberValue,
                let event = entry["event"]?.objectValue
            else { throw BusProtocolError(code: .badBody, message: "store reply: an entry lacks `seq` or `event`") }
            events.append(StoredEvent(
                seq: Int64(seq), id: event["id"]?.stringValue ?? "", type: event["type"]?.stringValue ?? "",
                json: JSONWriter.bytes(.object(event))))
        }
        return events
    }
}
