import TenetBus

/// The plugins the web plugin asks, over the bus.
public enum WebPeer: String, CaseIterable, Sendable {
    /// The metrics plugin (`scorecard`, `query`, `conversations`, `conversation`, `staffing`).
    case metrics
    /// The rules plugin (`alerts`, `sla`).
    case rules
    /// The ingest plugin (`lines`).
    case ingest
    /// The store plugin (`query`: a conversation's events).
    case store
    /// The supervisor's control endpoint (`status`).
    case supervisor
}

/// Sends a request to a peer and returns the reply's body: the one seam between the HTTP routes
/// and the bus (in-process tests answer with a stand-in).
public protocol WebBackend: Sendable {
    /// Sends `method` with the JSON `body` to `peer` and returns the reply's body.
    func request(_ peer: WebPeer, method: String, body: [UInt8]) async throws(BusProtocolError) -> [UInt8]
}

/// The backend over the bus: one ``BusAsyncClient`` per peer, each request bounded by a timeout.
public final class BusBackend: WebBackend {
    private let clients: [WebPeer: BusAsyncClient]
    /// How long a peer may take to answer.
    public let timeout: Duration

    /// Connects a client to each endpoint given (a peer without one answers `transport` errors).
    public init(context: ZMQContext, endpoints: [WebPeer: String], sender: String, timeout: Duration = .seconds(10)) throws(ZMQError) {
        var clients: [WebPeer: BusAsyncClient] = [:]
        for (peer, endpoint) in endpoints {
            clients[peer] = try BusAsyncClient(context: context, endpoint: endpoint, sender: sender)
        }
        self.clients = clients
        self.timeout = timeout
    }

    public func request(_ peer: WebPeer, method: String, body: [UInt8]) async throws(BusProtocolError) -> [UInt8] {
        guard let client = clients[peer] else {
            throw BusProtocolError(code: .transport, message: "no endpoint is known for the \(peer.rawValue) plugin")
        }
        return try await client.request(method, rawBody: body, timeout: timeout).body
    }

    /// Closes every client.
    public func shutdown() {
        for client in clients.values { client.shutdown() }
    }
}
