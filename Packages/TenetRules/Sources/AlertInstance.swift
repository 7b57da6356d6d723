import TenetModels
import TenetPhilosophy

/// One alert rule's instance for one label set, with the instants that drive its state.
public struct AlertInstance: Hashable, Sendable, Codable {
    /// The rule's name.
    public var rule: String
    /// The rule's severity when the instance last changed state.
    public var severity: Severity
    /// The instance's labels: the group's dimension values (or, for a target rule, `value`,
    /// `metric` and `stat`), then the rule's own labels where the group sets none.
    public var labels: [String: String]
    /// Where it stands (never ``AlertState/inactive``: inactive instances are not kept).
    public var state: AlertState
    /// When the condition began to hold, for the current activation.
    public var activeAt: Timestamp
    /// When it fired, once it has.
    public var firedAt: Timestamp?
    /// While firing: since when the condition has not held (`keep_firing_for` runs from here).
    public var keepFiringSince: Timestamp?
    /// When it resolved, once it has.
    public var resolvedAt: Timestamp?
    /// Whether the condition held at the last observation.
    public var holding: Bool
    /// The last figure observed (in the condition's unit).
    public var value: Double?
    /// For a target rule: the key metric's last status.
    public var targetStatus: TargetStatus?
    /// For a target rule: the series id of the key metric.
    public var series: String?
    /// The id of the current activation: rule, labels and ``activeAt`` (see
    /// ``AlertTransition/alertID(rule:labels:activeAt:)``).
    public var alertID: String
    /// The id of the last transition the engine made for this instance.
    public var lastTransitionID: String?
    /// The id of the last transition acknowledged as published (``AlertEngine/acknowledge(_:)``).
    public var lastNotifiedID: String?

    /// Creates an instance.
    public init(
        rule: String, severity: Severity, labels: [String: String], state: AlertState, activeAt: Timestamp, firedAt: Timestamp? = nil,
        keepFiringSince: Timestamp? = nil, resolvedAt: Timestamp? = nil, holding: Bool, value: Double?, targetStatus: TargetStatus? = nil,
        series: String? = nil, alertID: String, lastTransitionID: String? = nil, lastNotifiedID: String? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.labels = labels
        self.state = state
        self.activeAt = activeAt
        self.firedAt = firedAt
        self.keepFiringSince = keepFiringSince
        self.resolvedAt = resolvedAt
        self.holding = holding
        self.value = value
        self.targetStatus = targetStatus
        self.series = series
        self.alertID = alertID
        self.lastTransitionID = lastTransitionID
        self.lastNotifiedID = lastNotifiedID
    }

    /// The key instances are kept under: the rule and the sorted labels.
    static func key(rule: String, labels: [String: String]) -> String {
        ([rule] + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: "\u{1F}")
    }

    enum CodingKeys: String, CodingKey {
        case rule, severity, labels, state, holding, value, series
        case activeAt = "active_at"
        case firedAt = "fired_at"
        case keepFiringSince = "keep_firing_since"
        case resolvedAt = "resolved_at"
        case targetStatus = "target_status"
        case alertID = "alert_id"
        case lastTransitionID = "last_transition_id"
        case lastNotifiedID = "last_notified_id"
    }

    /// Reads an instance (instants as RFC 3339).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rule = try container.decode(String.self, forKey: .rule)
        severity = try container.decode(Severity.self, forKey: .severity)
        labels = try container.decode([String: String].self, forKey: .labels)
        state = try container.decode(AlertState.self, forKey: .state)
        activeAt = try container.decodeTime(forKey: .activeAt)
        firedAt = try container.decodeTimeIfPresent(forKey: .firedAt)
        keepFiringSince = try container.decodeTimeIfPresent(forKey: .keepFiringSince)
        resolvedAt = try container.decodeTimeIfPresent(forKey: .resolvedAt)
        holding = try container.decode(Bool.self, forKey: .holding)
        value = try container.decodeIfPresent(Double.self, forKey: .value)
        targetStatus = try container.decodeIfPresent(TargetStatus.self, forKey: .targetStatus)
        series = try container.decodeIfPresent(String.self, forKey: .series)
        alertID = try container.decode(String.self, forKey: .alertID)
        lastTransitionID = try container.decodeIfPresent(String.self, forKey: .lastTransitionID)
        lastNotifiedID = try container.decodeIfPresent(String.self, forKey: .lastNotifiedID)
    }

    /// Writes the instance; keys that do not apply are absent.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rule, forKey: .rule)
        try container.encode(severity, forKey: .severity)
        try container.encode(labels, forKey: .labels)
        try container.encode(state, forKey: .state)
        try container.encode(activeAt.exactText, forKey: .activeAt)
        try container.encodeIfPresent(firedAt?.exactText, forKey: .firedAt)
        try container.encodeIfPresent(keepFiringSince?.exactText, forKey: .keepFiringSince)
        try container.encodeIfPresent(resolvedAt?.exactText, forKey: .resolvedAt)
        try container.encode(holding, forKey: .holding)
        try container.encodeIfPresent(value, forKey: .value)
        try container.encodeIfPresent(targetStatus, forKey: .targetStatus)
        try container.encodeIfPresent(series, forKey: .series)
        try container.encode(alertID, forKey: .alertID)
        try container.encodeIfPresent(lastTransitionID, forKey: .lastTransitionID)
        try container.encodeIfPresent(lastNotifiedID, forKey: .lastNotifiedID)
    }
}
