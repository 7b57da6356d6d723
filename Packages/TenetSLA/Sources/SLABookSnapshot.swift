/// Everything an ``SLAClockBook`` needs to continue exactly after a restart: each
/// conversation's story and clocks (with whether its warning and breach were emitted), the
/// attainment tallies and the breach and near-breach lists. Codable: the plugin stores it as it
/// likes (JSON, a property list). The heap is not stored: it is rebuilt from the clocks.
public struct SLABookSnapshot: Codable, Hashable, Sendable {
    /// One clock.
    public struct Clock: Codable, Hashable, Sendable {
        /// 0 idle, 1 active, 2 stopped, 3 cancelled.
        public var state: UInt8
        /// Nanoseconds counted before `since`.
        public var elapsed: Int64
        /// While active: the instant counting resumed from (nanoseconds since 1970).
        public var since: Int64
        /// Whether the warning was emitted.
        public var warned: Bool
        /// Whether the breach was emitted.
        public var breached: Bool
        /// Whether its stop was counted as met.
        public var counted: Bool
    }

    /// One conversation.
    public struct Conversation: Codable, Hashable, Sendable {
        /// Its id.
        public var id: String
        /// The watched dimension values in force, by field name (`priority`, `attributes.plan`).
        public var fields: [String: String]
        /// The latest instant applied (nanoseconds since 1970).
        public var lastAt: Int64
        /// Its status (`open`, `pending`…).
        public var status: String
        /// Started, outbound, first replied, bot spoke (bits 0–3).
        public var flags: UInt8
        /// First response, next reply, resolution.
        public var clocks: [Clock]
    }

    /// One attainment tally.
    public struct Tally: Codable, Hashable, Sendable {
        /// The policy's name.
        public var policy: String
        /// The clock (`first_response`…).
        public var metric: SLAMetric
        /// Applied, met, breached, near-breaches.
        public var applied, met, breached, nearBreaches: Int
    }

    /// One breach or near-breach.
    public struct Outcome: Codable, Hashable, Sendable {
        /// `breach` or `near_breach`.
        public var kind: String
        /// The conversation.
        public var conversation: String
        /// The policy's name.
        public var policy: String
        /// The clock.
        public var metric: SLAMetric
        /// Its instant, target and elapsed time, in nanoseconds.
        public var at, target, elapsed: Int64
    }

    /// The format's version (1).
    public var version = 1
    /// The latest instant given to `due` or applied (nanoseconds since 1970).
    public var horizon: Int64?
    /// The conversations, in slot order.
    public var conversations: [Conversation]
    /// The attainment tallies.
    public var tallies: [Tally]
    /// The breaches and near-breaches, in order.
    public var outcomes: [Outcome]
}
