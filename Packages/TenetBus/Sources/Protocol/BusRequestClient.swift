/// Sends requests to a ROUTER endpoint over a DEALER socket and waits for the matching reply.
///
/// Each request's header `id` is its correlation id; a reply whose `correlation` names an
/// older request (one that already timed out) is discarded. One owner, like its socket.
public final class BusRequestClient {
    private let socket: ZMQSocket
    private var stamper: MessageStamper
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

    /// Closes the socket. Idempotent.
    public func close() { socket.close() }

    /// Sends `method` with `body` and returns the reply message.
    ///
    /// - Throws: ``BusProtocolError`` with ``BusProtocolError/Code/timedOut`` if nothing answers
    ///   within `timeout`, ``BusProtocolError/Code/remoteError`` (and ``BusProtocolError/remote``)
    ///   for an error reply, ``BusProtocolError/Code/transport`` for a ZeroMQ failure.
    public func request<Body: Encodable>(
        _ method: String, body: Body, timeout: Duration
    ) throws(BusProtocolError) -> BusMessage {
        try request(method, rawBody: BusMessage.encodeJSON(body), timeout: timeout)
    }

    /// Sends `method` with an already encoded JSON body and returns the reply message.
    public func request(_ method: String, rawBody: [UInt8], timeout: Duration) throws(BusProtocolError) -> BusMessage {
        let request = stamper.message(topic: method, type: BusMessageType.request, rawBody: rawBody)
        do {
            try socket.send(multipart: request.frames())
        } catch {
            throw BusProtocolError(error)
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else {
                throw BusProtocolError(
                    code: .timedOut, message: "no reply to '\(method)' from \(endpoint) within \(timeout)")
            }
            var poller = ZMQPoller()
            poller.addReadable(socket)
            let frames: [[UInt8]]?
            do {
                guard try !poller.poll(timeout: remaining).isEmpty else { continue }
                frames = try socket.receiveMultipart(dontWait: true)
            } catch {
                throw BusProtocolError(error)
            }
            guard let frames else { continue }
            let reply = try BusMessage(frames: frames)
            guard reply.header.correlation == request.header.id else { continue }
            if reply.header.type == BusMessageType.error {
                let remote = try? reply.decodeBody(BusErrorBody.self)
                throw BusProtocolError(
                    code: .remoteError,
                    message: remote?.description ?? "error reply to '\(method)' without a readable body",
                    remote: remote)
            }
            return reply
        }
    }

    /// Sends `method` with `body` and decodes the reply body as `Reply`.
    public func request<Body: Encodable, Reply: Decodable>(
        _ method: String, body: Body, timeout: Duration, as reply: Reply.Type
    ) throws(BusProtocolError) -> Reply {
        try request(method, body: body, timeout: timeout).decodeBody(Reply.self)
    }
}

/// An empty JSON object, for requests and replies that carry no data.
public struct EmptyBody: Codable, Hashable, Sendable {
    /// Creates an empty body.
    public init() {}
}
