/// Why a notification is sent: an alert started firing, still fires, resolved, or an SLA clock
/// neared or passed its target.
public enum NotificationKind: String, Hashable, Sendable, CaseIterable, Codable {
    /// An alert started firing (and the escalation steps after it).
    case firing
    /// The alert resolved.
    case resolved
    /// The alert still fires (a route's `repeat_every`).
    case `repeat`
    /// An SLA clock is about to breach (its warning lead reached).
    case slaWarning = "sla_warning"
    /// An SLA clock breached.
    case slaBreach = "sla_breach"

    /// Whether the notification stands for a state that lasts until resolved (an alert), rather
    /// than a one-off event (an SLA warning or breach).
    public var isAlertState: Bool {
        switch self {
        case .firing, .resolved, .repeat: true
        case .slaWarning, .slaBreach: false
        }
    }
}
