/// What a metric's figures are, which decides the statistics it takes and how its target is
/// written.
public enum MetricKind: String, Hashable, Sendable, Codable {
    /// A length of time per measurement (first response time): targets are durations
    /// (`<= 1h`); statistics mean, median, percentiles, min, max, or % within a threshold.
    case duration
    /// A share of a denominator (CSAT, abandonment rate): targets are percentages (`>= 90%`).
    case ratio
    /// A score per measurement on a fixed scale (CES 1–7, QA 0–100): targets are plain numbers.
    case score
    /// A count per period (volume, backlog): targets are plain numbers.
    case count
    /// An amount of money per measurement (average order value), per currency.
    case money
    /// A net score in points from −100 to 100 (NPS): targets are plain numbers.
    case netScore = "net_score"
}

/// One metric Tenet computes without being told how: its name as files, the CLI and the bus
/// write it, what kind of figure it is and the range its figures can take.
public struct BuiltinMetric: Hashable, Sendable {
    /// The snake_case name (`first_response_time`).
    public let name: String
    /// The kind of figure.
    public let kind: MetricKind
    /// The statistic used when a key metric names none.
    public let defaultStatistic: Statistic
    /// Other accepted names (`frt`), so that a file may use the short forms teams say aloud.
    public let aliases: [String]
    /// The smallest and largest figure the metric can take, in the unit of its targets
    /// (percent for ratios), when bounded; a target outside it can never be met.
    public let range: ClosedRange<Double>?
    /// One line saying what it measures.
    public let summary: String

    init(
        _ name: String, _ kind: MetricKind, _ defaultStatistic: Statistic, aliases: [String] = [],
        range: ClosedRange<Double>? = nil, _ summary: String
    ) {
        self.name = name
        self.kind = kind
        self.defaultStatistic = defaultStatistic
        self.aliases = aliases
        self.range = range
        self.summary = summary
    }
}

/// The built-in metrics, the one list every plugin, the CLI and the docs share
/// (docs/METRICS.md defines each).
public enum MetricCatalog {
    /// Every built-in metric, in the order docs/METRICS.md lists them.
    public static let all: [BuiltinMetric] = [
        BuiltinMetric("first_response_time", .duration, .median, aliases: ["frt"], "opening → first public human reply"),
        BuiltinMetric("next_reply_time", .duration, .median, aliases: ["nrt"], "waiting customer message → next public human reply"),
        BuiltinMetric(
            "average_speed_of_answer", .duration, .mean, aliases: ["asa", "speed_of_answer"], "queue time of answered contacts"),
        BuiltinMetric("service_level", .ratio, .rate, aliases: ["sl"], range: 0...100, "answered within the threshold ÷ offered"),
        BuiltinMetric("abandonment_rate", .ratio, .rate, range: 0...100, "abandoned ÷ (answered + abandoned)"),
        BuiltinMetric("average_handle_time", .duration, .mean, aliases: ["aht", "handle_time"], "talk + hold + wrap-up, or work time"),
        BuiltinMetric("first_resolution_time", .duration, .median, "opening → first solved"),
        BuiltinMetric("full_resolution_time", .duration, .median, aliases: ["resolution_time"], "opening → last solved"),
        BuiltinMetric(
            "first_contact_resolution", .ratio, .rate, aliases: ["fcr"], range: 0...100,
            "solved with one reply, no transfer, not reopened ÷ solved"),
        BuiltinMetric("one_touch_rate", .ratio, .rate, range: 0...100, "solved with one public reply ÷ solved"),
        BuiltinMetric("reopen_rate", .ratio, .rate, range: 0...100, "reopened ÷ solved"),
        BuiltinMetric("transfer_rate", .ratio, .rate, range: 0...100, "transferred ÷ handled"),
        BuiltinMetric("escalation_rate", .ratio, .rate, range: 0...100, "escalated ÷ handled"),
        BuiltinMetric("csat", .ratio, .rate, aliases: ["customer_satisfaction"], range: 0...100, "answers of 4–5 ÷ answers"),
        BuiltinMetric("csat_response_rate", .ratio, .rate, range: 0...100, "CSAT answers ÷ solved conversations"),
        BuiltinMetric("nps", .netScore, .net, aliases: ["net_promoter_score"], range: -100...100, "% promoters − % detractors"),
        BuiltinMetric("ces", .score, .mean, aliases: ["customer_effort_score"], range: 1...7, "mean effort score, 1–7"),
        BuiltinMetric("ces_easy_rate", .ratio, .rate, range: 0...100, "answers of 5–7 ÷ answers"),
        BuiltinMetric("qa_score", .score, .mean, aliases: ["quality_score"], range: 0...100, "mean weighted review score"),
        BuiltinMetric(
            "retention_rate", .ratio, .rate, aliases: ["crr", "customer_retention_rate"], range: -100...100,
            "(customers at end − new) ÷ customers at start"),
        BuiltinMetric("churn_rate", .ratio, .rate, range: 0...100, "churned ÷ customers at start"),
        BuiltinMetric("average_order_value", .money, .mean, aliases: ["aov"], "order amount ÷ orders, per currency"),
        BuiltinMetric("backlog", .count, .last, range: 0...Double.greatestFiniteMagnitude, "open conversations at an instant"),
        BuiltinMetric("volume_opened", .count, .sum, aliases: ["volume"], range: 0...Double.greatestFiniteMagnitude, "conversations opened"),
        BuiltinMetric("volume_solved", .count, .sum, range: 0...Double.greatestFiniteMagnitude, "conversations solved"),
        BuiltinMetric("sla_attainment", .ratio, .rate, range: 0...100, "SLA targets met ÷ targets applied"),
    ]

    private static let byName: [String: BuiltinMetric] = {
        var names: [String: BuiltinMetric] = [:]
        for metric in all {
            names[metric.name] = metric
            for alias in metric.aliases { names[alias] = metric }
        }
        return names
    }()

    /// The built-in metric named `name` (or one of its aliases).
    public static func metric(named name: String) -> BuiltinMetric? { byName[name] }

    /// Every accepted name (canonical names first), for suggestions.
    public static var names: [String] { all.map(\.name) + all.flatMap(\.aliases) }
}
