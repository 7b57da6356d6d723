/// One standing series' figure: the body of a `metric.<name>` event and a row of the scorecard.
public struct SeriesFigure: Codable, Hashable, Sendable {
    /// The series' id (`value:Speed:0`, `team:support:1`, `backlog:by_team`).
    public var series: String
    /// The metric.
    public var metric: String
    /// The statistic.
    public var stat: String
    /// `calendar` or `business`.
    public var hours: String
    /// The period (`week`, `rolling_28d`…).
    public var period: String
    /// The current period's start (RFC 3339).
    public var from: String
    /// Its end.
    public var to: String
    /// The series' filter (`{"channel": ["chat", "email"]}`).
    public var filter: [String: [String]]
    /// The figure (its `dimensions` are the group's values).
    public var figure: FigureBody
    /// The unit of the value.
    public var unit: String
    /// The target (`<= 1h`), when the philosophy sets one.
    public var target: String?
    /// `met`, `at_risk`, `missed` or `no_data`, with a target.
    public var status: String?
    /// The value of the philosophy it belongs to, if any (`value_name` on the wire, apart from
    /// the figure's numeric `value`).
    public var value: String?
    /// The team that owns it, if any.
    public var team: String?
    /// The store sequence number of the last event included.
    public var lastSeq: Int64

    enum CodingKeys: String, CodingKey {
        case series, metric, stat, hours, period, from, to, filter, figure, unit, target, status, team
        case value = "value_name"
        case lastSeq = "last_seq"
    }

    /// Creates a figure.
    public init(
        series: String, metric: String, stat: String, hours: String, period: String, from: String, to: String,
        filter: [String: [String]], figure: FigureBody, unit: String, target: String?, status: String?, value: String?, team: String?,
        lastSeq: Int64
    ) {
        self.series = series
        self.metric = metric
        self.stat = stat
        self.hours = hours
        self.period = period
        self.from = from
        self.to = to
        self.filter = filter
        self.figure = figure
        self.unit = unit
        self.target = target
        self.status = status
        self.value = value
        self.team = team
        self.lastSeq = lastSeq
    }
}

/// The reply to `scorecard`.
public struct ScorecardReply: Codable, Hashable, Sendable {
    /// When it was computed (RFC 3339).
    public var at: String
    /// Every standing series' figures, one per group.
    public var series: [SeriesFigure]
    /// The last event included.
    public var lastSeq: Int64

    enum CodingKeys: String, CodingKey {
        case at, series
        case lastSeq = "last_seq"
    }

    /// Creates a reply.
    public init(at: String, series: [SeriesFigure], lastSeq: Int64) {
        self.at = at
        self.series = series
        self.lastSeq = lastSeq
    }
}

/// The body of `conversation`.
public struct ConversationRequest: Codable, Hashable, Sendable {
    /// The conversation id.
    public var conversation: String

    /// Creates a request.
    public init(conversation: String) {
        self.conversation = conversation
    }
}

/// The reply to `stats`.
public struct MetricsStats: Codable, Hashable, Sendable {
    /// Events applied.
    public var events: Int
    /// Conversations held.
    public var conversations: Int
    /// The last store sequence number applied.
    public var lastSeq: Int64
    /// Anomalies by kind (docs/METRICS.md, "Data that does not fit").
    public var anomalies: [String: Int]
    /// Events whose conversation was re-measured because they arrived late (not in `at` order).
    public var lateEvents: Int
    /// The plugin's checkpoint: what it started from and what it last wrote.
    public var checkpoint: CheckpointStats?

    enum CodingKeys: String, CodingKey {
        case events, conversations, anomalies, checkpoint
        case lastSeq = "last_seq"
        case lateEvents = "late_events"
    }

    /// Creates stats.
    public init(events: Int, conversations: Int, lastSeq: Int64, anomalies: [String: Int], lateEvents: Int) {
        self.events = events
        self.conversations = conversations
        self.lastSeq = lastSeq
        self.anomalies = anomalies
        self.lateEvents = lateEvents
    }
}

/// The metrics plugin's checkpoint, as `stats` reports it (docs/METRICS.md, "Checkpoint").
public struct CheckpointStats: Codable, Hashable, Sendable {
    /// The store sequence number of the checkpoint the plugin started from (`nil`: it measured
    /// from the first stored event).
    public var restoredSeq: Int64?
    /// How long reading that checkpoint took, in seconds.
    public var restoreSeconds: Double?
    /// Why no checkpoint was used at the start, when one was there.
    public var refused: String?
    /// The store sequence number of the last checkpoint written.
    public var writtenSeq: Int64?
    /// Its size in bytes.
    public var writtenBytes: Int64?
    /// How long writing it took, in seconds.
    public var writeSeconds: Double?
    /// The last failure to write one.
    public var writeError: String?

    enum CodingKeys: String, CodingKey {
        case refused
        case restoredSeq = "restored_seq"
        case restoreSeconds = "restore_seconds"
        case writtenSeq = "written_seq"
        case writtenBytes = "written_bytes"
        case writeSeconds = "write_seconds"
        case writeError = "write_error"
    }

    /// Nothing restored or written yet.
    public init() {}
}

/// One measurement on the wire (the reply to `conversation`; docs/METRICS.md defines each).
public struct MeasurementBody: Codable, Hashable, Sendable {
    /// The metric.
    public var metric: String
    /// The instant it belongs to (RFC 3339).
    public var at: String
    /// Durations: calendar seconds.
    public var seconds: Double?
    /// Durations: business seconds.
    public var businessSeconds: Double?
    /// Rates: whether it counts in the numerator.
    public var outcome: Bool?
    /// Scores (NPS: +100, 0 or −100).
    public var score: Double?
    /// Money: the amount and its currency.
    public var amount: Double?
    /// Money: the currency.
    public var currency: String?
    /// Open spans (backlog): when the span ended (RFC 3339), `null` while open.
    public var openUntil: String?
    /// The dimensions in force.
    public var dimensions: [String: String]

    enum CodingKeys: String, CodingKey {
        case metric, at, seconds, outcome, score, amount, currency, dimensions
        case businessSeconds = "business_seconds"
        case openUntil = "open_until"
    }

    /// Creates a measurement.
    public init(
        metric: String, at: String, seconds: Double? = nil, businessSeconds: Double? = nil, outcome: Bool? = nil, score: Double? = nil,
        amount: Double? = nil, currency: String? = nil, openUntil: String? = nil, dimensions: [String: String]
    ) {
        self.metric = metric
        self.at = at
        self.seconds = seconds
        self.businessSeconds = businessSeconds
        self.outcome = outcome
        self.score = score
        self.amount = amount
        self.currency = currency
        self.openUntil = openUntil
        self.dimensions = dimensions
    }
}

/// The reply to `conversation`.
public struct ConversationReply: Codable, Hashable, Sendable {
    /// The conversation.
    public var conversation: String
    /// Its measurements, by instant.
    public var measurements: [MeasurementBody]
    /// What did not fit.
    public var anomalies: [String: Int]

    /// Creates a reply.
    public init(conversation: String, measurements: [MeasurementBody], anomalies: [String: Int]) {
        self.conversation = conversation
        self.measurements = measurements
        self.anomalies = anomalies
    }
}

/// The reply to `conversations`: the measurements behind a figure, one row each.
public struct ConversationsReply: Codable, Hashable, Sendable {
    /// The metric.
    public var metric: String
    /// The span's start, when bounded.
    public var from: String?
    /// The span's end, when bounded.
    public var to: String?
    /// How many measurements match (the rows may be fewer: see `limit`).
    public var total: Int
    /// The rows, in time order.
    public var rows: [RowBody]
    /// The sequence number of the last stored event the rows include: a client that also asked
    /// `query` can tell whether both answers saw the same events.
    public var lastSeq: Int64
    /// For a rate's rows (see ``RowBody/part``), how many of `total` count on each side:
    /// `{"numerator": n, "denominator": d}`, so n ÷ d is the figure even when `limit` cut the rows.
    public var parts: [String: Int]?

    enum CodingKeys: String, CodingKey {
        case metric, from, to, total, rows, parts
        case lastSeq = "last_seq"
    }

    /// Creates a reply.
    public init(metric: String, from: String?, to: String?, total: Int, rows: [RowBody], lastSeq: Int64 = 0, parts: [String: Int]? = nil) {
        self.metric = metric
        self.from = from
        self.to = to
        self.total = total
        self.rows = rows
        self.lastSeq = lastSeq
        self.parts = parts
    }
}

/// One measurement of a drill-down.
public struct RowBody: Codable, Hashable, Sendable {
    /// The conversation.
    public var conversation: String
    /// The instant it belongs to (RFC 3339).
    public var at: String
    /// Seconds (durations, calendar time), 1 or 0 (outcomes), the score or the amount.
    public var value: Double
    /// Business seconds for durations.
    public var businessValue: Double
    /// For money, the currency.
    public var currency: String?
    /// The dimensions in force.
    public var dimensions: [String: String]
    /// For a rate's rows (an event-defined rate such as `sla_attainment`, retention, churn):
    /// `numerator` or `denominator`, the side of the division the row counts on (its value is
    /// 1); absent for every other metric.
    public var part: String?

    enum CodingKeys: String, CodingKey {
        case conversation, at, value, currency, dimensions, part
        case businessValue = "business_value"
    }

    /// Creates a row.
    public init(
        conversation: String, at: String, value: Double, businessValue: Double, currency: String?, dimensions: [String: String],
        part: String? = nil
    ) {
        self.conversation = conversation
        self.at = at
        self.value = value
        self.businessValue = businessValue
        self.currency = currency
        self.dimensions = dimensions
        self.part = part
    }
}
