/// Where an alert instance stands. An instance goes inactive → pending (its condition holds, for
/// less than the rule's `for`) → firing (it has held for `for`) → resolved (it stopped holding,
/// and `keep_firing_for` ran out); a pending instance whose condition stops holding goes back to
/// inactive. docs/ALERTS.md draws the diagram.
public enum AlertState: String, Hashable, Sendable, Codable, CaseIterable {
    /// The condition does not hold (no instance is kept).
    case inactive
    /// The condition holds, for less than `for` so far.
    case pending
    /// The condition has held for `for` (or stopped holding less than `keep_firing_for` ago).
    case firing
    /// It fired, and then stopped.
    case resolved
}
