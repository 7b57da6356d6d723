import TenetCalendar

/// A team that has agents.
struct TeamInfo: Sendable {
    var id: String
    /// `,"team":"<id>"`.
    var fragment: [UInt8]
    /// `,"from_team":"<id>"`.
    var fromFragment: [UInt8]
    /// Its groups (into ``Simulator/groups``) by ``AgentGroup/index``, −1 where it has none.
    var groups: [Int] = [-1, -1, -1]
}

/// One agent.
struct AgentState: Sendable {
    /// `,"agent":"<id>"`.
    var fragment: [UInt8]
    /// `,"from_agent":"<id>"`.
    var fromFragment: [UInt8]
    /// The id, quoted (for `x.employee.*` attributes).
    var id: [UInt8]
    var team: Int
    var group: Int
    var concurrency: Int
    /// Contacts held now (wrap-up and ticket work included).
    var busy = 0
    /// Entries for this agent in its group's idle list.
    var queuedSlots = 0
    /// Shifts in progress (an agent is on shift when above 0).
    var shifts = 0
    /// Scenarios keeping the agent away.
    var absences = 0
    /// Days planned so far (the least-worked agents are planned first).
    var daysWorked = 0

    /// Whether the agent takes new work now.
    var available: Bool { shifts > 0 && absences == 0 }
}

/// Entry of a live queue or a backlog lane.
struct QueueEntry: Sendable {
    var slot: Int32
    var token: UInt32
}

/// One group of one team: its agents, its opening hours, and its queue or backlog.
struct GroupState: Sendable {
    var team: Int
    var kind: AgentGroup
    var calendar: BusinessCalendar
    var zone: ZoneClock
    var agents: [Int32] = []
    /// Agents with room for one more contact, longest idle first (an agent with two free chat
    /// slots appears twice); stale entries are skipped when taken.
    var idle = RingBuffer<Int32>(capacity: 64)
    /// The live queue (phone, chat).
    var queue = RingBuffer<QueueEntry>(capacity: 64)
    /// The backlog (tickets), by lane: urgent and expedited, high, normal, low.
    var lanes = [RingBuffer<QueueEntry>](repeating: RingBuffer(capacity: 64), count: 4)
}

/// The open intervals and the expected work of a group on a local day.
struct DayDemand: Sendable {
    var intervals: [Range<Int64>]
    /// Expected conversations for the group that day (0 when it is closed).
    var work: Double
}
