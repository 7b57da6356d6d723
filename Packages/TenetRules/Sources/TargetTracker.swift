import TenetMetricsProtocol
import TenetModels
import TenetPhilosophy

/// The status of every key metric with a target (values' and teams'), kept from the figures of
/// their series, reporting only **changes** so that the rules plugin publishes
/// `target.<value>.<metric>` once per change.
///
/// Pure: figures and instants come in, changes go out. The status is
/// ``TenetPhilosophy/KeyMetric/status(of:defaultMargin:)``, the very rule the metrics plugin
/// uses for its series' `status`.
public struct TargetTracker: Sendable {
    /// The key metrics with a target, by series id.
    public private(set) var entries: [String: KeyMetricEntry] = [:]
    /// The philosophy's default at-risk margin (a fraction of the target).
    public private(set) var defaultMargin: Double
    /// The latest reading of each series seen, by series id.
    public private(set) var readings: [String: TargetReading] = [:]

    /// A tracker for the key metrics of `philosophy`, with no figure seen yet.
    public init(philosophy: Philosophy) {
        defaultMargin = philosophy.settings.atRiskMargin
        entries = Self.targeted(philosophy)
    }

    /// A tracker that goes on from `snapshot` (written by ``snapshot``): the statuses it knew are
    /// not reported again. Readings of series the philosophy no longer has are dropped; readings
    /// of series whose target changed are judged again at their next figure.
    public init(philosophy: Philosophy, restoring snapshot: Snapshot) {
        self.init(philosophy: philosophy)
        for reading in snapshot.readings where entries[reading.series] != nil { readings[reading.series] = reading }
    }

    static func targeted(_ philosophy: Philosophy) -> [String: KeyMetricEntry] {
        Dictionary(philosophy.keyMetricEntries.filter { $0.keyMetric.target != nil }.map { ($0.id, $0) }) { first, _ in first }
    }

    /// Takes the latest figure of series `series` (`value:Speed:0`): its value (`nil`: no data)
    /// and sample size. Returns the change when the status differs from the last one seen (or
    /// none was), else `nil`; `nil` too for a series that is not a key metric with a target.
    public mutating func observe(series: String, value: Double?, sampleSize: Int, at: Timestamp) -> TargetStatusChange? {
        guard let entry = entries[series], let target = entry.keyMetric.target,
            let status = entry.keyMetric.status(of: value, defaultMargin: defaultMargin)
        else { return nil }
        let key = entry.keyMetric
        let reading = TargetReading(
            series: series, valueName: entry.value, team: entry.team, metric: key.metric, stat: key.statistic.description,
            period: key.period.description, target: target.description, unit: ValueUnit(target.quantity), status: status, value: value,
            sampleSize: sampleSize, at: at)
        let previous = readings[series]
        readings[series] = reading
        guard previous?.status != status || previous?.target != reading.target else { return nil }
        return TargetStatusChange(from: previous?.status, reading: reading)
    }

    /// Takes a `metric.<name>` event's body (or a row of the `scorecard` reply). Figures of series
    /// split by a dimension are not key metrics and give `nil`.
    public mutating func observe(_ figure: SeriesFigure, at: Timestamp) -> TargetStatusChange? {
        guard figure.figure.dimensions.isEmpty else { return nil }
        return observe(series: figure.series, value: figure.figure.value, sampleSize: figure.figure.sampleSize, at: at)
    }

    /// The latest reading of series `series`.
    public func reading(ofSeries series: String) -> TargetReading? { readings[series] }

    /// Takes a new philosophy (a reload): readings of series it no longer has are dropped, and
    /// each kept reading is judged again against the new target and margin. Returns the changes
    /// that gives, by series id.
    public mutating func reload(_ philosophy: Philosophy, at: Timestamp) -> [TargetStatusChange] {
        let old = readings
        entries = Self.targeted(philosophy)
        defaultMargin = philosophy.settings.atRiskMargin
        readings = [:]
        var changes: [TargetStatusChange] = []
        for reading in old.values.sorted(by: { $0.series < $1.series }) where entries[reading.series] != nil {
            readings[reading.series] = reading
            if let change = observe(series: reading.series, value: reading.value, sampleSize: reading.sampleSize, at: at) {
                changes.append(change)
            }
        }
        return changes
    }

    /// What a restart needs: the latest reading of every series.
    public struct Snapshot: Hashable, Sendable, Codable {
        /// The format's version (1).
        public var version: Int
        /// The readings, by series id.
        public var readings: [TargetReading]

        /// Creates a snapshot.
        public init(version: Int = 1, readings: [TargetReading]) {
            self.version = version
            self.readings = readings
        }
    }

    /// The tracker's state, to restore with ``init(philosophy:restoring:)``.
    public var snapshot: Snapshot { Snapshot(readings: readings.values.sorted { $0.series < $1.series }) }
}
