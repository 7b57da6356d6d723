/// The staffing of one slot of the week: the demand the data shows, the agents it needs, and
/// what the queue looks like with them. Made by ``StaffingPlanner/plan(_:)``.
public struct IntervalPlan: Hashable, Sendable {
    /// The slot of the week.
    public let slot: IntervalSlot
    /// Days of the data the slot occurred on.
    public let dayCount: Int
    /// Contacts over those days.
    public let contactCount: Int
    /// The mean arrival rate in contacts per second: contacts ÷ days ÷ interval seconds.
    public let arrivalRate: Double
    /// The average handle time used, in seconds: the fixed AHT given, or the observed mean
    /// (handle time sum ÷ contacts); nil when the AHT is observed and the slot had no contacts.
    public let aht: Double?
    /// The offered load in Erlangs: arrival rate × AHT (0 without contacts).
    public let load: Double
    /// The fewest agents answering contacts that meet the target; 0 without contacts.
    public let agents: Int
    /// The agents to schedule after shrinkage: ⌈agents / (1 − shrinkage)⌉.
    public let scheduledAgents: Int
    /// The queue's steady state with ``agents`` agents.
    public let forecast: QueueForecast
    /// The threshold T in seconds of ``serviceLevel``: the target's, or the planner's reporting
    /// threshold when the target is a maximum probability of waiting.
    public let serviceLevelThreshold: Double
    /// The predicted share of contacts answered within ``serviceLevelThreshold`` seconds
    /// (1 without contacts: nobody waits).
    public let serviceLevel: Double

    /// The predicted probability that a contact waits (0 without contacts).
    public var probabilityOfWaiting: Double { forecast.probabilityOfWaiting }
    /// The predicted average speed of answer in seconds (0 without contacts).
    public var averageSpeedOfAnswer: Double { forecast.averageSpeedOfAnswer }
    /// The predicted occupancy A / N (0 without contacts).
    public var occupancy: Double { forecast.occupancy }

    /// A plan from its parts (``StaffingPlanner`` computes them).
    init(
        slot: IntervalSlot, dayCount: Int, contactCount: Int, arrivalRate: Double, aht: Double?, load: Double,
        agents: Int, scheduledAgents: Int, forecast: QueueForecast, serviceLevelThreshold: Double, serviceLevel: Double
    ) {
        self.slot = slot
        self.dayCount = dayCount
        self.contactCount = contactCount
        self.arrivalRate = arrivalRate
        self.aht = aht
        self.load = load
        self.agents = agents
        self.scheduledAgents = scheduledAgents
        self.forecast = forecast
        self.serviceLevelThreshold = serviceLevelThreshold
        self.serviceLevel = serviceLevel
    }
}
