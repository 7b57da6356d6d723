/// Every endpoint of a running stack, as `tenet status --json` and `DATA/endpoints.json` list them.
public struct BusEndpoints: Codable, Hashable, Sendable {
    /// Publishers connect a PUB socket here (the bus's XSUB side).
    public var publish: String
    /// Subscribers connect a SUB socket here (the bus's XPUB side).
    public var subscribe: String
    /// The same stream on TCP for external tools, if the stack file asks for it.
    public var subscribeTCP: String?
    /// The CurveZMQ public key of the TCP endpoint, when it requires CURVE.
    public var curveServerKey: String?
    /// The supervisor's request endpoint (ROUTER).
    public var control: String
    /// Each plugin's own request endpoint, by plugin name.
    public var plugins: [String: String]

    enum CodingKeys: String, CodingKey {
        case publish
        case subscribe
        case subscribeTCP = "subscribe_tcp"
        case curveServerKey = "curve_server_key"
        case control
        case plugins
    }

    /// Creates a value from its parts.
    public init(publish: String, subscribe: String, subscribeTCP: String? = nil, curveServerKey: String? = nil, control: String, plugins: [String: String]) {
        self.publish = publish
        self.subscribe = subscribe
        self.subscribeTCP = subscribeTCP
        self.curveServerKey = curveServerKey
        self.control = control
        self.plugins = plugins
    }
}
