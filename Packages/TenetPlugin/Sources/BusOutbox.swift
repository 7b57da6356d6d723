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

    /// How many messages this plugin has published, on all topics.
    public var publishedCount: UInt64 { publisher.publishedCount }

    func close() { publisher.close() }
}
