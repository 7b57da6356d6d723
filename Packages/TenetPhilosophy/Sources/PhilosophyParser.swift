import Foundation
import TenetCalendar
import TenetModels
import TenetYAML

/// Reads philosophy-file text into a ``Philosophy`` and finds every problem on the way: each
/// error and warning with its line and column, all of them, not the first only.
///
/// Sections are read in the order their references need (custom metrics and team ids before
/// the values that name them), whatever their order in the file. Files the philosophy names
/// (iCalendar holidays) are read through ``readFile``, so the parser itself does no I/O.
public struct PhilosophyParser {
    /// The result of reading a file: the philosophy when it has no error, and every finding.
    public struct Result: Sendable {
        /// The philosophy; `nil` when any finding is an error.
        public var philosophy: Philosophy?
        /// Every error and warning, sorted by position.
        public var diagnostics: [Diagnostic]
    }

    /// The top-level keys.
    public static let topKeys = [
        "version", "organisation", "purpose", "vision", "settings", "values", "teams", "custom_metrics", "schedules",
        "coverage", "sla", "alerts", "notifiers", "routes",
    ]

    var reader = YAMLFieldReader()
    var philosophy = Philosophy()
    /// Reads a file the philosophy names (a path as written, relative to the philosophy file).
    let readFile: @Sendable (String) -> Swift.Result<String, PhilosophyFileError>
    var teamIDs: [String] = []
    var customMetricNames: [String] = []
    var scheduleNames: [String] = []
    var notifierNames: [String] = []
    var valueNames: [String] = []

    /// Creates a parser; `readFile` reads the files the philosophy refers to.
    public init(readFile: @escaping @Sendable (String) -> Swift.Result<String, PhilosophyFileError> = { path in
        .failure(PhilosophyFileError(path: path, reason: "files cannot be read here"))
    }) {
        self.readFile = readFile
    }

    /// Reads `text`.
    public static func parse(
        _ text: String,
        readFile: @escaping @Sendable (String) -> Swift.Result<String, PhilosophyFileError> = { path in
            .failure(PhilosophyFileError(path: path, reason: "files cannot be read here"))
        }
    ) -> Result {
        var parser = PhilosophyParser(readFile: readFile)
        return parser.read(text)
    }

    /// Reads `text`.
    public mutating func read(_ text: String) -> Result {
        let root: YAMLNode
        do {
            guard let node = try YAMLReader.parse(text) else {
                reader.error(.missingKey, at: .file, field: "", "the file is empty: a philosophy needs at least `values:`")
                return finish()
            }
            root = node
        } catch {
            reader.error(
                error.code, at: error.position, field: "", error.code == .syntax ? "not valid YAML: \(error.message)" : error.message)
            return finish()
        }
        guard let top = reader.fields(root, "", allowed: Self.topKeys, required: ["values"]) else { return finish() }
        if let version = top["version"], let number = reader.integer(version, "version", range: 0...Int.max), number != 1 {
            reader.error(.invalidValue, at: version.position, field: "version", "version \(number) is not supported: this Tenet reads version 1")
        }
        if let node = top["organisation"] { readOrganisation(node) }
        if let node = top["purpose"] { philosophy.purpose = reader.nonEmptyText(node, "purpose") ?? "" }
        if let node = top["vision"] { philosophy.vision = reader.nonEmptyText(node, "vision") ?? "" }
        if let node = top["settings"] { readSettings(node) }
        // Names first: later sections refer to them.
        if let node = top["teams"] { teamIDs = Self.names(in: node) }
        if let node = top["custom_metrics"] { customMetricNames = Self.names(in: node) }
        if let node = top["schedules"] { scheduleNames = Self.names(in: node) }
        if let node = top["notifiers"] { notifierNames = Self.names(in: node) }
        if let node = top["custom_metrics"] { readCustomMetrics(node) }
        if let node = top["schedules"] { readSchedules(node) }
        if let node = top["coverage"] { readCoverage(node) }
        if let node = top["values"] { readValues(node) }
        if let node = top["teams"] { readTeams(node) }
        if let node = top["sla"] { readSLAPolicies(node) }
        if let node = top["notifiers"] { readNotifiers(node) }
        if let node = top["alerts"] { readAlerts(node) }
        if let node = top["routes"] { readRoutes(node) }
        if !reader.diagnostics.hasErrors {
            var checker = PhilosophyChecker(philosophy: philosophy)
            checker.check()
            for finding in checker.findings { reader.diagnostics.append(finding) }
        }
        return finish()
    }

    private func finish() -> Result {
        Result(philosophy: reader.diagnostics.hasErrors ? nil : philosophy, diagnostics: reader.diagnostics.sorted)
    }

    // MARK: Organisation and settings

    static let organisationKeys = ["name", "zone", "week_start"]

    mutating func readOrganisation(_ node: YAMLNode) {
        guard let fields = reader.fields(node, "organisation", allowed: Self.organisationKeys) else { return }
        if let name = fields["name"] { philosophy.organisation.name = reader.nonEmptyText(name, fields.field("name")) ?? "" }
        if let zone = fields["zone"], let identifier = readZone(zone, fields.field("zone")) {
            philosophy.organisation.zone = identifier
        }
        if let start = fields["week_start"], let text = reader.text(start, fields.field("week_start")) {
            if let day = Weekday(name: text) {
                philosophy.organisation.weekStart = day
            } else {
                reader.error(
                    .invalidValue, at: start.position, field: fields.field("week_start"),
                    "`week_start`: `\(text.excerpt)` is not a day of the week (monday … sunday, or mon … sun)")
            }
        }
    }

    static let settingsKeys = [
        "service_level_threshold", "short_abandon_threshold", "fcr_reopen_window", "bot_handoff_restarts_first_response",
        "solved_statuses", "work_statuses", "pending_statuses", "at_risk_margin",
    ]

    mutating func readSettings(_ node: YAMLNode) {
        guard let fields = reader.fields(node, "settings", allowed: Self.settingsKeys) else { return }
        var settings = MetricSettings()
        for entry in fields.entries {
            let path = fields.field(entry.key)
            let value = entry.value
            switch entry.key {
            case "service_level_threshold": settings.serviceLevelThreshold = reader.duration(value, path) ?? settings.serviceLevelThreshold
            case "short_abandon_threshold": settings.shortAbandonThreshold = reader.duration(value, path) ?? settings.shortAbandonThreshold
            case "fcr_reopen_window": settings.fcrReopenWindow = reader.duration(value, path) ?? settings.fcrReopenWindow
            case "bot_handoff_restarts_first_response":
                settings.botHandoffRestartsFirstResponse = reader.bool(value, path) ?? settings.botHandoffRestartsFirstResponse
            case "solved_statuses": settings.solvedStatuses = readStatuses(value, path) ?? settings.solvedStatuses
            case "work_statuses": settings.workStatuses = readStatuses(value, path) ?? settings.workStatuses
            case "pending_statuses": settings.pendingStatuses = readStatuses(value, path) ?? settings.pendingStatuses
            case "at_risk_margin":
                if let text = reader.text(value, path) {
                    if case .success(.percent(let percent)) = Quantity.parse(text), (0...100).contains(percent) {
                        settings.atRiskMargin = percent / 100
                    } else {
                        reader.error(
                            .invalidValue, at: value.position, field: path,
                            "`\(path)`: `\(text.excerpt)` is not a share of the target between 0% and 100% (for example 10%)")
                    }
                }
            default: break
            }
        }
        philosophy.settings = settings
    }

    mutating func readStatuses(_ node: YAMLNode, _ path: String) -> [String]? {
        guard let items = reader.list(node, path, single: true) else { return nil }
        var statuses: [String] = []
        for (index, item) in items.enumerated() {
            let itemPath = node.items == nil ? path : "\(path)[\(index)]"
            guard let status = reader.choice(item, itemPath, among: MetricSettings.knownStatuses) else { continue }
            statuses.append(status)
        }
        if statuses.isEmpty {
            reader.error(.invalidValue, at: node.position, field: path, "`\(path)` needs at least one status")
            return nil
        }
        return statuses
    }

    // MARK: Shared pieces

    /// The keys of a mapping section (teams, schedules…), so that other sections can refer to
    /// them before the section itself is read.
    static func names(in node: YAMLNode) -> [String] {
        var names: [String] = []
        for entry in node.entries ?? [] where !names.contains(entry.key) { names.append(entry.key) }
        return names
    }

    /// Checks a name given to a team, schedule, metric or notifier.
    mutating func checkIdentifier(_ name: String, at position: YAMLPosition, _ path: String, what: String) -> Bool {
        let valid = !name.isEmpty && name.count <= 64 && name.first!.isLetter
            && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
            }
        if !valid {
            reader.error(
                .invalidValue, at: position, field: path,
                "`\(name.excerpt)` is not a valid \(what) name: use 1–64 lowercase letters, digits, `_` or `-`, starting with a letter")
        }
        return valid
    }

    /// Reads an IANA time zone name.
    mutating func readZone(_ node: YAMLNode, _ path: String) -> String? {
        guard let text = reader.text(node, path) else { return nil }
        guard TimeZone(identifier: text) != nil, text.contains("/") || text == "UTC" || text == "GMT" else {
            reader.error(
                .invalidValue, at: node.position, field: path,
                "`\(path)`: `\(text.excerpt)` is not an IANA time zone\(Suggestion.hint(for: text, among: Self.zoneNames)) (for example Europe/Berlin, America/New_York, UTC)")
            return nil
        }
        return text
    }

    static let zoneNames: [String] = TimeZone.knownTimeZoneIdentifiers

    /// Reads a filter: `{ field: value or [values], … }`.
    mutating func readFilter(_ node: YAMLNode, _ path: String) -> MetricFilter? {
        guard let fields = reader.fields(node, path) else { return nil }
        var clauses: [MetricFilter.Clause] = []
        var failed = false
        for entry in fields.entries {
            let fieldPath = fields.field(entry.key)
            guard let field = FilterField(name: entry.key) else {
                reader.error(
                    .unknownKey, at: entry.keyPosition, field: fieldPath,
                    "`\(entry.key.excerpt)` is not a field to filter on\(Suggestion.hint(for: entry.key, among: FilterField.dimensionNames)) (dimensions: \(FilterField.dimensionNames.joined(separator: ", ")), or attributes.NAME)")
                failed = true
                continue
            }
            guard let values = reader.texts(entry.value, fieldPath) else {
                failed = true
                continue
            }
            if values.isEmpty {
                reader.error(.invalidValue, at: entry.value.position, field: fieldPath, "`\(fieldPath)` lists no values: give at least one")
                failed = true
                continue
            }
            if field == .dimension(.team), !teamIDs.isEmpty {
                let items = entry.value.items ?? [entry.value]
                for (value, item) in zip(values, items) where !teamIDs.contains(value) {
                    reader.error(
                        .unknownReference, at: item.position, field: fieldPath,
                        "unknown team `\(value.excerpt)`\(Suggestion.hint(for: value, among: teamIDs)) (teams: \(teamIDs.joined(separator: ", ")))")
                    failed = true
                }
            }
            clauses.append(MetricFilter.Clause(field: field, values: values))
        }
        return failed ? nil : MetricFilter(clauses)
    }

    /// Resolves a metric name (built-in, alias or custom) to its canonical name and kind.
    mutating func readMetricName(_ node: YAMLNode, _ path: String) -> (name: String, kind: MetricKind, defaultStatistic: Statistic)? {
        guard let name = reader.text(node, path) else { return nil }
        if let builtin = MetricCatalog.metric(named: name) { return (builtin.name, builtin.kind, builtin.defaultStatistic) }
        if let custom = philosophy.customMetric(named: name) { return (custom.name, custom.kind, custom.defaultStatistic) }
        if customMetricNames.contains(name) { return nil }  // defined, but with errors of its own
        let candidates = MetricCatalog.all.map(\.name) + customMetricNames
        reader.error(
            .unknownReference, at: node.position, field: path,
            "unknown metric `\(name.excerpt)`\(Suggestion.hint(for: name, among: candidates + MetricCatalog.names))"
                + (Suggestion.closest(to: name, among: candidates + MetricCatalog.names) == nil
                    ? " (built-in metrics are listed in docs/METRICS.md; define others under `custom_metrics`)" : ""))
        return nil
    }

    /// Reads a statistic name; `within` takes its threshold from `within`.
    mutating func readStatistic(_ node: YAMLNode, _ path: String, within: Duration?) -> Statistic? {
        guard let text = reader.text(node, path) else { return nil }
        switch text {
        case "mean", "average", "avg": return .mean
        case "median", "p50": return .median
        case "min": return .minimum
        case "max": return .maximum
        case "count": return .count
        case "sum": return .sum
        case "rate": return .rate
        case "net": return .net
        case "last": return .last
        case "within":
            guard let within else {
                reader.error(.missingKey, at: node.position, field: path, "`stat: within` needs a threshold: add `within: 1h`")
                return nil
            }
            return .within(within)
        default:
            if text.hasPrefix("p"), let rank = Int(text.dropFirst()), (1...99).contains(rank) { return .percentile(rank) }
            reader.error(
                .invalidValue, at: node.position, field: path,
                "`\(text.excerpt)` is not a statistic\(Suggestion.hint(for: text, among: Statistic.names)) (mean, median, p90, p95, p99, min, max, count, sum, rate, within)")
            return nil
        }
    }

    /// Reads a target `"<= 1h"` for a metric of `kind` measured by `statistic`.
    mutating func readTarget(_ node: YAMLNode, _ path: String, metric: String, kind: MetricKind, statistic: Statistic) -> Target? {
        guard let text = reader.text(node, path) else { return nil }
        let trimmed = String(text.trimmingSpaces)
        let comparison = [Target.Comparison.atMost, .atLeast, .lessThan, .greaterThan].first { trimmed.hasPrefix($0.rawValue) }
        guard let comparison else {
            reader.error(
                .invalidValue, at: node.position, field: path,
                "target `\(text.excerpt)` does not start with a comparison: write `<= 1h`, `>= 90%` or `>= 8.5` (one of <, <=, >, >=)")
            return nil
        }
        let rest = String(trimmed.dropFirst(comparison.rawValue.count))
        let quantity: Quantity
        switch Quantity.parse(rest) {
        case .success(let parsed): quantity = parsed
        case .failure(let problem):
            reader.error(.invalidValue, at: node.position, field: path, "target `\(text.excerpt)`: \(problem)")
            return nil
        }
        guard let expected = Self.expectedUnit(kind: kind, statistic: statistic, quantity: quantity) else {
            return Target(comparison, quantity)
        }
        reader.error(.invalidValue, at: node.position, field: path, "target `\(text.excerpt)`: `\(metric)` \(expected)")
        return nil
    }

    /// Why `quantity` has the wrong unit for a metric of `kind` under `statistic`, or `nil` when
    /// it fits.
    static func expectedUnit(kind: MetricKind, statistic: Statistic, quantity: Quantity) -> String? {
        let percentage = statistic.isPercentage || kind == .ratio
        switch quantity {
        case .percent where percentage: return nil
        case .duration where kind == .duration && !percentage && statistic != .count: return nil
        case .number where !percentage && (kind != .duration || statistic == .count): return nil
        default: break
        }
        if percentage { return "is a percentage: write the target with `%`, such as `>= 90%`" }
        if kind == .duration && statistic != .count { return "is a duration: write the target with a unit, such as `<= 1h` or `<= 90s`" }
        return "is a plain number: write the target without a unit, such as `>= 8.5`"
    }
}

/// A file the philosophy names that could not be read.
public struct PhilosophyFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path as written.
    public var path: String
    /// Why it could not be read.
    public var reason: String

    /// Creates an error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot read `\(path)`: \(reason)" }
}
