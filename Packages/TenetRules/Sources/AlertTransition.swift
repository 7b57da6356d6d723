import TenetModels
import TenetPhilosophy

/// One change of an alert instance's state: what the rules plugin publishes on `alert.*` and
/// hands to the notifiers. Its ``id`` is stable (the same activation and new state always give
/// the same id), so it serves as the idempotency key of every notification it causes.
public struct AlertTransition: Hashable, Sendable, Codable {
    /// `<alertID>:<to>`: unique per activation and new state.
    public var id: String
    /// The activation's id: rule, labels and ``activeAt`` (all transitions of one activation share it).
    public var alertID: String
    /// The rule's name.
    public var rule: String
    /// The rule's severity.
    public var severity: Severity
    /// The instance's labels.
    public var labels: [String: String]
    /// The state before.
    public var from: AlertState
    /// The state after.
    public var to: AlertState
    /// The instant of the change (exact: when the condition changed, or when `for` or
    /// `keep_firing_for` ran out).
    public var at: Timestamp
    /// When the condition began to hold, for this activation.
    public var activeAt: Timestamp
    /// The figure last observed, in the condition's unit (`nil`: no data).
    public var value: Double?
    /// The figure as people read it (`1h 5m`, `72.5%`).
    public var valueText: String
    /// The rule's annotations with their placeholders filled.
    public var annotations: [String: String]

    /// Creates a transition.
    public init(
        id: String, alertID: String, rule: String, severity: Severity, labels: [String: String], from: AlertState, to: AlertState,
        at: Timestamp, activeAt: Timestamp, value: Double?, valueText: String, annotations: [String: String]
    ) {
        self.id = id
        self.alertID = alertID
        self.rule = rule
        self.severity = severity
        self.labels = labels
        self.from = from
        self.to = to
        self.at = at
        self.activeAt = activeAt
        self.value = value
        self.valueText = valueText
        self.annotations = annotations
    }

    /// The id of an activation: the first 16 bytes, in hex, of the SHA-256 of the rule's name,
    /// the labels sorted by name and the activation instant in nanoseconds.
    public static func alertID(rule: String, labels: [String: String], activeAt: Timestamp) -> String {
        var hash = SHA256()
        hash.update(rule)
        for (name, value) in labels.sorted(by: { $0.key < $1.key }) {
            hash.update("\u{0}\(name)=\(value)")
        }
        hash.update("\u{0}\(activeAt.nanosecondsSinceEpoch)")
        return String(hash.finalize().hex.prefix(32))
    }

    enum CodingKeys: String, CodingKey {
        case id, rule, severity, labels, from, to, at, value, annotations
        case alertID = "alert_id"
        case activeAt = "active_at"
        case valueText = "value_text"
    }

    /// Reads a transition (instants as RFC 3339).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        alertID = try container.decode(String.self, forKey: .alertID)
        rule = try container.decode(String.self, forKey: .rule)
        severity = try container.decode(Severity.self, forKey: .severity)
        labels = try container.decode([String: String].self, forKey: .labels)
        from = try container.decode(AlertState.self, forKey: .from)
        to = try container.decode(AlertState.self, forKey: .to)
        at = try container.decodeTime(forKey: .at)
        activeAt = try container.decodeTime(forKey: .activeAt)
        value = try container.decodeIfPresent(Double.self, forKey: .value)
        valueText = try container.decode(String.self, forKey: .valueText)
        annotations = try container.decode([String: String].self, forKey: .annotations)
    }

    /// Writes the transition (`value` absent without data).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(alertID, forKey: .alertID)
        try container.encode(rule, forKey: .rule)
        try container.encode(severity, forKey: .severity)
        try container.encode(labels, forKey: .labels)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(at.exactText, forKey: .at)
        try container.encode(activeAt.exactText, forKey: .activeAt)
        try container.encodeIfPresent(value, forKey: .value)
        try container.encode(valueText, forKey: .valueText)
        try container.encode(annotations, forKey: .annotations)
    }
}
