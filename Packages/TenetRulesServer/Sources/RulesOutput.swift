import TenetNotify
import TenetRulesProtocol

/// What one step of ``RulesService`` asks its plugin to do: bus events to publish and
/// notifications to hand to the notifiers.
///
/// The plugin saves the service's state *before* it publishes or hands anything over, so that a
/// crash afterwards repeats at most a publication (with the same id), never loses one, and never
/// plans a notification twice.
public struct RulesOutput: Sendable {
    /// One bus event.
    public struct Publication: Sendable {
        /// The body, by kind.
        public enum Body: Sendable {
            /// An alert transition (`alert.<rule>.<state>`).
            case transition(TransitionBody)
            /// A target's change of status (`target.<value>.<metric>`).
            case target(TargetBody)
            /// What an SLA clock did (`sla.<kind>`).
            case sla(SLAEmissionBody)
        }

        /// The topic.
        public var topic: String
        /// The body.
        public var body: Body

        /// The message type (`alert`, `target`, `sla`).
        public var type: String {
            switch body {
            case .transition: "alert"
            case .target: "target"
            case .sla: "sla"
            }
        }
    }

    /// Bus events, in order.
    public var publications: [Publication] = []
    /// Notifications for the notifiers, in order (already in the outbox).
    public var deliveries: [PlannedDelivery] = []
    /// Alert transitions to acknowledge once published.
    public var transitionIDs: [String] = []
    /// SLA outcomes to store through ingest (`x.sla.outcome` events, NDJSON lines): what the
    /// metrics plugin measures `sla_attainment` from.
    public var outcomeLines: [String] = []
    /// Whether the state that must survive a crash (alerts, routing, outbox) changed.
    public var stateChanged = false

    /// Nothing to do.
    public init() {}

    /// Whether there is nothing to do.
    public var isEmpty: Bool { publications.isEmpty && deliveries.isEmpty && outcomeLines.isEmpty && !stateChanged }

    /// Appends `other`.
    public mutating func append(_ other: RulesOutput) {
        publications += other.publications
        deliveries += other.deliveries
        transitionIDs += other.transitionIDs
        outcomeLines += other.outcomeLines
        stateChanged = stateChanged || other.stateChanged
    }
}
