import TenetModels

/// One measurement of one metric: a first response time, one answered contact's outcome for the
/// service level, one CSAT answer. Every figure Tenet reports is a statistic over measurements
/// (docs/METRICS.md defines each metric's).
public struct Measurement: Hashable, Sendable {
    /// What was measured.
    public enum Value: Hashable, Sendable {
        /// A length of time, in calendar and in business nanoseconds.
        case duration(calendar: Int64, business: Int64)
        /// One unit of a rate's denominator; `true` also counts in its numerator.
        case outcome(Bool)
        /// A number on the metric's scale (CES 1–7, QA 0–100; NPS +100, 0 or −100 per answer).
        case score(Double)
        /// One occurrence (a conversation opened, a solve).
        case occurrence
        /// An amount of money in a currency (ISO 4217).
        case money(amount: Double, currency: String)
        /// A span during which the conversation was open (`to` is `nil` while it still is).
        case openSpan(to: Timestamp?)
    }

    /// The metric's canonical name (`first_response_time`).
    public var metric: String
    /// The instant the measurement belongs to: its period is the one containing this instant.
    public var at: Timestamp
    /// What was measured.
    public var value: Value
    /// The dimensions in force at ``at``.
    public var dimensions: Dimensions

    /// Creates a measurement.
    public init(metric: String, at: Timestamp, value: Value, dimensions: Dimensions) {
        self.metric = metric
        self.at = at
        self.value = value
        self.dimensions = dimensions
    }
}

/// Something in a conversation's events that does not fit its story, counted so that no surprise
/// is silent: an answer without a queue, a hold that never ended.
public enum MeasurementAnomaly: String, Hashable, Sendable, CaseIterable {
    /// `contact.answered` or `contact.abandoned` with no `contact.queued` before it: no queue time.
    case answerWithoutQueue = "answer_without_queue"
    /// `contact.ended` with no answered contact before it: no talk time.
    case endWithoutAnswer = "end_without_answer"
    /// `wrapup.ended` with no ended contact before it: no wrap-up time.
    case wrapupWithoutEnd = "wrapup_without_end"
    /// `hold.ended` with no `hold.started` before it.
    case holdEndWithoutStart = "hold_end_without_start"
    /// A message without `public`: counted as public.
    case messageWithoutVisibility = "message_without_visibility"
    /// An abandon shorter than the short-abandon threshold: excluded from abandonment and service level.
    case shortAbandon = "short_abandon"
    /// Events of a conversation that was never opened (no `conversation.opened`, no message, no queue).
    case neverOpened = "never_opened"
}

/// Everything measured in one conversation.
public struct ConversationMeasurements: Hashable, Sendable {
    /// The measurements, in the order of their instants.
    public var measurements: [Measurement] = []
    /// What did not fit, with how often.
    public var anomalies: [MeasurementAnomaly: Int] = [:]
    /// When the conversation started (`nil` when it was never opened).
    public var start: Timestamp?
    /// Its status after its last event (`open` from the start when no status was given).
    public var status: String?

    /// Nothing measured.
    public init() {}
}
