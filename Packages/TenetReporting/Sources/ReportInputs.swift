import TenetMetricsProtocol
import TenetRulesProtocol

/// The plugins' replies a report is built from: the metrics plugin's scorecard, the previous
/// periods' figures, the rows and the staffing observations; the rules plugin's SLA and alerts
/// replies, or why they are missing.
public struct ReportInputs: Sendable {
    /// The metrics plugin's `scorecard` reply.
    public var scorecard: ScorecardReply
    /// Per series id, the `query` replies for earlier periods, oldest first; the last one is the
    /// previous period (the trend's reference).
    public var history: [String: [MetricQueryReply]]
    /// Per series id, the `conversations` reply for the current period (the rows behind the figure).
    public var conversations: [String: ConversationsReply]
    /// The `sla` reply, or `nil` when the rules plugin did not answer.
    public var sla: SLAReply?
    /// The `alerts` reply, or `nil`.
    public var alerts: AlertsReply?
    /// Why the rules plugin's replies are missing (`the running stack has no plugin named 'rules'`).
    public var rulesNote: String?
    /// The `staffing` reply, or `nil`.
    public var staffing: StaffingObservationsReply?

    /// Creates the inputs.
    public init(
        scorecard: ScorecardReply, history: [String: [MetricQueryReply]] = [:], conversations: [String: ConversationsReply] = [:],
        sla: SLAReply? = nil, alerts: AlertsReply? = nil, rulesNote: String? = nil, staffing: StaffingObservationsReply? = nil
    ) {
        self.scorecard = scorecard
        self.history = history
        self.conversations = conversations
        self.sla = sla
        self.alerts = alerts
        self.rulesNote = rulesNote
        self.staffing = staffing
    }
}
