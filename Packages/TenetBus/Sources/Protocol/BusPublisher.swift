/// Publishes stamped messages on the event bus through a PUB socket.
///
/// Connects to the bus's publish endpoint (the XSUB side of the supervisor's proxy). Sends
/// never block: when a subscriber is too slow, ZeroMQ drops at the high-water mark and the
/// subscriber sees the gap in `seq`. One owner, like its socket.
public final class BusPublisher {
    private let socket: ZMQSocket
    private var stamper: MessageStamper

    /// The sender name stamped on every message.
    public var sender: String { stamper.sender }
    /// How many messages this publisher has published, on all topics.
    public var publishedCount: UInt64 { stamper.stampedCount }

    /// The sequence number of the last message published on `topic`.
    public func lastSequence(on topic: String) -> UInt64 { stamper.lastSequence(on: topic) }

    /// Connects a PUB socket to `endpoint` and stamps messages as `sender`.
    public init(context: ZMQContext, endpoint: String, sender: String, highWaterMark: Int = 100_000) throws(ZMQError) {
        socket = try ZMQSocket(context: context, type: .pub)
        try socket.set(.sendHighWaterMark(highWaterMark))
        try socket.connect(endpoint)
        stamper = MessageStamper(sender: sender)
    }

    /// Publishes `body` as JSON on `topic`.
    ///
    /// - Returns: the message as sent (with its header).
    @discardableResult
    public func publish<Body: Encodable>(topic: String, type: String, body: Body) throws(ZMQError) -> BusMessage {
        let message = stamper.message(topic: topic, type: type, body: body)
        try socket.send(multipart: message.frames(), dontWait: true)
        return message
    }

    /// Publishes an already encoded JSON body on `topic`.
    @discardableResult
    public func publish(topic: String, type: String, rawBody: [UInt8]) throws(ZMQError) -> BusMessage {
        let message = stamper.message(topic: topic, type: type, rawBody: rawBody)
        try socket.send(multipart: message.frames(), dontWait: true)
        return message
    }

    /// Closes the socket; queued messages are flushed within the linger period. Idempotent.
    public func close() { socket.close() }
}
