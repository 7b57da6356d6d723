/// One validated support event.
///
/// The typed fields are the ones every metric needs, and ``payload`` holds what the event's
/// type adds; ``object`` is the event exactly as it was received, unknown fields included, so
/// nothing the producer sent is lost. Only ``EventValidator`` makes events.
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
    /// The type's own fields, typed and checked.
    public var payload: EventPayload
    /// The whole event as received.
    public var object: JSONObject

    /// How deeply an event's arrays and objects may nest, the event object itself being level 1
    /// (`{"a":[1]}` is 2 levels deep). ``EventValidator`` refuses a deeper event; a wire
    /// envelope around events parses with ``parsingDepth(envelopeLevels:)``.
    public static let maximumDepth = 128

    /// The most levels a wire envelope around events may add: the store's `{"events":[…]}` is
    /// 2, a reply listing `{"events":[{"seq":1,"event":{…}}]}` is 3.
    public static let maximumEnvelopeLevels = 8

    /// The nesting limit to parse an envelope `envelopeLevels` deep around events with, so
    /// that every event the validator accepts parses inside it: ``maximumDepth`` +
    /// `envelopeLevels`.
    public static func parsingDepth(envelopeLevels: Int) -> Int {
        precondition((0...maximumEnvelopeLevels).contains(envelopeLevels), "an envelope of \(envelopeLevels) levels")
        return maximumDepth + envelopeLevels
    }

    /// The names of the top-level dimension fields, in their canonical order (from
    /// ``EventDimension/storedColumns``).
    public static let dimensionFields = EventDimension.storedColumns.map(\.key)

    /// The value of a dimension.
    public func value(of dimension: EventDimension) -> String? {
        switch dimension {
        case .conversation: conversation
        case .customer: customer
        case .channel: channel
        case .team: team
        case .agent: agent
        case .priority: priority
        case .segment, .language: object["attributes"]?.objectValue?[dimension.key]?.stringValue
        }
    }

    /// The value of a dimension field by name: a top-level dimension, or any string attribute.
    public func dimension(_ name: String) -> String? {
        if let known = EventDimension(rawValue: name) { return value(of: known) }
        return object["attributes"]?.objectValue?[name]?.stringValue
    }

    /// The event as compact JSON, exactly its fields as received.
    public var json: [UInt8] { JSONWriter.bytes(.object(object)) }

    /// The event's canonical JSON (``JSONWriter/canonicalBytes(_:)``): the same for every
    /// sending of the same content, whatever its white space and key order.
    public var canonicalJSON: [UInt8] { JSONWriter.canonicalBytes(.object(object)) }

    /// The SHA-256 of ``canonicalJSON``: equal for the same event sent again, different for a
    /// different event under the same id (see `docs/EVENTS.md`, "The canonical form").
    public var canonicalDigest: SHA256.Digest { SHA256.hash(canonicalJSON) }
}
