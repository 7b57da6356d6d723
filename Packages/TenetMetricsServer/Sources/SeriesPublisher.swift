import TenetClock
import TenetMetrics
import TenetMetricsProtocol
import TenetModels
import TenetPhilosophy

/// When the metrics plugin publishes its standing series, and which figures: pure logic, with
/// both clocks passed in.
///
/// The rule: a series is computed again only when it may have changed — its metric's measurements
/// changed (``MetricsService/revision(ofSeries:)``), or its calendar period (hour, day, week,
/// month) ended — and every series at least every ``refreshInterval``, so that rolling windows and
/// the backlog move with time. A change is published on the first turn at or after
/// ``nextPublish``: publications are at least ``minimumInterval`` apart, and after one that took
/// the time `t` the next waits at least 4·`t`, so that publishing never takes more than a fifth of
/// the plugin's time, however large the history (a burst of events is coalesced into fewer
/// publications, never queued). Of the figures computed, only those that differ from the last
/// published (apart from `last_seq`) are returned.
public struct SeriesPublisher: Sendable {
    /// The least time between the start of one publication and the next.
    public var minimumInterval: Duration
    /// How often every series is computed again, changed or not.
    public var refreshInterval: Duration
    /// The earliest instant of the next publication.
    public private(set) var nextPublish: MonotonicInstant
    /// The instant of the next full refresh.
    public private(set) var nextRefresh: MonotonicInstant
    /// The standing series (numbers in ``MetricsService/series``) computed by the last publication.
    public private(set) var lastComputed: [Int] = []

    /// What a series was last computed from.
    private struct Computed: Sendable {
        var revision: UInt64
        /// The calendar period it was computed for (`nil` for a rolling window or the backlog, which
        /// move with every instant and are refreshed instead).
        var period: (start: Int64, end: Int64)?
    }

    private var computed: [Computed?] = []
    private var published: [String: SeriesFigure] = [:]

    /// A publisher whose first publication may happen at `start`.
    public init(start: MonotonicInstant, minimumInterval: Duration = .milliseconds(25), refreshInterval: Duration = .seconds(10)) {
        self.minimumInterval = minimumInterval
        self.refreshInterval = refreshInterval
        nextPublish = start
        nextRefresh = start
    }

    /// The standing series of `service` that must be computed again at `now` (every one when
    /// `refresh`).
    public func stale(_ service: MetricsService, now: Timestamp, refresh: Bool) -> [Int] {
        if refresh { return Array(service.series.indices) }
        let instant = now.nanosecondsSinceEpoch
        return service.series.indices.filter { index in
            guard index < computed.count, let known = computed[index] else { return true }
            if known.revision != service.revision(ofSeries: index) { return true }
            if let period = known.period, instant < period.start || instant >= period.end { return true }
            return false
        }
    }

    /// How long the plugin may wait before its next turn so that a pending change is published in
    /// time: until ``nextPublish`` when a series is stale (zero when that is past), `nil` when none is.
    public func delay(_ service: MetricsService, now: Timestamp, at instant: MonotonicInstant) -> Duration? {
        guard instant >= nextRefresh || !stale(service, now: now, refresh: false).isEmpty else { return nil }
        return max(.zero, nextPublish - instant)
    }

    /// The figures to publish on this turn: none before ``nextPublish``; otherwise the stale
    /// series are computed and the figures that changed since they were last published are
    /// returned (and remembered as published). `now` is the wall-clock time the periods are cut
    /// at; `clock` times the publication itself.
    public mutating func publication(of service: MetricsService, now: Timestamp, clock: any MonotonicClock) -> [SeriesFigure] {
        let started = clock.now()
        lastComputed = []
        guard started >= nextPublish else { return [] }
        let refresh = started >= nextRefresh
        if refresh { nextRefresh = started + refreshInterval }
        let stale = stale(service, now: now, refresh: refresh)
        guard !stale.isEmpty else { return [] }
        lastComputed = stale
        if computed.count < service.series.count { computed.append(contentsOf: repeatElement(nil, count: service.series.count - computed.count)) }
        let instant = now.nanosecondsSinceEpoch
        for index in stale {
            let key = service.series[index].keyMetric
            var period: (Int64, Int64)?
            if key.metric != "backlog", !key.period.isRolling {
                let bounds = service.periods.bounds(of: key.period, containing: now)
                period = (bounds.start.nanosecondsSinceEpoch, max(bounds.end.nanosecondsSinceEpoch, instant + 1))
            }
            computed[index] = Computed(revision: service.revision(ofSeries: index), period: period)
        }
        var changed: [SeriesFigure] = []
        for figure in service.figures(ofSeries: stale, now: now) {
            let key = figure.series + "|" + figure.figure.dimensions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value ?? "")" }.joined(separator: ",")
            var comparable = figure
            comparable.lastSeq = 0
            if var previous = published[key] {
                previous.lastSeq = 0
                if previous == comparable { continue }
            }
            published[key] = figure
            changed.append(figure)
        }
        let finished = clock.now()
        nextPublish = finished + max(minimumInterval, (finished - started) * 4)
        return changed
    }
}

extension Period {
    /// Whether it is a rolling window (which moves with every instant).
    var isRolling: Bool {
        if case .rolling = self { return true }
        return false
    }
}
