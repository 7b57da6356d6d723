/// The serving side of request/reply: a ROUTER socket that reads requests and answers them.
///
/// Works with DEALER clients (frames `[topic, header, body]`) and with REQ clients, which add
/// an empty delimiter frame; the routing envelope is kept and sent back with the reply.
/// One owner, like its socket; poll ``socket`` to learn when a request is waiting.
public final class BusReplier {
    /// A request and the envelope that routes its reply.
    public struct Request: Sendable {
        /// The routing frames: the peer's routing id, then an empty frame for REQ peers.
        public var envelope: [[UInt8]]
        /// The request itself; its topic is the method name.
        public var message: BusMessage
        /// The method asked for.
        public var method: String { message.topic }
    }

    /// The ROUTER socket, for registering in a ``ZMQPoller``.
    public let socket: ZMQSocket
    private var stamper: MessageStamper

    /// Binds a ROUTER socket on `endpoint` and stamps replies as `sender`. A peer that sends a
    /// message larger than `maximumMessageSize` bytes is disconnected by ZeroMQ before the
    /// message is read into memory (`nil`: no limit).
    public init(context: ZMQContext, endpoint: String, sender: String, maximumMessageSize: Int? = nil) throws(ZMQError) {
        socket = try ZMQSocket(context: context, type: .router)
        try socket.set(.linger(.milliseconds(500)))
        if let maximumMessageSize { try socket.set(.maximumMessageSize(maximumMessageSize)) }
        try socket.bind(endpoint)
        stamper = MessageStamper(sender: sender)
    }

    /// Closes the socket. Idempotent.
    public func close() { socket.close() }

    /// Reads the next waiting request, if any. A malformed request is answered with an error
    /// reply (when it can be routed) and skipped, so the caller sees only readable requests.
    public func nextRequest() throws(ZMQError) -> Request? {
        while let frames = try socket.receiveMultipart(dontWait: true) {
            guard frames.count >= 2 else { continue }
            let hasDelimiter = frames.count >= 5 && frames[1].isEmpty
            let envelope = Array(frames.prefix(hasDelimiter ? 2 : 1))
            let rest = Array(frames.dropFirst(envelope.count))
            do {
                let message = try BusMessage(frames: rest)
                return Request(envelope: envelope, message: message)
            } catch {
                let body = BusErrorBody(code: .badMessage, message: error.message)
                let method = rest.first.flatMap { String(validating: $0, as: UTF8.self) } ?? ""
                let reply = stamper.message(topic: method, type: BusMessageType.error, body: body)
                _ = try socket.send(multipart: envelope + reply.frames(), dontWait: true)
            }
        }
        return nil
    }

    /// Answers `request` with `body`.
    public func reply<Body: Encodable>(to request: Request, body: Body) throws(ZMQError) {
        try reply(to: request, rawBody: BusMessage.encodeJSON(body))
    }

    /// Answers `request` with an already encoded JSON body.
    public func reply(to request: Request, rawBody: [UInt8]) throws(ZMQError) {
        let reply = stamper.message(
            topic: request.method, type: BusMessageType.reply, rawBody: rawBody,
            correlation: request.message.header.id)
        // A ROUTER drops replies to peers that went away; it never blocks.
        _ = try socket.send(multipart: request.envelope + reply.frames(), dontWait: true)
    }

    /// Answers `request` with an error reply.
    public func fail(_ request: Request, with error: BusErrorBody) throws(ZMQError) {
        let reply = stamper.message(
            topic: request.method, type: BusMessageType.error, body: error, correlation: request.message.header.id)
        _ = try socket.send(multipart: request.envelope + reply.frames(), dontWait: true)
    }
}
