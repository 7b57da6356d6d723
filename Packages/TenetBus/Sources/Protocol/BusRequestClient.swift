/// The one request engine: sends requests to a ROUTER endpoint over a DEALER socket, many in
/// flight at once, and matches each reply to its request by correlation id.
///
/// Two ways to use it, both on the same machinery:
/// - **pipelined**: ``send(_:rawBody:timeout:)`` returns at once with the request's id; poll
///   ``socket`` and call ``collect(now:)`` to receive every completion (a reply, an error
///   reply, or a timeout). Producers with a window (`tenet send`), servers that forward work to
///   another plugin (ingest → store) and ``BusAsyncClient`` work this way.
/// - **blocking**: ``request(_:rawBody:timeout:)`` sends one request and waits for its answer.
///
/// A reply that matches no request in flight (its request already timed out) is discarded.
/// One owner, like its socket.
public final class BusRequestClient {
    /// How one request ended.
    public struct Completion: Sendable {
        /// The request's id (its header `id`, the reply's `correlation`).
        public var id: String
        /// The method that was asked for.
        public var method: String
        /// The reply, or why there is none: `timed_out`, `remote_error` (with the error body).
        public var result: Result<BusMessage, BusProtocolError>
    }

    private struct InFlight {
        var method: String
        var deadline: ContinuousClock.Instant
        var timeout: Duration
    }

    /// The DEALER socket, for registering in a ``ZMQPoller`` beside other sockets.
    public let socket: ZMQSocket
    private var stamper: MessageStamper
    private var inFlight: [String: InFlight] = [:]
    private let clock = ContinuousClock()
    /// The endpoint requests go to.
    public let endpoint: String

    /// Connects to `endpoint` and stamps requests as `sender`.
    public init(context: ZMQContext, endpoint: String, sender: String) throws(ZMQError) {
        socket = try ZMQSocket(context: context, type: .dealer)
        try socket.set(.linger(.zero))
        try socket.connect(endpoint)
        stamper = MessageStamper(sender: sender)
        self.endpoint = endpoint
    }

    /// Closes the socket. Idempotent. Requests in flight are forgotten.
    public func close() {
        socket.close()
        inFlight.removeAll()
    }

    /// How many requests await an answer.
    public var pendingCount: Int { inFlight.count }

    /// The earliest deadline among the requests in flight, to bound a poll's wait.
    public var nextDeadline: ContinuousClock.Instant? { inFlight.values.map(\.deadline).min() }

    // MARK: Pipelined

    /// Sends `method` with an encoded JSON body; returns the request's id. Its completion comes
    /// from ``collect(now:)``, at the latest once `timeout` has passed.
    @discardableResult
    public func send(_ method: String, rawBody: [UInt8], timeout: Duration) throws(BusProtocolError) -> String {
        let request = stamper.message(topic: method, type: BusMessageType.request, rawBody: rawBody)
        do {
            try socket.send(multipart: request.frames())
        } catch {
            throw BusProtocolError(error)
        }
        inFlight[request.header.id] = InFlight(method: method, deadline: clock.now.advanced(by: timeout), timeout: timeout)
        return request.header.id
    }

    /// Reads every reply waiting on the socket (without blocking) and expires the requests
    /// whose deadline has passed. Each request in flight completes exactly once.
    public func collect(now: ContinuousClock.Instant? = nil) throws(BusProtocolError) -> [Completion] {
        var completions: [Completion] = []
        while true {
            let frames: [[UInt8]]?
            do {
                frames = try socket.receiveMultipart(dontWait: true)
            } catch {
                throw BusProtocolError(error)
            }
            guard let frames else { break }
            guard let reply = try? BusMessage(frames: frames), let id = reply.header.correlation,
                let entry = inFlight.removeValue(forKey: id)
            else { continue }
            completions.append(Completion(id: id, method: entry.method, result: Self.result(of: reply, method: entry.method)))
        }
        let now = now ?? clock.now
        for (id, entry) in inFlight where entry.deadline <= now {
            inFlight[id] = nil
            completions.append(Completion(
                id: id, method: entry.method,
                result: .failure(BusProtocolError(
                    code: .timedOut, message: "no reply to '\(entry.method)' from \(endpoint) within \(entry.timeout)"))))
        }
        return completions
    }

    /// Waits up to `timeout` (less if a request's deadline comes first) for the socket to have a
    /// reply, then returns what ``collect(now:)`` finds.
    public func wait(timeout: Duration) throws(BusProtocolError) -> [Completion] {
        var wait = timeout
        if let deadline = nextDeadline {
            wait = min(wait, max(.zero, clock.now.duration(to: deadline)))
        }
        var poller = ZMQPoller()
        poller.addReadable(socket)
        do {
            _ = try poller.poll(timeout: wait)
        } catch {
            throw BusProtocolError(error)
        }
        return try collect()
    }

    // MARK: Blocking

    /// Sends `method` with an already encoded JSON body and returns the reply message.
    ///
    /// - Throws: ``BusProtocolError`` with ``BusProtocolError/Code/timedOut`` if nothing answers
    ///   within `timeout`, ``BusProtocolError/Code/remoteError`` (and ``BusProtocolError/remote``)
    ///   for an error reply, ``BusProtocolError/Code/transport`` for a ZeroMQ failure.
    ///   Completions of other requests in flight that arrive meanwhile are dropped: mix the two
    ///   styles on one client only when nothing else is in flight.
    public func request(_ method: String, rawBody: [UInt8], timeout: Duration) throws(BusProtocolError) -> BusMessage {
        let id = try send(method, rawBody: rawBody, timeout: timeout)
        while true {
            for completion in try wait(timeout: timeout) where completion.id == id {
                return try completion.result.get()
            }
        }
    }

    /// Sends `method` with `body` encoded as JSON and returns the reply message.
    public func request<Body: Encodable>(_ method: String, body: Body, timeout: Duration) throws(BusProtocolError) -> BusMessage {
        try request(method, rawBody: BusMessage.encodeJSON(body), timeout: timeout)
    }

    /// Sends `method` with `body` and decodes the reply body as `Reply`.
    public func request<Body: Encodable, Reply: Decodable>(
        _ method: String, body: Body, timeout: Duration, as reply: Reply.Type
    ) throws(BusProtocolError) -> Reply {
        try request(method, body: body, timeout: timeout).decodeBody(Reply.self)
    }

    /// A reply as a result: error replies become ``BusProtocolError/Code/remoteError``.
    static func result(of reply: BusMessage, method: String) -> Result<BusMessage, BusProtocolError> {
        guard reply.header.type == BusMessageType.error else { return .success(reply) }
        let remote = try? reply.decodeBody(BusErrorBody.self)
        return .failure(BusProtocolError(
            code: .remoteError, message: remote?.description ?? "error reply to '\(method)' without a readable body",
            remote: remote))
    }
}

/// An empty JSON object, for requests and replies that carry no data.
public struct EmptyBody: Codable, Hashable, Sendable {
    /// Creates an empty body.
    public init() {}
}
