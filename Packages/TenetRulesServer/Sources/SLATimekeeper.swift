import TenetClock
import TenetModels

/// Decides what "now" is for the SLA clocks (docs/ALERTS.md, "SLA time").
///
/// Events drive the clocks: applying one fires every warning and breach due before its
/// instant. The wall clock drives them too, so that a breach comes at its instant when no event
/// arrives, but only while the events are *live*: the plugin has applied everything the store
/// holds, and either the latest event is recent (within ``liveLag`` of the wall clock) or no
/// event has arrived for ``quietAfter``. While a producer is still catching up with history (a
/// simulator at 120×, an import of last month), the clocks follow the events' own time, so a
/// conversation answered in the history is never breached because its answer had not arrived
/// yet.
public struct SLATimekeeper: Sendable {
    /// How far behind the wall clock the latest event may be for the stream to count as live.
    public var liveLag: Duration
    /// How long without a new event before the wall clock drives the clocks anyway.
    public var quietAfter: Duration
    /// The latest event instant applied.
    public private(set) var frontier: Timestamp?
    /// When (monotonic) the latest event was applied.
    public private(set) var lastArrival: MonotonicInstant?

    /// A timekeeper with the given tolerances.
    public init(liveLag: Duration = .seconds(60), quietAfter: Duration = .seconds(10)) {
        self.liveLag = liveLag
        self.quietAfter = quietAfter
    }

    /// Notes an applied event of instant `at`, applied at monotonic `now`.
    public mutating func noteEvent(at: Timestamp, now: MonotonicInstant) {
        if frontier.map({ at > $0 }) ?? true { frontier = at }
        lastArrival = now
    }

    /// Whether the wall clock drives the clocks now: the plugin is caught up with the store
    /// (`caughtUp`) and the events are recent or quiet.
    public func isLive(wall: Timestamp, now: MonotonicInstant, caughtUp: Bool) -> Bool {
        guard caughtUp else { return false }
        guard let frontier, let lastArrival else { return true }
        if frontier.adding(liveLag) >= wall { return true }
        return now - lastArrival >= quietAfter
    }
}
