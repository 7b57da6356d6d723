/// One alert instance as the rules plugin reports it: a rule's instance for one label set.
public struct AlertBody: Codable, Hashable, Sendable {
    /// The instance's id for this episode (stable from pending to resolved).
    public var alertID: String
    /// The rule's name.
    public var rule: String
    /// `pending`, `firing` or `resolved`.
    public var state: String
    /// `info`, `warning`, `critical` or `emergency`.
    public var severity: String
    /// The instance's labels (the group's dimensions and the rule's labels).
    public var labels: [String: String]
    /// The annotations, with their templates filled in.
    public var annotations: [String: String]
    /// Since when the condition holds (RFC 3339, to the nanosecond).
    public var activeAt: String
    /// When it started firing, if it did.
    public var firedAt: String?
    /// When it resolved, if it did.
    public var resolvedAt: String?
    /// The figure last seen (absent without data).
    public var value: Double?
    /// That figure as text (`1h 12m`, `83.5%`).
    public var valueText: String?

    enum CodingKeys: String, CodingKey {
        case rule, state, severity, labels, annotations, value
        case alertID = "alert_id"
        case activeAt = "active_at"
        case firedAt = "fired_at"
        case resolvedAt = "resolved_at"
        case valueText = "value_text"
    }

    /// Creates a body.
    public init(
        alertID: String, rule: String, state: String, severity: String, labels: [String: String], annotations: [String: String],
        activeAt: String, firedAt: String?, resolvedAt: String?, value: Double?, valueText: String?
    ) {
        self.alertID = alertID
        self.rule = rule
        self.state = state
        self.severity = severity
        self.labels = labels
        self.annotations = annotations
        self.activeAt = activeAt
        self.firedAt = firedAt
        self.resolvedAt = resolvedAt
        self.value = value
        self.valueText = valueText
    }
}
