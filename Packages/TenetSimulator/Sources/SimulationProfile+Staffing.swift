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
    /// (the philosophy's coverage for the group's channel and team, else `hours`): the day gets
    /// agents in proportion to the work expected that day (each agent working `daysPerWeek`
    /// days a week, the agents with the fewest days worked first), and each agent's shift of
    /// `length` is centred on a quantile of the day's expected work, so that staffing follows
    /// demand; `breaks` are taken at their offsets from the shift's start (± `breakJitter`).
    public struct Shifts: Hashable, Sendable {
        /// A shift's length in seconds (shorter when the open interval is).
        public var length: Double
        /// Days an agent works in a week.
        public var daysPerWeek: Int
        /// Breaks: (seconds after the shift's start, length in seconds).
        public var breaks: [Break]
        /// How far a break may move from its offset either way, in seconds (uniform).
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
