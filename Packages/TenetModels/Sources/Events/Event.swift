/// One validated support event.
///
/// The typed fields are the ones every metric needs; ``object`` is the event exactly as it was
/// received, unknown fields included, so nothing the producer sent is lost.
public struct Event: Hashable, Sendable {
    /// The producer's unique id: the idempotency key.
    public var id: String
    /// What happened.
    public var type: EventType
    /// When it happened.
    public var at: Timestamp
    /// The conversation (ticket, chat, call) it belongs to.
    public var conversation: String?
    /// The customer.
    public var customer: String?
    /// The channel: email, chat, phone, social…
    public var channel: String?
    /// The team.
    public var team: String?
    /// The agent.
    public var agent: String?
    /// The priority: low, normal, high, urgent, or the producer's own.
    public var priority: String?
    /// The whole event as received.
    public var object: JSONObject

    /// The dimension fields every event may carry, in their canonical order.
    public static let dimensionFields = ["conversation", "customer", "channel", "team", "agent", "priority"]

    /// The value of a dimension field by name.
    public func dimension(_ name: String) -> String? {
        switch name {
        case "conversation": conversation
        case "customer": customer
        case "channel": channel
        case "team": team
        case "agent": agent
        case "priority": priority
        default: object["attributes"]?.objectValue?[name]?.stringValue
        }
    }

    /// The event as compact JSON, exactly its fields as received.
    public var json: [UInt8] { JSONWriter.bytes(.object(object)) }
}
