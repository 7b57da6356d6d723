import TenetCalendar

extension SimulationProfile {
    /// When conversations arrive: a non-homogeneous Poisson process per channel whose rate is
    /// constant within each hour of local time:
    ///
    /// rate(channel, hour) = `rates[channel]` × `hourWeights[channel][local hour]` ×
    /// `dayWeights[weekday]` × `monthWeights[month]` × `weekWeights[ISO week]` ×
    /// (`holidayVolume` on a holiday, else 1)
    ///
    /// in conversations per hour (times the scenarios' multipliers while one runs).
    public struct Arrivals: Hashable, Sendable {
        /// Conversations per hour at weight 1, by channel (``SimulatedChannel/index``).
        public var rates: [Double]
        /// Weights of the local hours 0…23, by channel.
        public var hourWeights: [[Double]]
        /// Weights of the weekdays, Monday first.
        public var dayWeights: [Double]
        /// Weights of the months, January first.
        public var monthWeights: [Double]
        /// Weights of ISO weeks 1…53 (index 0 is week 1); 1 for a week not given.
        public var weekWeights: [Double]
        /// The profile's own holidays (beside those of the philosophy's schedules).
        public var holidays: [LocalDate]
        /// The volume multiplier on a holiday.
        public var holidayVolume: Double
        /// Which team gets each channel's conversations (team ids and shares), by channel.
        public var routing: [Mix]
        /// Priorities (names of ``SimulatedPriority``).
        public var priorities: Mix
        /// Customer segments (`attributes.segment`).
        public var segments: Mix
        /// Languages (`attributes.language`).
        public var languages: Mix

        /// The rate of `channel` in conversations per hour for a local hour, weekday (Monday 1 …
        /// Sunday 7), month (1…12) and ISO week (1…53), on a holiday or not, without scenarios.
        public func rate(
            _ channel: SimulatedChannel, hour: Int, weekday: Int, month: Int, isoWeek: Int, holiday: Bool
        ) -> Double {
            rates[channel.index] * hourWeights[channel.index][hour] * dayWeights[weekday - 1] * monthWeights[month - 1]
                * weekWeights[isoWeek - 1] * (holiday ? holidayVolume : 1)
        }
    }

    /// The customer base. Contacts come from active customers: with probability `repeatShare`
    /// from one who wrote within `repeatWindow` (so repeat contacts are real), else from any
    /// active customer, uniformly.
    public struct Customers: Hashable, Sendable {
        /// Active customers at the start, announced by `customer.started` events at their join
        /// dates, spread uniformly over `history` before the start.
        public var initial: Int
        /// How far back the initial customers joined, in seconds.
        public var history: Double
        /// New customers per day (a Poisson process), each with a first order.
        public var newPerDay: Double
        /// Where new customers come from (`attributes.source`: `referral` counts as word of mouth).
        public var sources: Mix
        /// The team that owns each customer's account: the `team` of its `customer.started` and
        /// `customer.churned` events, so that a team's retention, churn and word-of-mouth rows
        /// have numbers.
        public var owners: Mix
        /// The share of active customers who churn in 30 days (as a constant hazard).
        public var monthlyChurn: Double
        /// The share of conversations from a customer who wrote recently.
        public var repeatShare: Double
        /// How recent "recently" is, in seconds.
        public var repeatWindow: Double
        /// Orders per active customer in 30 days (a Poisson process).
        public var ordersPerMonth: Double
        /// Order amounts: log-normal with this log-mean (of the amount in the currency's units) …
        public var orderAmountLogMean: Double
        /// … and this log-standard deviation.
        public var orderAmountLogSD: Double
    }
}
