import TenetModels
import TenetPhilosophy

/// One thing to tell people: an alert that fires, still fires or resolved, or an SLA clock that
/// warns or breached. It is what every notifier sends (the webhook's body, the command's
/// standard input, the log's line), as the JSON object ``jsonValue`` writes.
///
/// ``id`` is the idempotency key: a notifier that recorded a success for an id never sends that
/// id again (``DeliveryJournal``), and the webhook passes it as `Idempotency-Key` so that a
/// receiver can drop a repeat it already handled. The rules engine makes ids deterministic
/// (the same transition gives the same id after a restart).
public struct Notification: Hashable, Sendable {
    /// The idempotency key.
    public var id: String
    /// Why it is sent.
    public var kind: NotificationKind
    /// The alert rule's (or SLA policy's) name.
    public var rule: String
    /// How serious it is; routes choose notifiers by it.
    public var severity: Severity
    /// The alert instance's labels (`team: support`); routes and silences match on them.
    public var labels: [String: String]
    /// The rule's annotations with their values filled in (`summary`, `runbook`).
    public var annotations: [String: String]
    /// The figure that raised it (a p90 in seconds, a share), when there is one.
    public var value: Double?
    /// When the transition happened.
    public var at: Timestamp
    /// Anything else the sender wants receivers to see (the SLA policy, the conversation).
    public var details: JSONObject

    /// Creates a notification.
    public init(
        id: String, kind: NotificationKind, rule: String, severity: Severity, labels: [String: String] = [:],
        annotations: [String: String] = [:], value: Double? = nil, at: Timestamp, details: JSONObject = JSONObject()
    ) {
        self.id = id
        self.kind = kind
        self.rule = rule
        self.severity = severity
        self.labels = labels
        self.annotations = annotations
        self.value = value
        self.at = at
        self.details = details
    }

    /// Which alert instance it is about: the rule and its labels, the same for every
    /// notification of one instance (firing, repeats, resolved); routing state is kept under it.
    public var fingerprint: String {
        var text = rule + "{"
        text += labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        return text + "}"
    }

    /// The JSON object notifiers send: keys in a fixed order, labels and annotations sorted by
    /// key, `at` in RFC 3339 (UTC, milliseconds), `value` omitted when there is none.
    ///
    /// ```json
    /// {"id":"a1","kind":"firing","rule":"FirstResponseSlipping","severity":"critical",
    ///  "labels":{"team":"support"},"annotations":{"summary":"p90 FRT 1h12m"},"value":4320,
    ///  "at":"2026-11-27T09:00:00.000Z","details":{}}
    /// ```
    public var jsonValue: JSONValue {
        var object = JSONObject()
        object["id"] = .string(id)
        object["kind"] = .string(kind.rawValue)
        object["rule"] = .string(rule)
        object["severity"] = .string(severity.rawValue)
        object["labels"] = Self.sortedObject(labels)
        object["annotations"] = Self.sortedObject(annotations)
        if let value, value.isFinite { object["value"] = .number(JSONNumber(value)) }
        object["at"] = .string(at.rfc3339)
        object["details"] = .object(details)
        return .object(object)
    }

    /// ``jsonValue`` as UTF-8 bytes, without a trailing newline.
    public var jsonBytes: [UInt8] { JSONWriter.bytes(jsonValue) }

    /// Reads a notification from the JSON object ``jsonValue`` writes.
    ///
    /// - Throws: ``NotifyError`` with ``NotifyError/Code/invalidNotification``, naming the field.
    public init(json: JSONValue) throws(NotifyError) {
        guard let object = json.objectValue else {
            throw NotifyError(.invalidNotification, "a notification must be a JSON object, not \(json.kind)")
        }
        func text(_ key: String) throws(NotifyError) -> String {
            guard let value = object[key]?.stringValue else {
                throw NotifyError(.invalidNotification, "notification field `\(key)` must be a string")
            }
            return value
        }
        func strings(_ key: String) throws(NotifyError) -> [String: String] {
            guard let value = object[key] else { return [:] }
            guard let entries = value.objectValue else {
                throw NotifyError(.invalidNotification, "notification field `\(key)` must be an object of strings")
            }
            var result: [String: String] = [:]
            for entry in entries {
                guard let string = entry.value.stringValue else {
                    throw NotifyError(.invalidNotification, "notification field `\(key).\(entry.key)` must be a string")
                }
                result[entry.key] = string
            }
            return result
        }
        let kindText = try text("kind")
        guard let kind = NotificationKind(rawValue: kindText) else {
            throw NotifyError(.invalidNotification, "notification field `kind` is `\(kindText)`, not one of firing, resolved, repeat, sla_warning, sla_breach")
        }
        let severityText = try text("severity")
        guard let severity = Severity(rawValue: severityText) else {
            throw NotifyError(.invalidNotification, "notification field `severity` is `\(severityText)`, not one of info, warning, critical, emergency")
        }
        let atText = try text("at")
        guard let at = Timestamp(rfc3339: atText) else {
            throw NotifyError(.invalidNotification, "notification field `at` is `\(atText)`, not an RFC 3339 time")
        }
        var value: Double?
        if let raw = object["value"], raw != .null {
            guard let number = raw.numberValue else {
                throw NotifyError(.invalidNotification, "notification field `value` must be a number")
            }
            value = number
        }
        var details = JSONObject()
        if let raw = object["details"], raw != .null {
            guard let detailsObject = raw.objectValue else {
                throw NotifyError(.invalidNotification, "notification field `details` must be an object")
            }
            details = detailsObject
        }
        self.init(
            id: try text("id"), kind: kind, rule: try text("rule"), severity: severity, labels: try strings("labels"),
            annotations: try strings("annotations"), value: value, at: at, details: details)
    }

    /// A copy with another id and kind (an escalation step's or a repeat's notification).
    public func derived(id: String, kind: NotificationKind) -> Notification {
        var copy = self
        copy.id = id
        copy.kind = kind
        return copy
    }

    private static func sortedObject(_ dictionary: [String: String]) -> JSONValue {
        .object(JSONObject(dictionary.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
    }
}
