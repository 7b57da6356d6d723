import TenetModels
import TenetPhilosophy

/// A key metric whose status changed: what the rules plugin publishes on
/// `target.<value>.<metric>` (a team's: `target.team.<team>.<metric>`).
public struct TargetStatusChange: Hashable, Sendable {
    /// The status before; `nil` for the first figure of the series the tracker sees.
    public var from: TargetStatus?
    /// The reading with the new status, its figure and target.
    public var reading: TargetReading

    /// Creates a change.
    public init(from: TargetStatus?, reading: TargetReading) {
        self.from = from
        self.reading = reading
    }

    /// The new status.
    public var to: TargetStatus { reading.status }

    /// The bus topic: `target.<value>.<metric>` for a value's key metric,
    /// `target.team.<team>.<metric>` for a team's.
    public var topic: String {
        if let value = reading.valueName { return "target.\(value).\(reading.metric)" }
        return "target.team.\(reading.team ?? "").\(reading.metric)"
    }
}
