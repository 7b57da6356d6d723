import TenetCalendar

/// A support team's philosophy, read from its file: purpose and vision, values with their
/// action statements and key metrics, teams, custom metrics, schedules, SLA policies, alert
/// rules, notifiers and routes. docs/PHILOSOPHY.md documents every key.
///
/// Read one with ``PhilosophyLoader`` (a file) or ``PhilosophyParser`` (text); both report every
/// problem at once, with its line and column.
public struct Philosophy: Hashable, Sendable {
    /// The organisation: name, time zone, week start.
    public var organisation = Organisation()
    /// Why the team exists (`Strengthen human connection.`).
    public var purpose = ""
    /// What it aims for.
    public var vision = ""
    /// The values, in file order.
    public var values: [PhilosophyValue] = []
    /// The teams, in file order.
    public var teams: [Team] = []
    /// Custom metrics, in file order.
    public var customMetrics: [CustomMetric] = []
    /// Settings of the built-in metrics.
    public var settings = MetricSettings()
    /// Named schedules, in file order (the built-in `always` is not listed).
    public var schedules: [Schedule] = []
    /// Which schedule applies to whom, first match wins.
    public var coverage: [CoverageRule] = []
    /// SLA policies, first match wins.
    public var slaPolicies: [SLAPolicy] = []
    /// Alert rules.
    public var alerts: [AlertRule] = []
    /// Notifiers.
    public var notifiers: [Notifier] = []
    /// Routes, in order.
    public var routes: [Route] = []

    /// An empty philosophy.
    public init() {}

    /// The schedule named `name`: one of the file's, or the built-in `always`.
    public func schedule(named name: String) -> Schedule? {
        name == Schedule.always.name ? .always : schedules.first { $0.name == name }
    }

    /// The custom metric named `name`.
    public func customMetric(named name: String) -> CustomMetric? {
        customMetrics.first { $0.name == name }
    }

    /// The kind of the metric named `name` (built-in or custom).
    public func kind(ofMetric name: String) -> MetricKind? {
        MetricCatalog.metric(named: name)?.kind ?? customMetric(named: name)?.kind
    }

    /// The name of the schedule that applies to a conversation whose dimensions `lookup` gives:
    /// the first coverage rule that matches, else `always`.
    public func scheduleName(for lookup: (FilterField) -> String?) -> String {
        coverage.first { $0.filter.matches(lookup) || $0.filter.isEmpty }?.schedule ?? Schedule.always.name
    }
}
