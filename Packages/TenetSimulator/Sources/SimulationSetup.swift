import TenetModels

/// What a run starts from, beside its profile and philosophy: the seed, the first instant, the
/// prefix of its ids, and scenarios chosen for this run.
public struct SimulationSetup: Hashable, Sendable {
    /// The seed of every random draw: the same profile, philosophy and setup give the same
    /// bytes, in any process.
    public var seed: UInt64
    /// The simulated time the run starts at.
    public var start: Timestamp
    /// The prefix of every generated event and conversation id (`sim-e42`, `sim-c7`), so that the
    /// segments of a resumed run never collide. Customer, agent and staff ids do not carry it:
    /// they are the same in every segment.
    public var idPrefix: String
    /// Scenarios in addition to those the profile schedules.
    public var scenarios: [ScheduledScenario]
    /// Whether the first run announces the initial customers (a `customer.started` each, at
    /// their join dates before ``start``, ahead of every other event) and the staff roster at
    /// ``start`` (`x.employee.active`, otherwise written on the first of each month). A segment
    /// that continues an earlier one, which announced both, sets it to `false`.
    public var announcesInitialCustomers: Bool

    /// Creates a setup.
    public init(
        seed: UInt64, start: Timestamp, idPrefix: String = "sim", scenarios: [ScheduledScenario] = [],
        announcesInitialCustomers: Bool = true
    ) {
        self.seed = seed
        self.start = start
        self.idPrefix = idPrefix
        self.scenarios = scenarios
        self.announcesInitialCustomers = announcesInitialCustomers
    }
}
