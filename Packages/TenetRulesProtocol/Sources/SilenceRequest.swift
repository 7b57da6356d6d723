/// The body of a `silence` request: what to silence and for how long.
public struct SilenceRequest: Codable, Hashable, Sendable {
    /// The rule silenced (any rule when absent; then `labels` must name at least one label).
    public var rule: String?
    /// Labels a notification must carry, each with this value.
    public var labels: [String: String]?
    /// How long from now (`2h`, `30m`); or give `ends_at`.
    public var duration: String?
    /// When it starts (RFC 3339; default now).
    public var startsAt: String?
    /// When it ends (RFC 3339).
    public var endsAt: String?
    /// Who asked (default the user running the command).
    public var createdBy: String?
    /// Why.
    public var comment: String?

    enum CodingKeys: String, CodingKey {
        case rule, labels, duration, comment
        case startsAt = "starts_at"
        case endsAt = "ends_at"
        case createdBy = "created_by"
    }

    /// Creates a request.
    public init(
        rule: String? = nil, labels: [String: String]? = nil, duration: String? = nil, startsAt: String? = nil, endsAt: String? = nil,
        createdBy: String? = nil, comment: String? = nil
    ) {
        self.rule = rule
        self.labels = labels
        self.duration = duration
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.createdBy = createdBy
        self.comment = comment
    }
}
