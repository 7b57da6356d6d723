import CZeroMQ

/// The ZeroMQ socket patterns Tenet uses.
public enum ZMQSocketType: Sendable, CaseIterable, CustomStringConvertible {
    /// Publisher: fans out to subscribers, drops at the high-water mark, never blocks.
    case pub
    /// Subscriber: receives messages whose topic frame starts with a subscribed prefix.
    case sub
    /// Extended publisher: like ``pub``, and receives subscription messages (proxy back end).
    case xpub
    /// Extended subscriber: like ``sub``, and sends subscription messages (proxy front end).
    case xsub
    /// Pipeline sender: load-balances to connected pullers.
    case push
    /// Pipeline receiver: fair-queues from connected pushers.
    case pull
    /// Routed server: prefixes each received message with the sender's routing id.
    case router
    /// Asynchronous client: sends and receives freely, load-balanced across peers.
    case dealer
    /// Strict request client (send, receive, send…), for interoperability.
    case req
    /// Strict reply server, for interoperability.
    case rep
    /// Exclusive pair, for inproc signalling between threads.
    case pair

    var rawValue: Int32 {
        switch self {
        case .pub: ZMQ_PUB
        case .sub: ZMQ_SUB
        case .xpub: ZMQ_XPUB
        case .xsub: ZMQ_XSUB
        case .push: ZMQ_PUSH
        case .pull: ZMQ_PULL
        case .router: ZMQ_ROUTER
        case .dealer: ZMQ_DEALER
        case .req: ZMQ_REQ
        case .rep: ZMQ_REP
        case .pair: ZMQ_PAIR
        }
    }

    public var description: String {
        switch self {
        case .pub: "PUB"
        case .sub: "SUB"
        case .xpub: "XPUB"
        case .xsub: "XSUB"
        case .push: "PUSH"
        case .pull: "PULL"
        case .router: "ROUTER"
        case .dealer: "DEALER"
        case .req: "REQ"
        case .rep: "REP"
        case .pair: "PAIR"
        }
    }
}
