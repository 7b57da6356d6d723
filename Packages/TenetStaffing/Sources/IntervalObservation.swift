/// What the data shows for one slot of the week, summed over the matching days: the input of
/// ``StaffingPlanner``, bucketed by the caller (the metrics plugin) so the planner stays pure.
///
/// Example: Mondays 09:00–09:30 over 4 Mondays saw 400 contacts handled in 72,000 s in total:
/// `IntervalObservation(slot: mon 09:00, dayCount: 4, contactCount: 400, handleTimeSum: 72_000)`,
/// a mean of 100 contacts per Monday interval and an AHT of 180 s.
public struct IntervalObservation: Hashable, Sendable {
    /// The slot of the week.
    public var slot: IntervalSlot
    /// How many days of the data this slot occurred on (the Mondays in the range for a Monday
    /// slot, days without contacts included); ≥ 1 when there are contacts.
    public var dayCount: Int
    /// Contacts that arrived in this slot over those days and needed an agent; ≥ 0.
    public var contactCount: Int
    /// Total handle time of those contacts, in seconds (talk + hold + wrap-up); ≥ 0. Used for the
    /// observed AHT, handleTimeSum ÷ contactCount.
    public var handleTimeSum: Double

    /// The observation of `slot`: `contactCount` contacts over `dayCount` days, handled in
    /// `handleTimeSum` seconds in total. Checked by ``StaffingPlanner/plan(_:)``.
    public init(slot: IntervalSlot, dayCount: Int, contactCount: Int, handleTimeSum: Double) {
        self.slot = slot
        self.dayCount = dayCount
        self.contactCount = contactCount
        self.handleTimeSum = handleTimeSum
    }
}
