import TenetMetricsProtocol

/// One group of an alert rule's metric series at an instant: its dimension values (the rule's
/// `by`) and its figure.
public struct AlertSample: Hashable, Sendable {
    /// The group's dimension values (`["team": "support"]`); empty without `by`.
    public var labels: [String: String]
    /// The figure, in the unit of the rule's condition; `nil` without data (the condition then
    /// does not hold).
    public var value: Double?

    /// Creates a sample.
    public init(labels: [String: String] = [:], value: Double?) {
        self.labels = labels
        self.value = value
    }

    /// The samples of a `query` reply: one per group, a dimension the group has no value for
    /// left out of its labels.
    public static func samples(from reply: MetricQueryReply) -> [AlertSample] {
        reply.groups.map { group in
            AlertSample(labels: group.dimensions.compactMapValues { $0 }, value: group.value)
        }
    }
}
