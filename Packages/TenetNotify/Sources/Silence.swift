import TenetModels

/// A silence: notifications of the alerts it matches are not sent (the journal records them as
/// `suppressed`) from ``startsAt`` until ``endsAt``. It matches a notification whose rule is
/// ``rule`` (any rule when `nil`) and whose labels include every one of ``labels`` with the
/// same value; a silence with no rule and no labels matches nothing, so that a slip cannot
/// silence everything.
public struct Silence: Hashable, Sendable, Codable {
    /// Its id (`tenet silence expire ID`).
    public var id: String
    /// The rule it silences, or `nil` for any rule.
    public var rule: String?
    /// Labels a notification must carry, each with this value.
    public var labels: [String: String]
    /// When it starts.
    public var startsAt: Timestamp
    /// When it ends (expires).
    public var endsAt: Timestamp
    /// Who set it.
    public var createdBy: String
    /// Why.
    public var comment: String

    /// Creates a silence.
    public init(
        id: String, rule: String? = nil, labels: [String: String] = [:], startsAt: Timestamp, endsAt: Timestamp,
        createdBy: String = "", comment: String = ""
    ) {
        self.id = id
        self.rule = rule
        self.labels = labels
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.createdBy = createdBy
        self.comment = comment
    }

    /// Whether it is in force at `instant`: started, not yet ended.
    public func isActive(at instant: Timestamp) -> Bool {
        startsAt <= instant && instant < endsAt
    }

    /// Whether it matches `notification`'s rule and labels (whatever the time).
    public func matches(_ notification: Notification) -> Bool {
        if rule == nil && labels.isEmpty { return false }
        if let rule, rule != notification.rule { return false }
        return labels.allSatisfy { notification.labels[$0.key] == $0.value }
    }

    private enum CodingKeys: String, CodingKey {
        case id, rule, labels, startsAt = "starts_at", endsAt = "ends_at", createdBy = "created_by", comment
    }

    /// Reads a silence; times are RFC 3339 texts.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func time(_ key: CodingKeys) throws -> Timestamp {
            let text = try container.decode(String.self, forKey: key)
            guard let value = Timestamp(rfc3339: text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "`\(text)` is not an RFC 3339 time")
            }
            return value
        }
        self.init(
            id: try container.decode(String.self, forKey: .id), rule: try container.decodeIfPresent(String.self, forKey: .rule),
            labels: try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:], startsAt: try time(.startsAt),
            endsAt: try time(.endsAt), createdBy: try container.decodeIfPresent(String.self, forKey: .createdBy) ?? "",
            comment: try container.decodeIfPresent(String.self, forKey: .comment) ?? "")
    }

    /// Writes the silence; times as RFC 3339 texts (milliseconds).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(rule, forKey: .rule)
        try container.encode(labels, forKey: .labels)
        try container.encode(startsAt.rfc3339, forKey: .startsAt)
        try container.encode(endsAt.rfc3339, forKey: .endsAt)
        try container.encode(createdBy, forKey: .createdBy)
        try container.encode(comment, forKey: .comment)
    }
}
