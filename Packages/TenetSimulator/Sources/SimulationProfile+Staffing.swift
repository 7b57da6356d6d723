import TenetCalendar
import TenetYAML

extension SimulationProfile {
    /// The agents of one group of one team.
    public struct Staffing: Hashable, Sendable {
        /// The team id (as events carry it in `team`).
        public var team: String
        /// The kind of work.
        public var group: AgentGroup
        /// How many agents.
        public var agents: Int
        /// How many contacts an agent takes at once (chats; 1 for the other groups).
        public var concurrency: Int
        /// Where the team is written in the profile (for errors found against the philosophy).
        public var position: YAMLPosition

        /// Creates an entry.
        public init(team: String, group: AgentGroup, agents: Int, concurrency: Int = 1, position: YAMLPosition = .file) {
            self.team = team
            self.group = group
            self.agents = agents
            self.concurrency = concurrency
            self.position = position
        }
    }

    /// How shifts are laid out. Each local day, a group's agents work where its schedule is open
    /// (the philosophy's coverage for the group's channel and team, else `hours`). The day gets
    /// agents in proportion to its share of the need of the coming week (each agent working
    /// `daysPerWeek` days; the agents with the fewest days worked go first). The need of a
    /// quarter hour is the group's offered load a (arrivals × mean handling time, in Erlangs)
    /// plus 2√a for the live queues (the square-root staffing rule); the backlog's also has the
    /// work that came while it was closed, spread over the two hours after the opening. Shifts
    /// of `length` are then placed one agent at a time where they cover the most need not yet
    /// covered, and each break within `breakJitter` of its offset where coverage exceeds need
    /// the most.
    public struct Shifts: Hashable, Sendable {
        /// A shift's length in seconds (shorter when the open interval is).
        public var length: Double
        /// Days an agent works in a week.
        public var daysPerWeek: Int
        /// Breaks: (seconds after the shift's start, length in seconds).
        public var breaks: [Break]
        /// How far a break may move from its offset either way, in seconds (in quarter hours).
        public var breakJitter: Double
        /// Opening hours by group (``AgentGroup/index``), used when no philosophy's coverage
        /// applies.
        public var hours: [WeeklyHours]

        /// A break in a shift.
        public struct Break: Hashable, Sendable {
            /// Seconds after the shift's start.
            public var after: Double
            /// Its length in seconds.
            public var length: Double

            /// Creates a break.
            public init(after: Double, length: Double) {
                self.after = after
                self.length = length
            }
        }
    }
}
