import TenetBus
import TenetModels
import TenetStoreProtocol

/// A blocking client of the store plugin's read methods. One owner, like its socket.
public final class StoreClient {
    private let client: BusRequestClient
    /// How long each request may take.
    public var timeout: Duration

    /// Connects to the store's endpoint (the runtime's `endpoint(of: "store")`, or
    /// `endpoints.json`: `plugins.store`).
    public init(context: ZMQContext, endpoint: String, sender: String, timeout: Duration = .seconds(30)) throws(ZMQError) {
        client = try BusRequestClient(context: context, endpoint: endpoint, sender: sender)
        self.timeout = timeout
    }

    /// Closes the connection.
    public func close() { client.close() }

    /// Stored events after `after`, at most `limit`, each with its bytes as stored.
    public func replay(after: Int64, limit: Int = 10_000) throws(BusProtocolError) -> [StoredEvent] {
        let reply = try client.request(StoreMethod.replay.rawValue, body: ReplayRequest(after: after, limit: limit), timeout: timeout)
        do {
            return try StoredEvent.page(from: reply.body).events
        } catch {
            throw BusProtocolError(code: .badBody, message: "store reply: \(error.message)")
        }
    }

    /// Dead letters after `after`.
    public func deadLetters(after: Int64, limit: Int = 1000) throws(BusProtocolError) -> [DeadLetterRecord] {
        try client.request(
            StoreMethod.deadLetters.rawValue, body: ReplayRequest(after: after, limit: limit), timeout: timeout,
            as: DeadLettersReply.self
        ).deadLetters
    }

    /// The store's counts.
    public func stats() throws(BusProtocolError) -> StoreStats {
        try client.request(StoreMethod.stats.rawValue, body: EmptyBody(), timeout: timeout, as: StoreStats.self)
    }
}
