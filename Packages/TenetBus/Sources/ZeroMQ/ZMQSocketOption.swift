import CZeroMQ

/// A socket option with a typed value, applied with ``ZMQSocket/set(_:)``.
public enum ZMQSocketOption: Sendable, CustomStringConvertible {
    /// `ZMQ_SNDHWM`: messages queued per peer before sends drop (PUB) or block (others). 0 = no limit.
    case sendHighWaterMark(Int)
    /// `ZMQ_RCVHWM`: messages queued per peer on receive.
    case receiveHighWaterMark(Int)
    /// `ZMQ_LINGER`: how long ``ZMQSocket/close()`` keeps unsent messages; `nil` waits forever.
    case linger(Duration?)
    /// `ZMQ_SUBSCRIBE`: receive topics starting with this prefix (empty: everything).
    case subscribe(String)
    /// `ZMQ_UNSUBSCRIBE`: stop a subscription made with ``subscribe(_:)``.
    case unsubscribe(String)
    /// `ZMQ_SNDTIMEO`: a blocking send gives up after this long (``ZMQError/Code/tryAgain``); `nil` never.
    case sendTimeout(Duration?)
    /// `ZMQ_RCVTIMEO`: a blocking receive gives up after this long; `nil` never.
    case receiveTimeout(Duration?)
    /// `ZMQ_ROUTING_ID`: this socket's identity as seen by a ROUTER peer.
    case routingID(String)
    /// `ZMQ_ROUTER_MANDATORY`: a ROUTER reports unroutable messages instead of dropping them.
    case routerMandatory(Bool)
    /// `ZMQ_XPUB_VERBOSE`: an XPUB passes every subscription upstream, not only new ones.
    case xpubVerbose(Bool)
    /// `ZMQ_IMMEDIATE`: queue messages only to completed connections.
    case immediate(Bool)
    /// `ZMQ_HEARTBEAT_IVL`: send a ZMTP PING this often on idle connections.
    case heartbeatInterval(Duration)
    /// `ZMQ_HEARTBEAT_TIMEOUT`: close a connection that answers no PING within this time.
    case heartbeatTimeout(Duration)
    /// `ZMQ_HEARTBEAT_TTL`: tell the peer to close the connection after this much silence.
    case heartbeatTTL(Duration)
    /// `ZMQ_CURVE_SERVER` with `ZMQ_CURVE_SECRETKEY`: accept CurveZMQ clients (Z85 secret key).
    case curveServer(secretKey: String)
    /// `ZMQ_CURVE_SERVERKEY`, `ZMQ_CURVE_PUBLICKEY`, `ZMQ_CURVE_SECRETKEY`: connect as a CurveZMQ client.
    case curveClient(serverPublicKey: String, publicKey: String, secretKey: String)
    /// `ZMQ_IPV6`: allow IPv6 on TCP endpoints.
    case ipv6(Bool)
    /// `ZMQ_MAXMSGSIZE`: refuse frames larger than this many bytes (-1 = no limit).
    case maximumMessageSize(Int)

    public var description: String {
        switch self {
        case .sendHighWaterMark(let value): "ZMQ_SNDHWM=\(value)"
        case .receiveHighWaterMark(let value): "ZMQ_RCVHWM=\(value)"
        case .linger(let value): "ZMQ_LINGER=\(Self.milliseconds(value))"
        case .subscribe(let prefix): "ZMQ_SUBSCRIBE=\"\(prefix)\""
        case .unsubscribe(let prefix): "ZMQ_UNSUBSCRIBE=\"\(prefix)\""
        case .sendTimeout(let value): "ZMQ_SNDTIMEO=\(Self.milliseconds(value))"
        case .receiveTimeout(let value): "ZMQ_RCVTIMEO=\(Self.milliseconds(value))"
        case .routingID(let value): "ZMQ_ROUTING_ID=\"\(value)\""
        case .routerMandatory(let value): "ZMQ_ROUTER_MANDATORY=\(value)"
        case .xpubVerbose(let value): "ZMQ_XPUB_VERBOSE=\(value)"
        case .immediate(let value): "ZMQ_IMMEDIATE=\(value)"
        case .heartbeatInterval(let value): "ZMQ_HEARTBEAT_IVL=\(Self.milliseconds(value))"
        case .heartbeatTimeout(let value): "ZMQ_HEARTBEAT_TIMEOUT=\(Self.milliseconds(value))"
        case .heartbeatTTL(let value): "ZMQ_HEARTBEAT_TTL=\(Self.milliseconds(value))"
        case .curveServer: "ZMQ_CURVE_SERVER"
        case .curveClient: "ZMQ_CURVE_SERVERKEY"
        case .ipv6(let value): "ZMQ_IPV6=\(value)"
        case .maximumMessageSize(let value): "ZMQ_MAXMSGSIZE=\(value)"
        }
    }

    /// A duration in whole milliseconds as libzmq takes it; `nil` is -1 (forever).
    static func milliseconds(_ duration: Duration?) -> Int32 {
        guard let duration else { return -1 }
        let (seconds, attoseconds) = duration.components
        let value = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: value)
    }
}
