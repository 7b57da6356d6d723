import TenetYAML

/// How serious an alert is; routes decide who hears of each.
public enum Severity: String, Hashable, Comparable, Sendable, CaseIterable, Codable {
    case info
    case warning
    case critical
    case emergency

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// A rule that raises an alert when a metric series meets a condition for long enough, or when a
/// value's key metric leaves its target. Instances are kept per label set (`by`); each goes
/// inactive → pending → firing → resolved as Prometheus alerting rules do.
public struct AlertRule: Hashable, Sendable {
    /// What the rule watches.
    public enum Source: Hashable, Sendable {
        /// A metric series and a condition on its figure (`p90 > 1h`).
        case metric(MetricCondition)
        /// The status of a value's key metric against its target.
        case target(value: String, metric: String, statuses: [TargetStatus])
    }

    /// The rule's name (`FirstResponseSlipping`).
    public var name: String
    /// What it watches.
    public var source: Source
    /// How long the condition must hold before the alert fires (0: at once).
    public var pendingFor: Duration
    /// How long the alert keeps firing after the condition stops holding.
    public var keepFiringFor: Duration
    /// How serious it is.
    public var severity: Severity
    /// Fixed labels added to every instance.
    public var labels: [String: String]
    /// Texts with `{{ … }}` placeholders (`summary`, `description`, `runbook`).
    public var annotations: [String: String]
    /// Where it is written.
    public var position: YAMLPosition

    /// Creates a rule.
    public init(
        name: String, source: Source, pendingFor: Duration, keepFiringFor: Duration, severity: Severity,
        labels: [String: String], annotations: [String: String], position: YAMLPosition = .file
    ) {
        self.name = name
        self.source = source
        self.pendingFor = pendingFor
        self.keepFiringFor = keepFiringFor
        self.severity = severity
        self.labels = labels
        self.annotations = annotations
        self.position = position
    }

    /// The placeholders an annotation may use, besides `labels.NAME`.
    public static let placeholders = ["value", "threshold", "metric", "stat", "period", "status", "target", "rule", "severity"]
}

/// A condition on a metric series: the series (as a key metric without a target names it), the
/// dimensions that make separate instances, and the comparison.
public struct MetricCondition: Hashable, Sendable {
    /// The series watched.
    public var series: KeyMetric
    /// Dimensions that split the series into one alert instance each (`[team]`).
    public var groupBy: [FilterField]
    /// The comparison that makes the alert pending (`> 1h`).
    public var condition: Target

    /// Creates a condition.
    public init(series: KeyMetric, groupBy: [FilterField], condition: Target) {
        self.series = series
        self.groupBy = groupBy
        self.condition = condition
    }
}

/// A key metric's standing against its target.
public enum TargetStatus: String, Hashable, Sendable, CaseIterable, Codable {
    /// The target is met, outside the at-risk margin.
    case met
    /// The target is met, but within the at-risk margin of missing it.
    case atRisk = "at_risk"
    /// The target is missed.
    case missed
    /// No measurement in the period.
    case noData = "no_data"
}
