import TenetModels
import TenetYAML

extension PhilosophyParser {
    static let slaKeys = ["name", "where", "first_response", "next_reply", "resolution", "hours", "warning", "pause_on"]
    static let alertKeys = [
        "name", "metric", "stat", "within", "hours", "period", "where", "by", "condition", "target", "status", "for",
        "keep_firing_for", "severity", "labels", "annotations",
    ]
    static let alertTargetKeys = ["value", "metric"]
    static let webhookKeys = ["type", "url", "secret", "secret_env", "secret_file", "timeout", "attempts"]
    static let commandKeys = ["type", "command", "args", "timeout"]
    static let logKeys = ["type", "path"]
    static let routeKeys = ["name", "severity", "labels", "steps", "notify", "repeat_every", "send_resolved", "continue"]
    static let stepKeys = ["after", "notify"]

    /// Reads the `name` of the `index`th entry of a list section, reporting one that an earlier
    /// entry already has; `default` when absent. Returns the name and whether it is unique.
    mutating func readUniqueName(
        _ fields: YAMLFields, index: Int, default fallback: String, what: String, section: String, seen: inout [String: Int]
    ) -> (String, Bool) {
        guard let nameNode = fields["name"], let text = reader.nonEmptyText(nameNode, fields.field("name")) else {
            return (fallback, true)
        }
        if let previous = seen[text] {
            reader.error(
                .duplicateName, at: nameNode.position, field: fields.field("name"),
                "the \(what) `\(text.excerpt)` is already \(section)[\(previous)]")
            return (text, false)
        }
        seen[text] = index
        return (text, true)
    }

    // MARK: SLA

    mutating func readSLAPolicies(_ node: YAMLNode) {
        guard let items = reader.list(node, "sla") else { return }
        var names: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let path = "sla[\(index)]"
            guard let fields = reader.fields(item, path, allowed: Self.slaKeys) else { continue }
            var failed = false
            let (name, unique) = readUniqueName(fields, index: index, default: "sla-\(index + 1)", what: "SLA policy", section: "sla", seen: &names)
            if !unique { failed = true }
            var filter = MetricFilter()
            if let whereNode = fields["where"] {
                if let parsed = readFilter(whereNode, fields.field("where")) { filter = parsed } else { failed = true }
            }
            func target(_ key: String) -> Duration? {
                guard let node = fields[key] else { return nil }
                guard let value = reader.duration(node, fields.field(key)) else {
                    failed = true
                    return nil
                }
                if value <= .zero {
                    reader.error(.invalidValue, at: node.position, field: fields.field(key), "`\(key)` must be longer than zero")
                    failed = true
                }
                return value
            }
            let firstResponse = target("first_response")
            let nextReply = target("next_reply")
            let resolution = target("resolution")
            if !fields.has("first_response") && !fields.has("next_reply") && !fields.has("resolution") {
                reader.error(
                    .missingKey, at: item.position, field: path,
                    "an SLA policy needs at least one target: `first_response`, `next_reply` or `resolution`")
                failed = true
            }
            var hours = Hours.business
            if let hoursNode = fields["hours"] {
                if let text = reader.choice(hoursNode, fields.field("hours"), among: Hours.allCases.map(\.rawValue)) {
                    hours = Hours(rawValue: text)!
                } else {
                    failed = true
                }
            }
            var warning = SLAPolicy.Warning.elapsed(percent: 80)
            if let warningNode = fields["warning"], let text = reader.text(warningNode, fields.field("warning")) {
                switch Quantity.parse(text) {
                case .success(.percent(let percent)) where percent > 0 && percent < 100:
                    warning = .elapsed(percent: percent)
                case .success(.duration(let lead)) where lead > .zero:
                    warning = .before(lead)
                    let shortest = [firstResponse, nextReply, resolution].compactMap { $0 }.min()
                    if let shortest, lead >= shortest {
                        reader.warning(
                            .invalidValue, at: warningNode.position, field: fields.field("warning"),
                            "a warning \(Quantity.duration(lead)) before the breach comes at once for the \(Quantity.duration(shortest)) target")
                    }
                default:
                    reader.error(
                        .invalidValue, at: warningNode.position, field: fields.field("warning"),
                        "`warning`: `\(text.excerpt)` is neither a lead before the breach (`15m`) nor a share of the target between 0% and 100% (`80%`)")
                    failed = true
                }
            }
            var pauses = philosophy.settings.pendingStatuses
            if let pauseNode = fields["pause_on"] {
                if let statuses = readStatuses(pauseNode, fields.field("pause_on")) { pauses = statuses } else { failed = true }
            }
            guard !failed else { continue }
            philosophy.slaPolicies.append(
                SLAPolicy(
                    name: name, filter: filter, firstResponse: firstResponse, nextReply: nextReply, resolution: resolution,
                    hours: hours, warning: warning, pauseStatuses: pauses, position: item.position))
        }
    }

    // MARK: Notifiers

    mutating func readNotifiers(_ node: YAMLNode) {
        guard let fields = reader.fields(node, "notifiers") else { return }
        for entry in fields.entries {
            let path = fields.field(entry.key)
            guard checkIdentifier(entry.key, at: entry.keyPosition, path, what: "notifier") else { continue }
            guard let typeNode = entry.value["type"] else {
                reader.error(.missingKey, at: entry.value.position, field: "\(path).type", "notifier `\(entry.key)` needs a `type`: webhook, command or log")
                continue
            }
            guard let type = reader.choice(typeNode, "\(path).type", among: Notifier.types) else { continue }
            let allowed =
                switch type {
                case "webhook": Self.webhookKeys
                case "command": Self.commandKeys
                default: Self.logKeys
                }
            let required =
                switch type {
                case "webhook": ["url"]
                case "command": ["command"]
                default: ["path"]
                }
            guard let notifierFields = reader.fields(entry.value, path, allowed: allowed, required: required) else { continue }
            let kind: Notifier.Kind?
            switch type {
            case "webhook":
                kind = readWebhook(notifierFields)
            case "command":
                let command = notifierFields["command"].flatMap { reader.nonEmptyText($0, notifierFields.field("command")) }
                let arguments = notifierFields["args"].flatMap { readArguments($0, notifierFields.field("args")) } ?? []
                let timeout = notifierFields["timeout"].flatMap { readTimeout($0, notifierFields.field("timeout")) } ?? .seconds(10)
                kind = command.map { .command(command: $0, arguments: arguments, timeout: timeout) }
            default:
                kind = notifierFields["path"].flatMap { reader.nonEmptyText($0, notifierFields.field("path")) }.map { .log(path: $0) }
            }
            if let kind { philosophy.notifiers.append(Notifier(name: entry.key, kind: kind, position: entry.keyPosition)) }
        }
    }

    mutating func readWebhook(_ fields: YAMLFields) -> Notifier.Kind? {
        guard let urlNode = fields["url"], let url = reader.text(urlNode, fields.field("url")) else { return nil }
        let lowered = url.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"), url.count > 8, !url.contains(" ") else {
            reader.error(.invalidValue, at: urlNode.position, field: fields.field("url"), "`\(url.excerpt)` is not an http:// or https:// URL")
            return nil
        }
        let given = ["secret", "secret_env", "secret_file"].filter { fields.has($0) }
        var secret: Notifier.Secret?
        if given.count > 1 {
            reader.error(.invalidValue, at: fields.node.position, field: fields.path, "give one of \(given.joined(separator: ", ")), not several")
            return nil
        }
        if let node = fields["secret_env"], let name = reader.nonEmptyText(node, fields.field("secret_env")) { secret = .environment(name) }
        if let node = fields["secret_file"], let name = reader.nonEmptyText(node, fields.field("secret_file")) { secret = .file(name) }
        if let node = fields["secret"], let text = reader.nonEmptyText(node, fields.field("secret")) {
            secret = .inline(text)
            reader.warning(
                .invalidValue, at: node.position, field: fields.field("secret"),
                "the webhook secret is written in the philosophy file, readable by anyone who can read the file: prefer `secret_env` or `secret_file`")
        }
        if secret == nil {
            reader.warning(
                .missingKey, at: fields.node.position, field: fields.path,
                "the webhook has no secret: its requests are not signed, so the receiver cannot tell them from forgeries")
        }
        let timeout = fields["timeout"].flatMap { readTimeout($0, fields.field("timeout")) } ?? .seconds(5)
        let attempts = fields["attempts"].flatMap { reader.integer($0, fields.field("attempts"), range: 1...20) } ?? 6
        return .webhook(url: url, secret: secret, timeout: timeout, attempts: attempts)
    }

    mutating func readTimeout(_ node: YAMLNode, _ path: String) -> Duration? {
        guard let timeout = reader.duration(node, path) else { return nil }
        guard timeout >= .milliseconds(100), timeout <= .seconds(600) else {
            reader.error(.invalidValue, at: node.position, field: path, "`\(path)` must be between 100ms and 10m")
            return nil
        }
        return timeout
    }

    mutating func readArguments(_ node: YAMLNode, _ path: String) -> [String]? {
        guard let items = reader.list(node, path) else { return nil }
        return items.enumerated().compactMap { reader.text($0.element, "\(path)[\($0.offset)]") }
    }

    // MARK: Alerts

    mutating func readAlerts(_ node: YAMLNode) {
        guard let items = reader.list(node, "alerts") else { return }
        var names: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let path = "alerts[\(index)]"
            guard let fields = reader.fields(item, path, allowed: Self.alertKeys, required: ["name"]) else { continue }
            var failed = false
            let (name, unique) = readUniqueName(fields, index: index, default: "", what: "alert", section: "alerts", seen: &names)
            if !unique { failed = true }
            let source: AlertRule.Source?
            switch (fields.has("metric"), fields.has("target")) {
            case (true, true):
                reader.error(
                    .invalidValue, at: item.position, field: path,
                    "an alert watches either a `metric` (with a `condition`) or a value's `target` (with a `status`), not both")
                source = nil
            case (false, false):
                reader.error(
                    .missingKey, at: item.position, field: path,
                    "an alert needs a `metric` and a `condition` (`> 1h`), or a `target: { value: Speed, metric: first_response_time }`")
                source = nil
            case (true, false):
                source = readMetricCondition(fields)
            case (false, true):
                source = readTargetWatch(fields)
            }
            if source == nil { failed = true }
            var pendingFor = Duration.zero
            var keepFiring = Duration.zero
            if let forNode = fields["for"] {
                if let value = reader.duration(forNode, fields.field("for")) { pendingFor = value } else { failed = true }
            }
            if let keepNode = fields["keep_firing_for"] {
                if let value = reader.duration(keepNode, fields.field("keep_firing_for")) { keepFiring = value } else { failed = true }
            }
            var severity = Severity.warning
            if let severityNode = fields["severity"] {
                if let text = reader.choice(severityNode, fields.field("severity"), among: Severity.allCases.map(\.rawValue)) {
                    severity = Severity(rawValue: text)!
                } else {
                    failed = true
                }
            }
            let labels = fields["labels"].flatMap { readStringMap($0, fields.field("labels")) } ?? [:]
            let annotations = fields["annotations"].flatMap { readStringMap($0, fields.field("annotations")) } ?? [:]
            if let annotationsNode = fields["annotations"]?.entries {
                for entry in annotationsNode {
                    if !checkTemplate(entry.value, "\(fields.field("annotations")).\(entry.key)") { failed = true }
                }
            }
            guard !failed, let source else { continue }
            philosophy.alerts.append(
                AlertRule(
                    name: name, source: source, pendingFor: pendingFor, keepFiringFor: keepFiring, severity: severity,
                    labels: labels, annotations: annotations, position: item.position))
        }
    }

    mutating func readMetricCondition(_ fields: YAMLFields) -> AlertRule.Source? {
        // The series is read as a key metric without a target.
        let seriesKeys = ["metric", "stat", "within", "hours", "period", "where"]
        let seriesEntries = fields.entries.filter { seriesKeys.contains($0.key) }
        let seriesNode = YAMLNode(.mapping(seriesEntries), at: fields.node.position)
        guard let series = readKeyMetric(seriesNode, fields.path, teamFilter: nil) else { return nil }
        guard let conditionNode = fields["condition"] else {
            reader.error(.missingKey, at: fields.node.position, field: fields.field("condition"), "an alert on a metric needs a `condition`, such as `> 1h`")
            return nil
        }
        guard let kind = philosophy.kind(ofMetric: series.metric),
            let condition = readTarget(conditionNode, fields.field("condition"), metric: series.metric, kind: kind, statistic: series.statistic)
        else { return nil }
        var groupBy: [FilterField] = []
        if let byNode = fields["by"], let names = reader.texts(byNode, fields.field("by")) {
            for name in names {
                guard let field = FilterField(name: name) else {
                    reader.error(
                        .invalidValue, at: byNode.position, field: fields.field("by"),
                        "`\(name.excerpt)` is not a dimension to group by\(Suggestion.hint(for: name, among: FilterField.dimensionNames))")
                    return nil
                }
                groupBy.append(field)
            }
        }
        if fields.has("status") {
            reader.error(.invalidValue, at: fields.keyPosition("status"), field: fields.field("status"), "`status` belongs to alerts on a `target`")
            return nil
        }
        return .metric(MetricCondition(series: series, groupBy: groupBy, condition: condition))
    }

    mutating func readTargetWatch(_ fields: YAMLFields) -> AlertRule.Source? {
        for key in ["stat", "within", "hours", "period", "where", "by", "condition"] where fields.has(key) {
            reader.error(
                .invalidValue, at: fields.keyPosition(key), field: fields.field(key),
                "`\(key)` belongs to alerts on a `metric`; an alert on a `target` takes the key metric's own settings")
            return nil
        }
        guard let targetNode = fields["target"],
            let targetFields = reader.fields(targetNode, fields.field("target"), allowed: Self.alertTargetKeys, required: Self.alertTargetKeys),
            let valueNode = targetFields["value"], let valueName = reader.text(valueNode, targetFields.field("value")),
            let metricNode = targetFields["metric"], let (metricName, _, _) = readMetricName(metricNode, targetFields.field("metric"))
        else { return nil }
        guard let value = philosophy.values.first(where: { $0.name == valueName }) else {
            reader.error(
                .unknownReference, at: valueNode.position, field: targetFields.field("value"),
                "unknown value `\(valueName.excerpt)`\(Suggestion.hint(for: valueName, among: valueNames)) (values: \(valueNames.joined(separator: ", ")))")
            return nil
        }
        guard value.metrics.contains(where: { $0.metric == metricName && $0.target != nil }) else {
            reader.error(
                .unknownReference, at: metricNode.position, field: targetFields.field("metric"),
                "the value `\(valueName)` has no key metric `\(metricName)` with a target")
            return nil
        }
        var statuses: [TargetStatus] = [.missed]
        if let statusNode = fields["status"], let names = reader.texts(statusNode, fields.field("status")) {
            statuses = []
            for name in names {
                guard let status = TargetStatus(rawValue: name) else {
                    reader.error(
                        .invalidValue, at: statusNode.position, field: fields.field("status"),
                        "`\(name.excerpt)` is not a target status\(Suggestion.hint(for: name, among: TargetStatus.allCases.map(\.rawValue))) (met, at_risk, missed, no_data)")
                    return nil
                }
                statuses.append(status)
            }
        }
        return .target(value: valueName, metric: metricName, statuses: statuses)
    }

    mutating func readStringMap(_ node: YAMLNode, _ path: String) -> [String: String]? {
        guard let fields = reader.fields(node, path) else { return nil }
        var map: [String: String] = [:]
        for entry in fields.entries {
            if let text = reader.text(entry.value, fields.field(entry.key)) { map[entry.key] = text }
        }
        return map
    }

    /// Checks the `{{ … }}` placeholders of an annotation.
    mutating func checkTemplate(_ node: YAMLNode, _ path: String) -> Bool {
        guard let text = node.text else { return true }
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                reader.error(.invalidValue, at: node.position, field: path, "`{{` without a closing `}}`")
                return false
            }
            let name = String(rest[open.upperBound..<close.lowerBound].trimmingSpaces)
            if !(name.hasPrefix("labels.") && name.count > 7) && !AlertRule.placeholders.contains(name) {
                reader.error(
                    .invalidValue, at: node.position, field: path,
                    "unknown placeholder `{{ \(name.excerpt) }}`\(Suggestion.hint(for: name, among: AlertRule.placeholders)) (known: \(AlertRule.placeholders.joined(separator: ", ")), labels.NAME)")
                return false
            }
            rest = rest[close.upperBound...]
        }
        return true
    }

    // MARK: Routes

    mutating func readRoutes(_ node: YAMLNode) {
        guard let items = reader.list(node, "routes") else { return }
        var names: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let path = "routes[\(index)]"
            guard let fields = reader.fields(item, path, allowed: Self.routeKeys, required: ["name", "severity"]) else { continue }
            var failed = false
            let (name, unique) = readUniqueName(fields, index: index, default: "", what: "route", section: "routes", seen: &names)
            if !unique { failed = true }
            var severities: [Severity] = []
            if let severityNode = fields["severity"], let list = reader.list(severityNode, fields.field("severity"), single: true) {
                for item in list {
                    if let text = reader.choice(item, fields.field("severity"), among: Severity.allCases.map(\.rawValue)) {
                        severities.append(Severity(rawValue: text)!)
                    } else {
                        failed = true
                    }
                }
            }
            var labels: [String: [String]] = [:]
            if let labelsNode = fields["labels"], let labelFields = reader.fields(labelsNode, fields.field("labels")) {
                for entry in labelFields.entries {
                    if let values = reader.texts(entry.value, labelFields.field(entry.key)) { labels[entry.key] = values } else { failed = true }
                }
            }
            var steps: [Route.Step] = []
            switch (fields["steps"], fields["notify"]) {
            case (let stepsNode?, nil):
                if let list = reader.list(stepsNode, fields.field("steps")) {
                    var previous: Duration?
                    for (stepIndex, stepNode) in list.enumerated() {
                        let stepPath = "\(fields.field("steps"))[\(stepIndex)]"
                        guard let stepFields = reader.fields(stepNode, stepPath, allowed: Self.stepKeys, required: ["notify"]) else {
                            failed = true
                            continue
                        }
                        let after = stepFields["after"].flatMap { reader.duration($0, stepFields.field("after")) } ?? .zero
                        if let previous, after <= previous {
                            reader.error(
                                .invalidValue, at: stepNode.position, field: stepFields.field("after"),
                                "steps must come later and later: \(Quantity.duration(after)) is not after \(Quantity.duration(previous))")
                            failed = true
                        }
                        previous = after
                        guard let notifyNode = stepFields["notify"], let targets = readNotifierNames(notifyNode, stepFields.field("notify")) else {
                            failed = true
                            continue
                        }
                        steps.append(Route.Step(after: after, notify: targets))
                    }
                }
            case (nil, let notifyNode?):
                if let targets = readNotifierNames(notifyNode, fields.field("notify")) { steps = [Route.Step(after: .zero, notify: targets)] } else { failed = true }
            case (.some, .some):
                reader.error(.invalidValue, at: item.position, field: path, "a route has either `notify` (one step) or `steps`, not both")
                failed = true
            case (nil, nil):
                reader.error(.missingKey, at: item.position, field: path, "a route needs `notify: [notifier…]` or `steps`")
                failed = true
            }
            let repeatEvery = fields["repeat_every"].flatMap { reader.duration($0, fields.field("repeat_every")) }
            let sendResolved = fields["send_resolved"].flatMap { reader.bool($0, fields.field("send_resolved")) } ?? true
            let continues = fields["continue"].flatMap { reader.bool($0, fields.field("continue")) } ?? false
            guard !failed else { continue }
            philosophy.routes.append(
                Route(
                    name: name, severities: severities, labels: labels, steps: steps, repeatEvery: repeatEvery,
                    sendResolved: sendResolved, continues: continues, position: item.position))
        }
    }

    mutating func readNotifierNames(_ node: YAMLNode, _ path: String) -> [String]? {
        guard let names = reader.texts(node, path) else { return nil }
        let items = node.items ?? [node]
        var failed = false
        for (name, item) in zip(names, items) where !notifierNames.contains(name) {
            reader.error(
                .unknownReference, at: item.position, field: path,
                "unknown notifier `\(name.excerpt)`\(Suggestion.hint(for: name, among: notifierNames))"
                    + (notifierNames.isEmpty ? " (define it under `notifiers`)" : " (notifiers: \(notifierNames.joined(separator: ", ")))"))
            failed = true
        }
        return failed ? nil : names
    }
}
