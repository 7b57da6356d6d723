import TenetCalendar
import TenetYAML

/// Looks for what is legal but probably not meant in a philosophy that parsed without errors:
/// targets no data can reach, values without metrics, metrics no value uses, schedules that
/// never open, policies and rules that can never match, alerts that reach no one.
struct PhilosophyChecker {
    let philosophy: Philosophy
    private(set) var findings: [Diagnostic] = []

    init(philosophy: Philosophy) {
        self.philosophy = philosophy
    }

    mutating func check() {
        checkHeader()
        checkValues()
        checkTeams()
        checkSchedules()
        checkCoverage()
        checkSLAPolicies()
        checkAlertsAndRoutes()
    }

    private mutating func warn(_ code: Diagnostic.Code, _ position: YAMLPosition, _ field: String, _ message: String) {
        findings.append(Diagnostic(.warning, code, at: position, field: field, message: message))
    }

    private mutating func checkHeader() {
        if philosophy.purpose.isEmpty {
            warn(.missingKey, .file, "purpose", "the philosophy has no `purpose`: the scorecard opens with it")
        }
        if philosophy.vision.isEmpty {
            warn(.missingKey, .file, "vision", "the philosophy has no `vision`: the scorecard opens with it")
        }
    }

    private mutating func checkValues() {
        for (index, value) in philosophy.values.enumerated() {
            if value.metrics.isEmpty {
                warn(
                    .missingKey, value.position, "values[\(index)].metrics",
                    "the value `\(value.name)` has no key metric: nothing will show whether it is lived")
            }
            for (metricIndex, metric) in value.metrics.enumerated() {
                checkTarget(metric, field: "values[\(index)].metrics[\(metricIndex)].target")
            }
        }
    }

    private mutating func checkTeams() {
        let valueMetrics = Set(philosophy.values.flatMap { $0.metrics.map(\.metric) })
        for team in philosophy.teams {
            for (index, metric) in team.metrics.enumerated() {
                checkTarget(metric, field: "teams.\(team.id).metrics[\(index)].target")
                if !valueMetrics.contains(metric.metric) {
                    warn(
                        .unknownReference, metric.position, "teams.\(team.id).metrics[\(index)]",
                        "team `\(team.id)` owns `\(metric.metric)`, which no value uses: it shows on the team's table but on no value of the scorecard")
                }
            }
        }
    }

    /// A target no figure can reach, or one every figure meets.
    private mutating func checkTarget(_ metric: KeyMetric, field: String) {
        guard let target = metric.target else { return }
        let range: ClosedRange<Double>? =
            if metric.statistic.isPercentage { 0...100 }
            else if let builtin = MetricCatalog.metric(named: metric.metric) { builtin.range }
            else if case .duration = target.quantity { 0...Double.greatestFiniteMagnitude }
            else { nil }
        guard let range else { return }
        let goal = target.quantity.value
        let unreachable: Bool
        let alwaysMet: Bool
        switch target.comparison {
        case .atLeast:
            unreachable = goal > range.upperBound
            alwaysMet = goal <= range.lowerBound
        case .greaterThan:
            unreachable = goal >= range.upperBound
            alwaysMet = goal < range.lowerBound
        case .atMost:
            unreachable = goal < range.lowerBound
            alwaysMet = goal >= range.upperBound
        case .lessThan:
            unreachable = goal <= range.lowerBound
            alwaysMet = goal > range.upperBound
        }
        let bounds = "\(Quantity.plain(range.lowerBound))…\(range.upperBound > 1e300 ? "∞" : Quantity.plain(range.upperBound))"
        if unreachable {
            warn(
                .invalidValue, metric.position, field,
                "`\(metric.metric) \(target)` can never be met: \(metric.metric) (\(metric.statistic)) lies in \(bounds)")
        } else if alwaysMet {
            warn(
                .invalidValue, metric.position, field,
                "`\(metric.metric) \(target)` is always met: \(metric.metric) (\(metric.statistic)) lies in \(bounds)")
        }
    }

    private mutating func checkSchedules() {
        let used = Set(philosophy.coverage.map(\.schedule))
        for schedule in philosophy.schedules {
            for version in schedule.versions where version.weekly.minutesPerWeek == 0 {
                warn(
                    .invalidValue, .file, "schedules.\(schedule.name)",
                    "schedule `\(schedule.name)`\(version.effective.map { " (from \($0))" } ?? "") is never open: no interval in the whole week, so business time never passes")
            }
            if !used.contains(schedule.name) {
                warn(
                    .unknownReference, .file, "schedules.\(schedule.name)",
                    "schedule `\(schedule.name)` is not used by any `coverage` rule")
            }
        }
    }

    private mutating func checkCoverage() {
        for (index, rule) in philosophy.coverage.enumerated() {
            if let earlier = philosophy.coverage[..<index].firstIndex(where: { rule.filter.isNarrower(than: $0.filter) }) {
                warn(
                    .invalidValue, rule.position, "coverage[\(index)]",
                    "coverage[\(index)] can never apply: coverage[\(earlier)] comes first and matches every conversation it would")
            }
        }
    }

    private mutating func checkSLAPolicies() {
        for (index, policy) in philosophy.slaPolicies.enumerated() {
            if let earlier = philosophy.slaPolicies[..<index].firstIndex(where: { policy.filter.isNarrower(than: $0.filter) }) {
                let other = philosophy.slaPolicies[earlier]
                warn(
                    .invalidValue, policy.position, "sla[\(index)]",
                    "SLA policy `\(policy.name)` can never apply: `\(other.name)` comes first and matches every conversation it would (first match wins)")
            }
        }
    }

    private mutating func checkAlertsAndRoutes() {
        for (index, route) in philosophy.routes.enumerated() {
            let shadow = philosophy.routes[..<index].first { earlier in
                !earlier.continues && Set(route.severities).isSubset(of: Set(earlier.severities))
                    && earlier.labels.allSatisfy { key, values in route.labels[key].map { Set($0).isSubset(of: Set(values)) } ?? false }
            }
            if let shadow {
                warn(
                    .invalidValue, route.position, "routes[\(index)]",
                    "route `\(route.name)` can never be reached: `\(shadow.name)` comes first, takes the same alerts and does not `continue`")
            }
        }
        let routed = Set(philosophy.routes.flatMap(\.severities))
        var reported = Set<Severity>()
        for (index, alert) in philosophy.alerts.enumerated() where !routed.contains(alert.severity) && !reported.contains(alert.severity) {
            reported.insert(alert.severity)
            warn(
                .unknownReference, alert.position, "alerts[\(index)].severity",
                "alerts of severity `\(alert.severity.rawValue)` (such as `\(alert.name)`) reach no one: no route takes them")
        }
        let notified = Set(philosophy.routes.flatMap { $0.steps.flatMap(\.notify) })
        for notifier in philosophy.notifiers where !notified.contains(notifier.name) {
            warn(.unknownReference, notifier.position, "notifiers.\(notifier.name)", "notifier `\(notifier.name)` is not used by any route")
        }
    }
}
