/// The request methods of the metrics plugin (docs/METRICS.md, "Asking the metrics plugin").
public enum MetricsMethod: String, CaseIterable, Sendable {
    /// One metric's statistic over a span, filtered and grouped: ``MetricQueryRequest`` →
    /// ``MetricQueryReply``.
    case query
    /// Every standing series now: `{}` → ``ScorecardReply``.
    case scorecard
    /// One conversation's measurements: ``ConversationRequest`` → ``ConversationReply``.
    case conversation
    /// The measurements behind a figure (drill-down): ``MetricQueryRequest`` (with `limit`) →
    /// ``ConversationsReply``.
    case conversations
    /// Contacts and handle time per slot of the week, for staffing: ``StaffingRequest`` →
    /// ``StaffingObservationsReply``.
    case staffing
    /// Counters: `{}` → ``MetricsStats``.
    case stats
}
