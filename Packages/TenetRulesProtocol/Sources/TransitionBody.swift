/// One alert transition: the body of an `alert.<rule>.<state>` bus event and a row of an
/// `alerts` reply's history.
public struct TransitionBody: Codable, Hashable, Sendable {
    /// The transition's id: the same after a restart, so a consumer can drop a repeat.
    public var id: String
    /// The alert episode's id.
    public var alertID: String
    /// The rule's name.
    public var rule: String
    /// The severity.
    public var severity: String
    /// The instance's labels.
    public var labels: [String: String]
    /// The state left (`inactive`, `pending`, `firing`).
    public var from: String
    /// The state entered (`pending`, `firing`, `resolved`, `inactive`).
    public var to: String
    /// When it happened (RFC 3339, to the nanosecond).
    public var at: String
    /// Since when the condition held.
    public var activeAt: String
    /// The figure (absent without data).
    public var value: Double?
    /// The figure as text.
    public var valueText: String
    /// The annotations, filled in.
    public var annotations: [String: String]

    enum CodingKeys: String, CodingKey {
        case id, rule, severity, labels, from, to, at, value, annotations
        case alertID = "alert_id"
        case activeAt = "active_at"
        case valueText = "value_text"
    }

    /// Creates a body.
    public init(
        id: String, alertID: String, rule: String, severity: String, labels: [String: String], from: String, to: String, at: String,
        activeAt: String, value: Double?, valueText: String, annotations: [String: String]
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
}
