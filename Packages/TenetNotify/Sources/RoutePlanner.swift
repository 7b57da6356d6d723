import TenetModels
import TenetPhilosophy

/// The philosophy's `routes` as a pure function: given a notification, the instant its alert
/// started firing and the instant now, which notifiers hear of it now and what is scheduled
/// later. No state and no clock: ``AlertRouter`` keeps what was already sent.
///
/// - A notification goes to the first route whose severities hold its severity and whose label
///   conditions it meets (each named label one of the listed values), and on to later routes
///   while the matched route says `continue`.
/// - `firing` and `repeat`: step `k` is due at `firingSince + after`; its notification keeps the
///   id for step 0 and gets `<id>#step<k>` for later steps. With `repeat_every`, repeat `n` (from
///   1) of the last step is due `n × repeat_every` after the last step, with id `<id>#repeat<n>`
///   and kind `repeat`; only the latest repeat due is sent now (no burst after a pause).
/// - `resolved`: the notifiers of the steps already due, on routes with `send_resolved`, under
///   the resolved notification's own id.
/// - `sla_warning`, `sla_breach`: one-off events; the steps due at once (`after: 0s`) only.
///
/// A notifier named by several routes or steps for the same notification id is planned once.
public struct RoutePlanner: Hashable, Sendable {
    /// The routes, in the philosophy's order.
    public var routes: [Route]

    /// Creates a planner for `routes`.
    public init(routes: [Route]) {
        self.routes = routes
    }

    /// The routes `notification` takes, in order.
    public func routes(for notification: Notification) -> [Route] {
        var taken: [Route] = []
        for route in routes where Self.matches(route, notification) {
            taken.append(route)
            if !route.continues { break }
        }
        return taken
    }

    /// Plans `notification` at `now` for an alert firing since `firingSince`.
    public func plan(_ notification: Notification, firingSince: Timestamp, now: Timestamp) -> RoutePlan {
        var plan = RoutePlan()
        for route in routes(for: notification) {
            switch notification.kind {
            case .firing, .repeat:
                let base = notification.derived(id: notification.id, kind: .firing)
                for (index, step) in route.steps.enumerated() {
                    let due = firingSince.adding(step.after)
                    let stepNotification = index == 0 ? base : base.derived(id: "\(base.id)#step\(index)", kind: .firing)
                    for notifier in step.notify {
                        let delivery = PlannedDelivery(
                            notifier: notifier, route: route.name, at: due, notification: stepNotification, reason: .step(index))
                        if due <= now { plan.now.append(delivery) } else { plan.later.append(delivery) }
                    }
                }
                if let every = route.repeatEvery, every > .zero, let last = route.steps.last {
                    let lastDue = firingSince.adding(last.after)
                    let everyNanos = Self.nanoseconds(every)
                    let elapsed = now.nanosecondsSinceEpoch - lastDue.nanosecondsSinceEpoch
                    let latest = elapsed >= 0 ? elapsed / everyNanos : 0
                    for count in [latest, latest + 1] where count >= 1 {
                        let due = Timestamp(nanosecondsSinceEpoch: lastDue.nanosecondsSinceEpoch + count * everyNanos)
                        let repeated = base.derived(id: "\(base.id)#repeat\(count)", kind: .repeat)
                        for notifier in last.notify {
                            let delivery = PlannedDelivery(
                                notifier: notifier, route: route.name, at: due, notification: repeated,
                                reason: .repeat(Int(count)))
                            if due <= now { plan.now.append(delivery) } else { plan.later.append(delivery) }
                        }
                    }
                }
            case .resolved:
                guard route.sendResolved else { continue }
                for step in route.steps where firingSince.adding(step.after) <= now {
                    for notifier in step.notify {
                        plan.now.append(
                            PlannedDelivery(notifier: notifier, route: route.name, at: now, notification: notification, reason: .resolved))
                    }
                }
            case .slaWarning, .slaBreach:
                for step in route.steps where step.after <= .zero {
                    for notifier in step.notify {
                        plan.now.append(
                            PlannedDelivery(notifier: notifier, route: route.name, at: now, notification: notification, reason: .event))
                    }
                }
            }
        }
        plan.now = Self.unique(plan.now)
        plan.later = Self.unique(plan.later.sorted { $0.at < $1.at })
        return plan
    }

    static func matches(_ route: Route, _ notification: Notification) -> Bool {
        guard route.severities.contains(notification.severity) else { return false }
        return route.labels.allSatisfy { condition in
            guard let value = notification.labels[condition.key] else { return false }
            return condition.value.contains(value)
        }
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    private static func unique(_ deliveries: [PlannedDelivery]) -> [PlannedDelivery] {
        var seen: Set<String> = []
        return deliveries.filter { seen.insert($0.notifier + "\u{0}" + $0.notification.id).inserted }
    }
}
