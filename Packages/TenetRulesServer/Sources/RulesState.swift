import TenetNotify
import TenetRules
import TenetRulesProtocol

/// What the rules plugin keeps across a restart apart from its SLA clocks: the alert instances
/// and their unpublished transitions, the targets' last statuses, the routing of firing alerts,
/// the silences, the notifications not yet delivered, and the latest transitions for
/// `tenet alerts`. Written to `DATA/rules/state.json` (mode 0600, atomically) whenever it
/// changes, before anything it decided is published or sent.
public struct RulesState: Codable, Sendable {
    /// The format.
    public var version = 1
    /// The alert engine.
    public var alerts: AlertEngine.Snapshot
    /// The target tracker.
    public var targets: TargetTracker.Snapshot
    /// The router's memory of firing alerts.
    public var routing: RoutingState
    /// The silences.
    public var silences: SilenceBook
    /// Notifications not yet delivered.
    public var outbox: [OutboxEntry]
    /// The latest transitions, oldest first.
    public var history: [TransitionBody]

    /// Creates a state.
    public init(
        alerts: AlertEngine.Snapshot, targets: TargetTracker.Snapshot, routing: RoutingState, silences: SilenceBook,
        outbox: [OutboxEntry], history: [TransitionBody]
    ) {
        self.alerts = alerts
        self.targets = targets
        self.routing = routing
        self.silences = silences
        self.outbox = outbox
        self.history = history
    }
}
