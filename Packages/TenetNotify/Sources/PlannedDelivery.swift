import TenetModels

/// One notification for one notifier, due at an instant: what the route planner decides.
public struct PlannedDelivery: Hashable, Sendable {
    /// Why it is sent.
    public enum Reason: Hashable, Sendable {
        /// Escalation step `index` (from 0) of the route.
        case step(Int)
        /// Repeat number `count` (from 1) of the route's last step.
        case `repeat`(Int)
        /// The alert resolved (`send_resolved`).
        case resolved
        /// A one-off event (an SLA warning or breach) for the route's immediate steps.
        case event
    }

    /// The notifier to send it with.
    public var notifier: String
    /// The route that decided it.
    public var route: String
    /// When it is due.
    public var at: Timestamp
    /// What to send: the notification, with the id and kind of this step or repeat.
    public var notification: Notification
    /// Why.
    public var reason: Reason

    /// Creates a planned delivery.
    public init(notifier: String, route: String, at: Timestamp, notification: Notification, reason: Reason) {
        self.notifier = notifier
        self.route = route
        self.at = at
        self.notification = notification
        self.reason = reason
    }
}

/// What routing decides for a notification at an instant: whom to tell now, and what is
/// scheduled for later if the alert still fires then.
public struct RoutePlan: Hashable, Sendable {
    /// Due now (at or before the instant planned for).
    public var now: [PlannedDelivery]
    /// Due later, earliest first: the escalation steps not yet reached, and the next repeat.
    public var later: [PlannedDelivery]

    /// Creates a plan.
    public init(now: [PlannedDelivery] = [], later: [PlannedDelivery] = []) {
        self.now = now
        self.later = later
    }
}
