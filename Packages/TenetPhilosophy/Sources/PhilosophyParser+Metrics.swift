import TenetModels
import TenetYAML

extension PhilosophyParser {
    static let valueKeys = ["name", "action", "metrics", "description"]
    static let keyMetricKeys = ["metric", "stat", "within", "target", "hours", "period", "where", "at_risk"]
    static let teamKeys = ["name", "metrics"]
    static let customMetricKeys = ["unit", "description", "count", "rate", "values"]
    static let selectorKeys = ["type", "where"]
    static let valuesSelectorKeys = ["type", "where", "field"]
    static let rateKeys = ["numerator", "denominator"]

    // MARK: Values

    mutating func readValues(_ node: YAMLNode) {
        guard let items = reader.list(node, "values") else { return }
        if items.isEmpty {
            reader.warning(.invalidValue, at: node.position, field: "values", "`values` is empty: the scorecard will have no rows")
        }
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let path = "values[\(index)]"
            guard let fields = reader.fields(item, path, allowed: Self.valueKeys, required: ["name", "action"]) else { continue }
            var value = PhilosophyValue(name: "", action: "", metrics: [], position: item.position)
            if let nameNode = fields["name"], let name = reader.nonEmptyText(nameNode, fields.field("name")) {
                if let previous = seen[name.lowercased()] {
                    reader.error(
                        .duplicateName, at: nameNode.position, field: fields.field("name"),
                        "the value `\(name.excerpt)` is already defined as values[\(previous)]: value names must be unique")
                } else {
                    seen[name.lowercased()] = index
                }
                value.name = name
                valueNames.append(name)
            }
            if let action = fields["action"] { value.action = reader.nonEmptyText(action, fields.field("action")) ?? "" }
            if let metrics = fields["metrics"], let list = reader.list(metrics, fields.field("metrics")) {
                for (metricIndex, metricNode) in list.enumerated() {
                    if let metric = readKeyMetric(metricNode, "\(fields.field("metrics"))[\(metricIndex)]", teamFilter: nil) {
                        value.metrics.append(metric)
                    }
                }
            }
            philosophy.values.append(value)
        }
    }

    /// Reads a key metric: a mapping, or (for team lists) a bare metric name. `teamFilter` adds the
    /// team's own filter to a team's metrics.
    mutating func readKeyMetric(_ node: YAMLNode, _ path: String, teamFilter: String?) -> KeyMetric? {
        if node.scalar != nil, teamFilter != nil {
            guard let (name, kind, statistic) = readMetricName(node, path) else { return nil }
            _ = kind
            return KeyMetric(
                metric: name, statistic: statistic, target: nil,
                filter: MetricFilter([.init(field: .dimension(.team), values: [teamFilter!])]), position: node.position)
        }
        guard let fields = reader.fields(node, path, allowed: Self.keyMetricKeys, required: ["metric"]) else { return nil }
        guard let metricNode = fields["metric"], let (name, kind, defaultStatistic) = readMetricName(metricNode, fields.field("metric"))
        else { return nil }
        var failed = false
        var within: Duration?
        if let node = fields["within"] {
            if kind != .duration {
                reader.error(
                    .invalidValue, at: node.position, field: fields.field("within"),
                    "`within` applies to durations, and `\(name)` is not one")
                failed = true
            } else if let threshold = reader.duration(node, fields.field("within")) {
                within = threshold
            } else {
                failed = true
            }
        }
        var statistic = within.map(Statistic.within) ?? defaultStatistic
        if let node = fields["stat"] {
            if let parsed = readStatistic(node, fields.field("stat"), within: within) {
                if let within, parsed != .within(within) {
                    reader.error(
                        .invalidValue, at: node.position, field: fields.field("stat"),
                        "`within: \(Quantity.duration(within))` makes the statistic \"% within \(Quantity.duration(within))\", and `stat` says `\(parsed)`: keep one")
                    failed = true
                } else if !Statistic.allowed(for: kind, parsed) {
                    reader.error(
                        .invalidValue, at: node.position, field: fields.field("stat"),
                        "`\(parsed)` does not apply to `\(name)`, a \(Self.describe(kind)) metric (\(Self.statisticHint(kind)))")
                    failed = true
                } else {
                    statistic = parsed
                }
            } else {
                failed = true
            }
        }
        var metric = KeyMetric(metric: name, statistic: statistic, target: nil, position: node.position)
        if let node = fields["target"] {
            if let target = readTarget(node, fields.field("target"), metric: name, kind: kind, statistic: statistic) {
                metric.target = target
            } else {
                failed = true
            }
        }
        if let node = fields["hours"] {
            if let text = reader.choice(node, fields.field("hours"), among: Hours.allCases.map(\.rawValue)) {
                metric.hours = Hours(rawValue: text)!
                if metric.hours == .business, kind != .duration {
                    reader.warning(
                        .invalidValue, at: node.position, field: fields.field("hours"),
                        "`hours: business` has no effect on `\(name)`: only durations are measured in business time")
                }
            } else {
                failed = true
            }
        }
        if let node = fields["period"] {
            if let text = reader.choice(node, fields.field("period"), among: Period.names) {
                metric.period = Period(name: text)!
            } else {
                failed = true
            }
        }
        var filter = MetricFilter()
        if let node = fields["where"] {
            if let parsed = readFilter(node, fields.field("where")) { filter = parsed } else { failed = true }
        }
        if let team = teamFilter, filter.values(of: .dimension(.team)) == nil {
            filter.clauses.insert(.init(field: .dimension(.team), values: [team]), at: 0)
        }
        metric.filter = filter
        if let node = fields["at_risk"] {
            if let margin = readMargin(node, fields.field("at_risk"), target: metric.target) { metric.atRisk = margin } else { failed = true }
        }
        return failed ? nil : metric
    }

    mutating func readMargin(_ node: YAMLNode, _ path: String, target: Target?) -> Quantity? {
        guard let text = reader.text(node, path) else { return nil }
        guard let target else {
            reader.error(.missingKey, at: node.position, field: path, "`at_risk` is a margin around the target: set a `target` too")
            return nil
        }
        switch Quantity.parse(text) {
        case .failure(let problem):
            reader.error(.invalidValue, at: node.position, field: path, "`at_risk` `\(text.excerpt)`: \(problem)")
            return nil
        case .success(let margin):
            let sameUnit: Bool =
                switch (margin, target.quantity) {
                case (.duration, .duration), (.percent, .percent), (.number, .number): true
                default: false
                }
            guard sameUnit else {
                reader.error(
                    .invalidValue, at: node.position, field: path,
                    "`at_risk` `\(text.excerpt)` must be in the target's unit (the target is `\(target.quantity)`)")
                return nil
            }
            guard margin.value >= 0 else {
                reader.error(.invalidValue, at: node.position, field: path, "`at_risk` cannot be negative")
                return nil
            }
            return margin
        }
    }

    static func describe(_ kind: MetricKind) -> String {
        switch kind {
        case .duration: "duration"
        case .ratio: "rate"
        case .score: "score"
        case .count: "count"
        case .money: "money"
        case .netScore: "net score"
        }
    }

    static func statisticHint(_ kind: MetricKind) -> String {
        switch kind {
        case .duration: "use mean, median, p90, p95, p99, min, max, or `within: 1h` for % within a threshold"
        case .ratio: "a rate is numerator ÷ denominator: use `rate`, or leave `stat` out"
        case .netScore: "use `net`, or leave `stat` out"
        case .score, .money: "use mean, median, p90, p95, p99, min, max, sum or count"
        case .count: "use sum, count, last, mean, min or max"
        }
    }

    // MARK: Teams

    mutating func readTeams(_ node: YAMLNode) {
        guard let fields = reader.fields(node, "teams") else { return }
        for entry in fields.entries {
            let path = fields.field(entry.key)
            guard checkIdentifier(entry.key, at: entry.keyPosition, path, what: "team") else { continue }
            var team = Team(id: entry.key, name: entry.key, metrics: [], position: entry.keyPosition)
            var metricsNode: YAMLNode?
            var metricsPath = path
            if entry.value.items != nil {
                metricsNode = entry.value
            } else if let teamFields = reader.fields(entry.value, path, allowed: Self.teamKeys) {
                if let name = teamFields["name"] { team.name = reader.nonEmptyText(name, teamFields.field("name")) ?? team.name }
                metricsNode = teamFields["metrics"]
                metricsPath = teamFields.field("metrics")
            }
            if let metricsNode, let list = reader.list(metricsNode, metricsPath) {
                for (index, item) in list.enumerated() {
                    if let metric = readKeyMetric(item, "\(metricsPath)[\(index)]", teamFilter: team.id) {
                        team.metrics.append(metric)
                    }
                }
            }
            philosophy.teams.append(team)
        }
    }

    // MARK: Custom metrics

    mutating func readCustomMetrics(_ node: YAMLNode) {
        guard let fields = reader.fields(node, "custom_metrics") else { return }
        for entry in fields.entries {
            let path = fields.field(entry.key)
            guard checkIdentifier(entry.key, at: entry.keyPosition, path, what: "metric") else { continue }
            if let builtin = MetricCatalog.metric(named: entry.key) {
                reader.error(
                    .duplicateName, at: entry.keyPosition, field: path,
                    "`\(entry.key)` is a built-in metric (\(builtin.name)): give the custom metric another name")
                continue
            }
            guard let metricFields = reader.fields(entry.value, path, allowed: Self.customMetricKeys, required: ["unit"]) else {
                continue
            }
            let definitions = ["count", "rate", "values"].filter { metricFields.has($0) }
            guard definitions.count == 1 else {
                reader.error(
                    definitions.isEmpty ? .missingKey : .invalidValue, at: entry.value.position, field: path,
                    definitions.isEmpty
                        ? "custom metric `\(entry.key)` needs a definition: `count`, `rate` or `values`"
                        : "custom metric `\(entry.key)` has \(definitions.count) definitions (\(definitions.joined(separator: ", "))): keep one")
                continue
            }
            guard let unitNode = metricFields["unit"],
                let unitText = reader.choice(unitNode, metricFields.field("unit"), among: CustomMetric.Unit.allCases.map(\.rawValue))
            else { continue }
            let unit = CustomMetric.Unit(rawValue: unitText)!
            let description = metricFields["description"].flatMap { reader.text($0, metricFields.field("description")) }
            let kind = definitions[0]
            let definitionNode = metricFields[kind]!
            let definitionPath = metricFields.field(kind)
            let definition: CustomMetric.Definition?
            switch kind {
            case "count":
                definition = readSelector(definitionNode, definitionPath, allowed: Self.selectorKeys).map { .count($0) }
                if unit != .count {
                    reader.error(
                        .invalidValue, at: unitNode.position, field: metricFields.field("unit"),
                        "a `count` metric is measured in `count`, not `\(unit.rawValue)`")
                }
            case "rate":
                if unit != .percent {
                    reader.error(
                        .invalidValue, at: unitNode.position, field: metricFields.field("unit"),
                        "a `rate` metric is measured in `percent`, not `\(unit.rawValue)`")
                }
                if let rateFields = reader.fields(definitionNode, definitionPath, allowed: Self.rateKeys, required: Self.rateKeys),
                    let numerator = rateFields["numerator"].flatMap({ readSelector($0, rateFields.field("numerator"), allowed: Self.selectorKeys) }),
                    let denominator = rateFields["denominator"].flatMap({
                        readSelector($0, rateFields.field("denominator"), allowed: Self.selectorKeys)
                    })
                {
                    definition = .rate(numerator: numerator, denominator: denominator)
                } else {
                    definition = nil
                }
            default:
                if unit == .percent {
                    reader.error(
                        .invalidValue, at: unitNode.position, field: metricFields.field("unit"),
                        "a `values` metric is measured in count, score, seconds or money; a percentage is a `rate` of two counts")
                }
                if let selector = readSelector(definitionNode, definitionPath, allowed: Self.valuesSelectorKeys),
                    let valueFields = definitionNode.entries, let fieldEntry = valueFields.first(where: { $0.key == "field" })
                {
                    definition = readValueField(fieldEntry.value, "\(definitionPath).field", types: selector.types).map {
                        .values(selector, field: $0)
                    }
                } else {
                    if definitionNode.entries != nil, definitionNode["field"] == nil {
                        reader.error(
                            .missingKey, at: definitionNode.position, field: "\(definitionPath).field",
                            "`values` needs the `field` whose numbers it measures (for example `score` or `attributes.referrals`)")
                    }
                    definition = nil
                }
            }
            guard let definition else { continue }
            philosophy.customMetrics.append(
                CustomMetric(name: entry.key, unit: unit, description: description, definition: definition, position: entry.keyPosition))
        }
    }

    mutating func readSelector(_ node: YAMLNode, _ path: String, allowed: [String]) -> EventSelector? {
        guard let fields = reader.fields(node, path, allowed: allowed, required: ["type"]) else { return nil }
        guard let typeNode = fields["type"], let types = reader.texts(typeNode, fields.field("type")) else { return nil }
        var failed = false
        let typeItems = typeNode.items ?? [typeNode]
        for (type, item) in zip(types, typeItems) where EventType(rawValue: type) == nil {
            let known = EventType.allCases.map(\.rawValue)
            reader.error(
                .invalidValue, at: item.position, field: fields.field("type"),
                "`\(type.excerpt)` is not an event type\(Suggestion.hint(for: type, among: known))"
                    + " (built-in types are listed in docs/EVENTS.md; your own start with `x.`, such as `x.lead.qualified`)")
            failed = true
        }
        var filter = MetricFilter()
        if let whereNode = fields["where"] {
            if let parsed = readFilter(whereNode, fields.field("where")) { filter = parsed } else { failed = true }
        }
        return failed ? nil : EventSelector(types: types, filter: filter)
    }

    /// The numeric fields each built-in type carries.
    static let numericFields: [String: [String]] = [
        "survey.answered": ["score"], "qa.scored": ["score"], "order.placed": ["amount"],
    ]

    mutating func readValueField(_ node: YAMLNode, _ path: String, types: [String]) -> String? {
        guard let field = reader.text(node, path) else { return nil }
        if field.hasPrefix("attributes."), field.count > "attributes.".count { return field }
        let builtinTypes = types.filter { !$0.hasPrefix(EventType.extensionPrefix) }
        if builtinTypes.isEmpty {
            let valid = field.first?.isLetter == true && field.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
            }
            if valid { return field }
            reader.error(.invalidValue, at: node.position, field: path, "`\(field.excerpt)` is not a field name (use lowercase letters, digits and `_`, or attributes.NAME)")
            return nil
        }
        let known = Set(builtinTypes.flatMap { Self.numericFields[$0] ?? [] })
        if builtinTypes.allSatisfy({ Self.numericFields[$0]?.contains(field) == true }) { return field }
        let candidates = Array(known).sorted() + ["attributes."]
        reader.error(
            .unknownReference, at: node.position, field: path,
            "unknown field `\(field.excerpt)` for \(builtinTypes.joined(separator: ", "))\(Suggestion.hint(for: field, among: candidates))"
                + (known.isEmpty ? " (it carries no number of its own: use attributes.NAME)" : " (numbers it carries: \(known.sorted().joined(separator: ", ")), or attributes.NAME)"))
        return nil
    }
}
