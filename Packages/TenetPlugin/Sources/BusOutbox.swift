import TenetBus

/// The plugin's publisher on the event bus, shared by its tasks.
///
/// The PUB socket has one owner, this actor: tasks publish through it one at a time.
public actor BusOutbox {
    private let publisher: BusPublisher

    init(context: ZMQContext, endpoint: String, sender: String) throws(ZMQError) {
        publisher = try BusPublisher(context: context, endpoint: endpoint, sender: sender)
    }

    /// Publishes `body` as JSON on `topic`; returns the header it was sent with.
    @discardableResult
    public func publish<Body: Encodable & Sendable>(topic: String, type: String, body: Body) throws(ZMQError) -> BusHeader {
        try publisher.publish(topic: topic, type: type, body: body).header
    }

    /// The sequence number of the last message published.
    public var lastSequence: UInt64 { publisher.lastSequence }

    func close() { publisher.close() }
}
