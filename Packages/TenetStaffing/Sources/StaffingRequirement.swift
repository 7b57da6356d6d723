/// The smallest staffing that meets a ``StaffingTarget`` for one offered load, and what the queue
/// looks like with it.
public struct StaffingRequirement: Hashable, Sendable {
    /// N: the fewest agents answering contacts that meet every constraint of the target; 0 when
    /// there is no load.
    public let agents: Int
    /// The agents to schedule so that ``agents`` remain after shrinkage:
    /// ⌈N / (1 − shrinkage)⌉ (see ``StaffingTarget/scheduledAgents(for:)``).
    public let scheduledAgents: Int
    /// The queue with ``agents`` agents.
    public let queue: ErlangC
    /// Its steady state: probability of waiting, ASA, occupancy, service level.
    public let forecast: QueueForecast

    /// A requirement from its parts (``ErlangC/agentsNeeded(load:aht:target:)`` computes them).
    init(agents: Int, scheduledAgents: Int, queue: ErlangC, forecast: QueueForecast) {
        self.agents = agents
        self.scheduledAgents = scheduledAgents
        self.queue = queue
        self.forecast = forecast
    }
}
