extension SimulationProfile {
    /// One of the organisation's own event streams: a Poisson process of `x.` events of one
    /// type, with fixed attributes and optionally a score drawn from a distribution, so that
    /// every custom metric of a philosophy has numbers.
    public struct ExtraEvent: Hashable, Sendable {
        /// The event type (`x.lead.qualified`).
        public var type: String
        /// Events per week.
        public var perWeek: Double
        /// The `team` the events carry, if any.
        public var team: String?
        /// Fixed string attributes, in the order written.
        public var attributes: [(String, String)]
        /// Where the drawn value goes: `score`, or `attributes.NAME`; `nil` for none.
        public var valueField: String?
        /// The lowest value; the distribution's shares are of `valueFrom`, `valueFrom + 1`, ….
        public var valueFrom: Int
        /// The shares of the values.
        public var valueShares: [Double]

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.type == rhs.type && lhs.perWeek == rhs.perWeek && lhs.team == rhs.team
                && lhs.attributes.map(\.0) == rhs.attributes.map(\.0) && lhs.attributes.map(\.1) == rhs.attributes.map(\.1)
                && lhs.valueField == rhs.valueField && lhs.valueFrom == rhs.valueFrom && lhs.valueShares == rhs.valueShares
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(type)
            hasher.combine(perWeek)
            hasher.combine(team)
            for (key, value) in attributes {
                hasher.combine(key)
                hasher.combine(value)
            }
            hasher.combine(valueField)
            hasher.combine(valueFrom)
            hasher.combine(valueShares)
        }
    }

    /// The staff behind `x.employee.active` (one per person at the start and on the first of
    /// every month) and `x.employee.left` (a Poisson process): every agent, plus `otherStaff`.
    public struct Employees: Hashable, Sendable {
        /// Staff who are not agents (`staff-001`, …).
        public var otherStaff: Int
        /// The share of staff who leave in 30 days.
        public var monthlyAttrition: Double
        /// The `team` of these events (`hr`), if any.
        public var team: String?
    }

    /// What each scenario does, and the scenarios the profile schedules.
    public struct Scenarios: Hashable, Sendable {
        /// `staff_shortage`: the share of agents absent (chosen at random when it starts).
        public var shortageAbsent: Double
        /// `outage_spike`: total volume as a multiple of the usual (3: contacts triple).
        public var outageVolume: Double
        /// The time the volume takes to rise to it, in seconds (linear, minute by minute).
        public var outageRamp: Double
        /// How the extra conversations spread over the channels (by ``SimulatedChannel/index``).
        public var outageMix: [Double]
        /// The patience of customers in the outage, as a multiple of the usual (they have no
        /// other way to get the service back).
        public var outagePatience: Double
        /// The priorities of the extra conversations.
        public var outagePriorities: Mix
        /// Handling times of the extra conversations (talk, ticket work) as a multiple of the
        /// usual: agents investigate, customers are upset. The bot hands every one of them over.
        public var outageHandling: Double
        /// `holiday`: the volume multiplier.
        public var holidayVolume: Double
        /// The share of agents who work.
        public var holidayStaffing: Double
        /// The scenarios the profile schedules.
        public var schedule: [ScheduledScenario]
    }
}
