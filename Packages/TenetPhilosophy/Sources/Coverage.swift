import TenetYAML

/// Which schedule a conversation's business time uses: the first rule whose filter matches its
/// dimensions wins; a rule without a filter matches everything.
public struct CoverageRule: Hashable, Sendable {
    /// The conversations it applies to.
    public var filter: MetricFilter
    /// The schedule's name (`always` is the built-in 24/7 schedule).
    public var schedule: String
    /// Where it is written.
    public var position: YAMLPosition

    /// Creates a rule.
    public init(filter: MetricFilter, schedule: String, position: YAMLPosition = .file) {
        self.filter = filter
        self.schedule = schedule
        self.position = position
    }
}
