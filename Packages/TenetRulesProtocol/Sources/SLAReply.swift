/// The reply to `sla`.
public struct SLAReply: Codable, Hashable, Sendable {
    /// The instant the clocks are read at (RFC 3339): the rules plugin's SLA time.
    public var at: String
    /// Whether SLA time follows the wall clock (`true`) or the events still being caught up
    /// with (`false`; docs/ALERTS.md, "SLA time").
    public var live: Bool
    /// How many running clocks match the filter.
    public var total: Int
    /// The clocks, soonest breach first (breached ones by how long ago).
    public var clocks: [SLAClockBody]
    /// Attainment per policy and metric.
    public var attainment: [SLAAttainmentBody]
    /// The latest breaches and near-breaches (newest first, at most 50 of each).
    public var breaches: [SLAEmissionBody]
    /// The latest clocks met after their warning.
    public var nearBreaches: [SLAEmissionBody]

    enum CodingKeys: String, CodingKey {
        case at, live, total, clocks, attainment, breaches
        case nearBreaches = "near_breaches"
    }

    /// Creates a reply.
    public init(
        at: String, live: Bool, total: Int, clocks: [SLAClockBody], attainment: [SLAAttainmentBody], breaches: [SLAEmissionBody],
        nearBreaches: [SLAEmissionBody]
    ) {
        self.at = at
        self.live = live
        self.total = total
        self.clocks = clocks
        self.attainment = attainment
        self.breaches = breaches
        self.nearBreaches = nearBreaches
    }
}
