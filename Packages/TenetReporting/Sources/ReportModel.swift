/// Everything a report shows, as plain values: the philosophy's purpose and vision, each value's
/// action statement and key metrics (target, actual, sample size, trend, status), the team
/// tables, SLA attainment with the latest breaches, the alerts of the period and the staffing
/// table. ``ReportBuilder`` makes one from the plugins' replies; the renderers (``MarkdownReport``,
/// ``CSVReport``, ``JSONReport``, ``HTMLReport``) only lay it out, so every format shows the same
/// figures, written as `tenet metrics` writes them.
public struct ReportModel: Codable, Hashable, Sendable {
    /// The organisation's name (may be empty).
    public var organisation: String
    /// The report's period: `day`, `week` or `month`.
    public var period: String
    /// The report period's first instant (RFC 3339, UTC).
    public var from: String
    /// Its first instant excluded.
    public var to: String
    /// When the figures were computed (the scorecard's `at`).
    public var generatedAt: String
    /// The store sequence number of the last event the scorecard includes.
    public var lastSeq: Int64
    /// The philosophy's purpose.
    public var purpose: String
    /// Its vision.
    public var vision: String
    /// The values, in file order.
    public var values: [ValueSection]
    /// The teams, in file order.
    public var teams: [TeamSection]
    /// The series that belong to no value and no team (volume, backlog), ungrouped.
    public var others: [KeyMetricLine]
    /// SLA attainment and breaches.
    public var sla: SLASection
    /// The alert transitions of the period.
    public var alerts: AlertsSection
    /// Agents needed per slot of the week.
    public var staffing: StaffingSection
    /// The measurements behind the key metrics, one list per key metric with rows (for the
    /// distributions and the row-level CSV).
    public var rows: [RowSet]

    enum CodingKeys: String, CodingKey {
        case organisation, period, from, to, purpose, vision, values, teams, others, sla, alerts, staffing, rows
        case generatedAt = "generated_at"
        case lastSeq = "last_seq"
    }

    /// Creates a model.
    public init(
        organisation: String, period: String, from: String, to: String, generatedAt: String, lastSeq: Int64, purpose: String,
        vision: String, values: [ValueSection], teams: [TeamSection], others: [KeyMetricLine], sla: SLASection, alerts: AlertsSection,
        staffing: StaffingSection, rows: [RowSet]
    ) {
        self.organisation = organisation
        self.period = period
        self.from = from
        self.to = to
        self.generatedAt = generatedAt
        self.lastSeq = lastSeq
        self.purpose = purpose
        self.vision = vision
        self.values = values
        self.teams = teams
        self.others = others
        self.sla = sla
        self.alerts = alerts
        self.staffing = staffing
        self.rows = rows
    }

    /// Every key metric line: the values' and then the teams'.
    public var keyMetricLines: [KeyMetricLine] { values.flatMap(\.metrics) + teams.flatMap(\.metrics) }

    /// A value of the philosophy with its action statement and key metrics.
    public struct ValueSection: Codable, Hashable, Sendable {
        /// `Speed`.
        public var name: String
        /// `Treat every customer with urgency.`
        public var action: String
        /// Its key metrics, in file order (a grouped series gives one line per group).
        public var metrics: [KeyMetricLine]

        enum CodingKeys: String, CodingKey {
            case name, action, metrics
        }

        /// Creates a section.
        public init(name: String, action: String, metrics: [KeyMetricLine]) {
            self.name = name
            self.action = action
            self.metrics = metrics
        }
    }

    /// A team and its metrics.
    public struct TeamSection: Codable, Hashable, Sendable {
        /// The team's id (`support`).
        public var id: String
        /// Its display name.
        public var name: String
        /// Its metrics, in file order.
        public var metrics: [KeyMetricLine]

        enum CodingKeys: String, CodingKey {
            case id, name, metrics
        }

        /// Creates a section.
        public init(id: String, name: String, metrics: [KeyMetricLine]) {
            self.id = id
            self.name = name
            self.metrics = metrics
        }
    }

    /// One figure of the scorecard with its trend.
    public struct KeyMetricLine: Codable, Hashable, Sendable {
        /// The series id (`value:Speed:0`).
        public var series: String
        /// The metric.
        public var metric: String
        /// The statistic.
        public var stat: String
        /// `calendar` or `business`.
        public var hours: String
        /// The key metric's own period (`week`).
        public var period: String
        /// The filter as `tenet metrics` writes it (`channel=chat,email`), empty without one.
        public var filter: String
        /// The group's dimension values as `dim=value` pairs, empty for an ungrouped series.
        public var group: String
        /// The current period's first instant.
        public var from: String
        /// Its end.
        public var to: String
        /// The target (`<= 1h`), when set.
        public var target: String?
        /// The figure, `nil` without data.
        public var actual: Double?
        /// The figure as `tenet metrics` writes it (`45m 10s`, `91.2%`, `no data`).
        public var actualText: String
        /// The unit of the figure.
        public var unit: String
        /// For money, the currency.
        public var currency: String?
        /// How many measurements.
        public var sampleSize: Int
        /// For rates, the numerator.
        public var numerator: Int?
        /// For rates, the denominator.
        public var denominator: Int?
        /// `met`, `at_risk`, `missed` or `no_data`, with a target.
        public var status: String?
        /// The comparison with the previous period, when it was asked for.
        public var trend: Trend?
        /// The figures of earlier periods, oldest first, ending with the current one (for the
        /// trend line); empty when no history was asked for.
        public var history: [HistoryPoint]

        enum CodingKeys: String, CodingKey {
            case series, metric, stat, hours, period, filter, group, from, to, target, actual, unit, currency, numerator, denominator, status, trend, history
            case actualText = "actual_text"
            case sampleSize = "sample_size"
        }

        /// Creates a line.
        public init(
            series: String, metric: String, stat: String, hours: String, period: String, filter: String, group: String, from: String,
            to: String, target: String?, actual: Double?, actualText: String, unit: String, currency: String?, sampleSize: Int,
            numerator: Int?, denominator: Int?, status: String?, trend: Trend?, history: [HistoryPoint]
        ) {
            self.series = series
            self.metric = metric
            self.stat = stat
            self.hours = hours
            self.period = period
            self.filter = filter
            self.group = group
            self.from = from
            self.to = to
            self.target = target
            self.actual = actual
            self.actualText = actualText
            self.unit = unit
            self.currency = currency
            self.sampleSize = sampleSize
            self.numerator = numerator
            self.denominator = denominator
            self.status = status
            self.trend = trend
            self.history = history
        }

        /// The statistic as `tenet metrics` writes it (`p90 biz`).
        public var statText: String { stat + (hours == "business" ? " biz" : "") }

        /// The metric with its filter and group, as a table cell (`first_response_time (channel=chat)`).
        public var label: String {
            let qualifiers = [filter, group].filter { !$0.isEmpty }.joined(separator: " ")
            return metric + (qualifiers.isEmpty ? "" : " (\(qualifiers))")
        }
    }

    /// The previous period's figure and the change from it.
    public struct Trend: Codable, Hashable, Sendable {
        /// The previous period's first instant.
        public var from: String
        /// Its end (the current period's start).
        public var to: String
        /// Its figure, `nil` without data.
        public var previous: Double?
        /// That figure as text.
        public var previousText: String
        /// Its sample size.
        public var previousSampleSize: Int
        /// Actual minus previous, when both exist.
        public var change: Double?
        /// The change as text with its sign (`+2m 05s`, `-1.5 pt`), `-` without one.
        public var changeText: String
        /// `better`, `worse` or `same` against the target's direction; `nil` without a target or a change.
        public var direction: String?

        enum CodingKeys: String, CodingKey {
            case from, to, previous, change, direction
            case previousText = "previous_text"
            case previousSampleSize = "previous_sample_size"
            case changeText = "change_text"
        }

        /// Creates a trend.
        public init(
            from: String, to: String, previous: Double?, previousText: String, previousSampleSize: Int, change: Double?, changeText: String,
            direction: String?
        ) {
            self.from = from
            self.to = to
            self.previous = previous
            self.previousText = previousText
            self.previousSampleSize = previousSampleSize
            self.change = change
            self.changeText = changeText
            self.direction = direction
        }
    }

    /// One period's figure of a key metric.
    public struct HistoryPoint: Codable, Hashable, Sendable {
        /// The period's first instant.
        public var from: String
        /// Its first day in the organisation's zone (`2026-11-23`; with the hour for hourly periods).
        public var label: String
        /// The figure, `nil` without data.
        public var value: Double?
        /// Its sample size.
        public var sampleSize: Int

        enum CodingKeys: String, CodingKey {
            case from, label, value
            case sampleSize = "sample_size"
        }

        /// Creates a point.
        public init(from: String, label: String, value: Double?, sampleSize: Int) {
            self.from = from
            self.label = label
            self.value = value
            self.sampleSize = sampleSize
        }
    }

    /// SLA attainment per policy and clock, and the latest breaches.
    public struct SLASection: Codable, Hashable, Sendable {
        /// Whether the rules plugin answered.
        public var available: Bool
        /// Why not, when it did not (`the running stack has no plugin named 'rules'`).
        public var note: String?
        /// Attainment per policy and clock.
        public var attainment: [AttainmentLine]
        /// The latest breaches within the report's period, newest first.
        public var breaches: [BreachLine]

        enum CodingKeys: String, CodingKey {
            case available, note, attainment, breaches
        }

        /// Creates a section.
        public init(available: Bool, note: String?, attainment: [AttainmentLine], breaches: [BreachLine]) {
            self.available = available
            self.note = note
            self.attainment = attainment
            self.breaches = breaches
        }
    }

    /// Attainment of one policy's clock.
    public struct AttainmentLine: Codable, Hashable, Sendable {
        /// The policy.
        public var policy: String
        /// `first_response`, `next_reply` or `resolution`.
        public var clock: String
        /// Clocks that stopped.
        public var applied: Int
        /// Of them, within target.
        public var met: Int
        /// Clocks that breached.
        public var breached: Int
        /// Clocks met after their warning.
        public var nearBreaches: Int
        /// `met × 100 ÷ applied`, `nil` when none applied.
        public var percent: Double?
        /// The percentage as text (`91.2%`, `no data`).
        public var percentText: String

        enum CodingKeys: String, CodingKey {
            case policy, clock, applied, met, breached, percent
            case nearBreaches = "near_breaches"
            case percentText = "percent_text"
        }

        /// Creates a line.
        public init(
            policy: String, clock: String, applied: Int, met: Int, breached: Int, nearBreaches: Int, percent: Double?, percentText: String
        ) {
            self.policy = policy
            self.clock = clock
            self.applied = applied
            self.met = met
            self.breached = breached
            self.nearBreaches = nearBreaches
            self.percent = percent
            self.percentText = percentText
        }
    }

    /// One SLA breach.
    public struct BreachLine: Codable, Hashable, Sendable {
        /// When it happened.
        public var at: String
        /// The conversation.
        public var conversation: String
        /// The policy.
        public var policy: String
        /// The clock.
        public var clock: String
        /// The target as text (`15m 00s`).
        public var targetText: String
        /// The time counted when it breached, as text.
        public var elapsedText: String

        enum CodingKeys: String, CodingKey {
            case at, conversation, policy, clock
            case targetText = "target_text"
            case elapsedText = "elapsed_text"
        }

        /// Creates a line.
        public init(at: String, conversation: String, policy: String, clock: String, targetText: String, elapsedText: String) {
            self.at = at
            self.conversation = conversation
            self.policy = policy
            self.clock = clock
            self.targetText = targetText
            self.elapsedText = elapsedText
        }
    }

    /// The alert transitions of the period.
    public struct AlertsSection: Codable, Hashable, Sendable {
        /// Whether the rules plugin answered.
        public var available: Bool
        /// Why not, when it did not.
        public var note: String?
        /// The transitions within the report's period, newest first.
        public var transitions: [TransitionLine]

        enum CodingKeys: String, CodingKey {
            case available, note, transitions
        }

        /// Creates a section.
        public init(available: Bool, note: String?, transitions: [TransitionLine]) {
            self.available = available
            self.note = note
            self.transitions = transitions
        }
    }

    /// One alert transition.
    public struct TransitionLine: Codable, Hashable, Sendable {
        /// When it happened.
        public var at: String
        /// The rule.
        public var rule: String
        /// The severity.
        public var severity: String
        /// The state left.
        public var from: String
        /// The state entered.
        public var to: String
        /// The labels as `key=value` pairs, sorted.
        public var labels: String
        /// The figure as text.
        public var valueText: String

        enum CodingKeys: String, CodingKey {
            case at, rule, severity, from, to, labels
            case valueText = "value_text"
        }

        /// Creates a line.
        public init(at: String, rule: String, severity: String, from: String, to: String, labels: String, valueText: String) {
            self.at = at
            self.rule = rule
            self.severity = severity
            self.from = from
            self.to = to
            self.labels = labels
            self.valueText = valueText
        }
    }

    /// Agents needed per slot of the week, by Erlang C.
    public struct StaffingSection: Codable, Hashable, Sendable {
        /// Whether there is a table.
        public var available: Bool
        /// Why not, or what it assumes.
        public var note: String?
        /// The zone slots are cut in.
        public var zone: String
        /// The slot length in minutes.
        public var intervalMinutes: Int
        /// The target each slot is planned for (`80/20`).
        public var target: String
        /// One line per slot with contacts, in week order.
        public var slots: [StaffingLine]

        enum CodingKeys: String, CodingKey {
            case available, note, zone, target, slots
            case intervalMinutes = "interval_minutes"
        }

        /// Creates a section.
        public init(available: Bool, note: String?, zone: String, intervalMinutes: Int, target: String, slots: [StaffingLine]) {
            self.available = available
            self.note = note
            self.zone = zone
            self.intervalMinutes = intervalMinutes
            self.target = target
            self.slots = slots
        }
    }

    /// One slot's staffing.
    public struct StaffingLine: Codable, Hashable, Sendable {
        /// `mon 09:00`.
        public var slot: String
        /// Contacts observed in the slot over all its days.
        public var contacts: Int
        /// Over how many days.
        public var days: Int
        /// Mean contacts per day.
        public var contactsPerDay: Double
        /// Mean handle time in seconds, when known.
        public var aht: Double?
        /// The fewest agents meeting the target.
        public var agents: Int
        /// The predicted service level (0–1) with that many.
        public var serviceLevel: Double

        enum CodingKeys: String, CodingKey {
            case slot, contacts, days, aht, agents
            case contactsPerDay = "contacts_per_day"
            case serviceLevel = "service_level"
        }

        /// Creates a line.
        public init(slot: String, contacts: Int, days: Int, contactsPerDay: Double, aht: Double?, agents: Int, serviceLevel: Double) {
            self.slot = slot
            self.contacts = contacts
            self.days = days
            self.contactsPerDay = contactsPerDay
            self.aht = aht
            self.agents = agents
            self.serviceLevel = serviceLevel
        }
    }

    /// The measurements behind one key metric's figure over its current period.
    public struct RowSet: Codable, Hashable, Sendable {
        /// The key metric's series id.
        public var series: String
        /// The CSV column its values go in (`first_response_time`, or with the filter when two key
        /// metrics share a metric).
        public var column: String
        /// The metric.
        public var metric: String
        /// The unit of the values.
        public var unit: String
        /// Whether the key metric reads business time (the `business_value` of the rows).
        public var business: Bool
        /// How many measurements match (the rows may be fewer when the request was limited).
        public var total: Int
        /// The measurements, in time order.
        public var rows: [Row]

        enum CodingKeys: String, CodingKey {
            case series, column, metric, unit, business, total, rows
        }

        /// Creates a row set.
        public init(series: String, column: String, metric: String, unit: String, business: Bool, total: Int, rows: [Row]) {
            self.series = series
            self.column = column
            self.metric = metric
            self.unit = unit
            self.business = business
            self.total = total
            self.rows = rows
        }

        /// The values the key metric's figure is computed from: business values for a business-time key metric.
        public var values: [Double] { rows.map { business ? $0.businessValue : $0.value } }
    }

    /// One measurement.
    public struct Row: Codable, Hashable, Sendable {
        /// The conversation.
        public var conversation: String
        /// Its instant.
        public var at: String
        /// Calendar seconds, 1 or 0 for an outcome, the score or the amount.
        public var value: Double
        /// Business seconds for durations.
        public var businessValue: Double
        /// The dimensions in force.
        public var dimensions: [String: String]

        enum CodingKeys: String, CodingKey {
            case conversation, at, value, dimensions
            case businessValue = "business_value"
        }

        /// Creates a row.
        public init(conversation: String, at: String, value: Double, businessValue: Double, dimensions: [String: String]) {
            self.conversation = conversation
            self.at = at
            self.value = value
            self.businessValue = businessValue
            self.dimensions = dimensions
        }
    }
}
