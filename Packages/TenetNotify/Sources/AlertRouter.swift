import TenetModels
import TenetPhilosophy

/// Routing with memory: hands each planned delivery out once. Pure (time is an argument, the
/// state a value): the rules plugin calls ``receive(_:firingSince:now:)`` on each alert
/// transition and ``due(now:)`` on a timer set to ``nextDue(after:)``, sends what they return
/// (through ``NotificationDelivery``), and saves ``state`` with its own.
///
/// On `resolved`, the notifiers that were told of the alert on routes with `send_resolved`
/// hear of the resolution, and the alert is forgotten (its pending steps and repeats with it).
public struct AlertRouter: Hashable, Sendable {
    /// The planner (replace it when the philosophy is reloaded; the state stays).
    public var planner: RoutePlanner
    /// What has been handed out; save it, and pass it back after a restart.
    public private(set) var state: RoutingState

    /// Creates a router for `routes`, from a saved `state` or an empty one.
    public init(routes: [Route], state: RoutingState = RoutingState()) {
        planner = RoutePlanner(routes: routes)
        self.state = state
    }

    /// Takes a notification from the rules engine and returns what is due now.
    ///
    /// `firing` (or `repeat`) starts tracking its alert (a later `firing` of the same alert with
    /// the same `firingSince` changes nothing; another `firingSince` starts a new episode);
    /// `resolved` tells the notifiers that heard of it and stops tracking; SLA events are
    /// planned once and not tracked.
    public mutating func receive(_ notification: Notification, firingSince: Timestamp, now: Timestamp) -> [PlannedDelivery] {
        let key = notification.fingerprint
        switch notification.kind {
        case .firing, .repeat:
            if state.alerts[key]?.firingSince != firingSince {
                state.alerts[key] = RoutingState.Tracked(notification: notification, firingSince: firingSince)
            }
            return take(key, now: now)
        case .resolved:
            guard let tracked = state.alerts.removeValue(forKey: key) else { return [] }
            let resolvedRoutes = Set(planner.routes(for: notification).filter(\.sendResolved).map(\.name))
            var seen: Set<String> = []
            return tracked.sent
                .filter { resolvedRoutes.contains($0.route) }
                .sorted { ($0.route, $0.notifier) < ($1.route, $1.notifier) }
                .compactMap { sent in
                    guard seen.insert(sent.notifier).inserted else { return nil }
                    return PlannedDelivery(notifier: sent.notifier, route: sent.route, at: now, notification: notification, reason: .resolved)
                }
        case .slaWarning, .slaBreach:
            return planner.plan(notification, firingSince: firingSince, now: now).now
        }
    }

    /// The escalation steps and repeats that fell due by `now` and were not handed out yet.
    public mutating func due(now: Timestamp) -> [PlannedDelivery] {
        state.alerts.keys.sorted().flatMap { take($0, now: now) }
    }

    /// What is scheduled after `now` for the alerts still firing, earliest first.
    public func scheduled(after now: Timestamp) -> [PlannedDelivery] {
        state.alerts.values
            .flatMap { planner.plan($0.notification, firingSince: $0.firingSince, now: now).later }
            .sorted { ($0.at, $0.notification.id, $0.notifier) < ($1.at, $1.notification.id, $1.notifier) }
    }

    /// When ``due(now:)`` next has something to hand out, if ever.
    public func nextDue(after now: Timestamp) -> Timestamp? {
        scheduled(after: now).first?.at
    }

    private mutating func take(_ key: String, now: Timestamp) -> [PlannedDelivery] {
        guard var tracked = state.alerts[key] else { return [] }
        let plan = planner.plan(tracked.notification, firingSince: tracked.firingSince, now: now)
        var handed: [PlannedDelivery] = []
        for delivery in plan.now {
            let sent = RoutingState.Sent(route: delivery.route, notifier: delivery.notifier, notificationID: delivery.notification.id)
            if tracked.sent.insert(sent).inserted { handed.append(delivery) }
        }
        state.alerts[key] = tracked
        return handed
    }
}
