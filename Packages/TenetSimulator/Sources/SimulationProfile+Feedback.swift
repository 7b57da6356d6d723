extension SimulationProfile {
    /// Surveys after a conversation's final solve. Each kind is sent to `send` of the solved
    /// conversations (an `x.survey.sent` event), answered by `response[experience]` of them
    /// after `delay`, with a score drawn from `scores[experience]`: the conditional model that
    /// makes long waits and reopens lower satisfaction (``Experience``).
    public struct Surveys: Hashable, Sendable {
        /// A first wait longer than this (seconds) makes a call's or chat's experience `long_wait`.
        public var longWaitLive: Double
        /// The same for tickets (opening → first agent reply, calendar time).
        public var longWaitTickets: Double
        /// CSAT (scores 1–5).
        public var csat: Survey
        /// NPS (scores 0–10).
        public var nps: Survey
        /// CES (scores 1–7).
        public var ces: Survey

        /// One kind of survey.
        public struct Survey: Hashable, Sendable {
            /// The share of solved conversations sent one.
            public var send: Double
            /// From sending to the answer.
            public var delay: DurationDistribution
            /// The response rate by experience (``Experience/index``).
            public var response: [Double]
            /// The score distribution by experience: shares of the lowest score, the next, ….
            public var scores: [[Double]]
            /// The lowest score (1 for CSAT and CES, 0 for NPS).
            public var lowest: Int
        }

        /// The surveys by kind, in the order csat, nps, ces.
        public var all: [Survey] { [csat, nps, ces] }
        /// The `survey` names, in the same order.
        public static let kinds = ["csat", "nps", "ces"]
    }

    /// Quality reviews of a sample of solved conversations (`qa.scored` with weighted
    /// categories); each category's score is normal, clamped to 0…100, with a mean that
    /// depends on the experience.
    public struct QualityReviews: Hashable, Sendable {
        /// The share of solved conversations reviewed.
        public var sample: Double
        /// From the solve to the review.
        public var delay: DurationDistribution
        /// The categories' names …
        public var categories: [String]
        /// … and weights.
        public var weights: [Double]
        /// The mean category score by experience.
        public var mean: [Double]
        /// The standard deviation by experience.
        public var sd: [Double]
    }
}
