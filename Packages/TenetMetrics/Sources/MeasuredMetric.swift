/// The metrics measured from a conversation's events, numbered: the engine keeps one
/// measurement table per metric, found by this number without hashing its name.
/// At most 32 of them: a ``MeasurementSlot`` holds the number in 5 bits.
enum MeasuredMetric: UInt8, CaseIterable, Sendable {
    case volumeOpened, firstResponseTime, nextReplyTime, averageSpeedOfAnswer, serviceLevel, abandonmentRate
    case averageHandleTime, csat, nps, ces, cesEasyRate, qaScore, averageOrderValue, volumeSolved, backlog
    case firstResolutionTime, fullResolutionTime, firstContactResolution, oneTouchRate, reopenRate, csatResponseRate
    case transferRate, escalationRate

    /// The metric's canonical name (docs/METRICS.md).
    var name: String {
        switch self {
        case .volumeOpened: "volume_opened"
        case .firstResponseTime: "first_response_time"
        case .nextReplyTime: "next_reply_time"
        case .averageSpeedOfAnswer: "average_speed_of_answer"
        case .serviceLevel: "service_level"
        case .abandonmentRate: "abandonment_rate"
        case .averageHandleTime: "average_handle_time"
        case .csat: "csat"
        case .nps: "nps"
        case .ces: "ces"
        case .cesEasyRate: "ces_easy_rate"
        case .qaScore: "qa_score"
        case .averageOrderValue: "average_order_value"
        case .volumeSolved: "volume_solved"
        case .backlog: "backlog"
        case .firstResolutionTime: "first_resolution_time"
        case .fullResolutionTime: "full_resolution_time"
        case .firstContactResolution: "first_contact_resolution"
        case .oneTouchRate: "one_touch_rate"
        case .reopenRate: "reopen_rate"
        case .csatResponseRate: "csat_response_rate"
        case .transferRate: "transfer_rate"
        case .escalationRate: "escalation_rate"
        }
    }
}

/// One measurement as the walk over a conversation makes it: the metric by number, the instant,
/// the value and the dimensions in force as a ``DimensionCatalog`` set id.
struct MeasuredRow: Sendable {
    /// The metric.
    var metric: MeasuredMetric
    /// The instant it belongs to, in nanoseconds since the epoch.
    var at: Int64
    /// The dimensions in force (a set id).
    var dimensions: Int32
    /// What was measured.
    var value: Measurement.Value
    /// For money, the currency's string id (the same currency as in ``value``); else 0.
    var currency: Int32
}
