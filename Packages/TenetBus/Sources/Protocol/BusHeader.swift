import TenetModels

/// The second frame of every bus message: who sent it, when, in what order, and what it is.
///
/// Encoded as a JSON object. Decoders ignore fields they do not know, so later protocol
/// versions can add fields without breaking version-1 peers. See `docs/PROTOCOL.md`.
public struct BusHeader: Codable, Hashable, Sendable {
    /// The wire protocol version this header follows (``BusProtocol/version``).
    public var version: Int
    /// A unique id for this message: `<instance>-<n>`, where n counts the instance's messages.
    public var id: String
    /// The sending plugin's name (`supervisor` for the supervisor).
    public var sender: String
    /// A random id chosen when the sender's process starts: a new instance restarts `seq` at 1.
    public var instance: String
    /// The sender's sequence number on this topic: 1 for its first message on the topic, then
    /// one more per message it sends on that topic.
    public var seq: UInt64
    /// When the message was sent, RFC 3339 in UTC.
    public var time: String
    /// What the message is (``BusMessageType``): tells the reader how to read the body.
    public var type: String
    /// On a reply or an error: the `id` of the request it answers.
    public var correlation: String?

    /// Creates a header.
    public init(
        version: Int = BusProtocol.version, id: String, sender: String, instance: String, seq: UInt64,
        time: String, type: String, correlation: String? = nil
    ) {
        self.version = version
        self.id = id
        self.sender = sender
        self.instance = instance
        self.seq = seq
        self.time = time
        self.type = type
        self.correlation = correlation
    }
}

/// Constants of the wire protocol.
public enum BusProtocol {
    /// The version of the wire protocol this build speaks.
    public static let version = 1
}

/// The `type` values Tenet itself sends. Readers must ignore types they do not know.
public enum BusMessageType {
    /// A plugin's periodic sign of life (`sys.heartbeat.<name>`).
    public static let heartbeat = "heartbeat"
    /// A plugin's own report of a lifecycle step (`sys.lifecycle.<name>.<phase>`).
    public static let lifecycle = "lifecycle"
    /// The supervisor's report of a plugin state change (`sys.plugin.<name>.<state>`).
    public static let pluginState = "plugin.state"
    /// The supervisor's request to re-read the philosophy file (`sys.philosophy.reload`).
    public static let philosophyReload = "philosophy.reload"
    /// A plugin's report of a philosophy re-read (`sys.philosophy.<name>.<outcome>`).
    public static let philosophyStatus = "philosophy.status"
    /// A request on a ROUTER/DEALER endpoint.
    public static let request = "request"
    /// A successful reply; `correlation` names the request.
    public static let reply = "reply"
    /// An error reply; the body is a ``BusErrorBody``.
    public static let error = "error"
}
