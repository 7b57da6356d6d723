/// One silence as the rules plugin reports it.
public struct SilenceBody: Codable, Hashable, Sendable {
    /// Its id (`tenet silence expire ID`).
    public var id: String
    /// The rule, or absent for any.
    public var rule: String?
    /// The labels matched.
    public var labels: [String: String]
    /// From (RFC 3339).
    public var startsAt: String
    /// Until (RFC 3339).
    public var endsAt: String
    /// Who made it.
    public var createdBy: String
    /// Why.
    public var comment: String
    /// Whether it is in force now.
    public var active: Bool

    enum CodingKeys: String, CodingKey {
        case id, rule, labels, comment, active
        case startsAt = "starts_at"
        case endsAt = "ends_at"
        case createdBy = "created_by"
    }

    /// Creates a body.
    public init(
        id: String, rule: String?, labels: [String: String], startsAt: String, endsAt: String, createdBy: String, comment: String,
        active: Bool
    ) {
        self.id = id
        self.rule = rule
        self.labels = labels
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.createdBy = createdBy
        self.comment = comment
        self.active = active
    }
}
