import Foundation
import TenetCalendar
import TenetModels
import TenetPhilosophy
import TenetYAML

/// A simulated support center: a pure, deterministic discrete-event simulation that writes the
/// events a real center would send (docs/EVENTS.md) as NDJSON, in time order.
///
/// Conversations arrive by a non-homogeneous Poisson process per channel; calls and chats queue
/// FIFO per team and are answered by agents on shifts with breaks, or abandoned by impatient
/// customers; emails, social messages and web forms wait in a backlog worked in business
/// hours; a bot answers chats first; conversations are transferred, escalated, put on pending,
/// solved, reopened; surveys and reviews follow; customers start, order and churn; the
/// organisation's own `x.` events come at their rates. docs/SIMULATOR.md describes the model.
///
/// The same profile, philosophy and setup give byte-identical output in every process: all
/// randomness comes from ``SeededRandom`` streams seeded from ``SimulationSetup/seed``, steps at
/// one instant run in the order they were scheduled, and nothing on the output path iterates a
/// dictionary or reads a clock. No I/O.
public struct Simulator: Sendable {
    // MARK: Configuration
    let profile: SimulationProfile
    let setup: SimulationSetup
    /// The organisation's zone.
    let clock: ZoneClock
    /// Teams with agents, in the order of the profile's `teams`.
    var teams: [TeamInfo] = []
    /// Each channel's routing as team numbers (into ``teams``) and cumulative shares.
    var routing: [[(team: Int, cumulative: Double)]] = []
    /// The schedule whose holidays lower each channel's volume (its main team's coverage).
    var channelSchedules: [Schedule?] = Array(repeating: nil, count: 5)
    /// Every scenario of the run, sorted by start.
    let scenarios: [ScheduledScenario]
    /// Instants (ms) where the arrival rate may change because of a scenario, sorted.
    var scenarioBoundaries: [Int64] = []

    // MARK: Fixed text
    var channelFragments: [[UInt8]] = []
    var priorityFragments: [[UInt8]] = []
    var segmentValues: [[UInt8]] = []
    var languageValues: [[UInt8]] = []
    var sourceValues: [[UInt8]] = []
    var ownerFragments: [[UInt8]] = []
    var extraEventTexts: [ExtraEventText] = []
    var employeesTeam: [UInt8] = []
    var qaCategoryTexts: [[UInt8]] = []
    var currencyFragment: [UInt8] = []
    /// Priority (``SimulatedPriority/index``) of each name of the arrivals' and the outage's mixes.
    var arrivalPriorities: [UInt8] = []
    var outagePriorities: [UInt8] = []
    /// How much of each channel's volume each group works (by group, then channel).
    var groupWeights: [[Double]] = []
    /// The mean seconds an agent of each group spends on one contact (per chat slot).
    var groupHandling: [Double] = []

    // MARK: State
    var groups: [GroupState] = []
    var agents: [AgentState] = []
    var conversations: [ConversationState] = []
    var freeSlots: [Int32] = []
    var calendar = EventCalendar()
    var writer: EventWriter
    var arrivalsRandom: SeededRandom
    var serviceRandom: SeededRandom
    var customersRandom: SeededRandom
    var feedbackRandom: SeededRandom
    var shiftsRandom: SeededRandom
    /// The last token handed out (``newToken(_:)``).
    var tokens: UInt32 = 0
    /// Join times of the initial customers, until they are announced.
    var initialJoins: [Int64] = []
    /// How many of them were announced.
    var announcedJoins = 0
    var generator = ArrivalGenerator()
    var customers = CustomerPool()
    var conversationCount: Int64 = 0
    var staff: [(id: [UInt8], team: [UInt8])] = []
    /// Agents made absent by each scenario (by index into ``scenarios``).
    var absentees: [[Int32]] = []
    /// Rates of each UTC hour (conversations per hour by channel) and its local hour.
    var hourRates: [Int64: HourRates] = [:]
    /// Each group's open intervals and expected work on a local day (of the group's zone).
    var dayPlans: [Int: DayDemand] = [:]
    var announced = false
    /// The current step's time (ms).
    var stepTime: Int64 = 0

    /// Counts of what happened so far.
    public internal(set) var tally = SimulationTally()
    /// Simulated time reached: every event before it has been written.
    public private(set) var now: Timestamp

    /// Creates a simulation of `profile` for `philosophy`'s teams, schedules and holidays (or the
    /// profile's own hours and zone without one), starting at `setup.start`.
    ///
    /// - Throws: ``SimulationProfileError`` with ``SimulationProfileError/Code/mismatch`` when
    ///   the profile names a team the philosophy does not have, or a schedule cannot be used.
    public init(profile: SimulationProfile, philosophy: Philosophy?, setup: SimulationSetup) throws(SimulationProfileError) {
        self.profile = profile
        self.setup = setup
        let zoneName = philosophy.map { $0.organisation.zone } ?? profile.zone
        guard let zone = TimeZone(identifier: zoneName) else {
            throw SimulationProfileError(code: .mismatch, field: "zone", message: "unknown time zone `\(zoneName)`")
        }
        clock = ZoneClock(zone)
        scenarios = (profile.scenarios.schedule + setup.scenarios).enumerated()
            .sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }.map(\.element)
        writer = EventWriter(idPrefix: setup.idPrefix)
        var seeds = SeededRandom(seed: setup.seed)
        arrivalsRandom = SeededRandom(seed: seeds.next())
        serviceRandom = SeededRandom(seed: seeds.next())
        customersRandom = SeededRandom(seed: seeds.next())
        feedbackRandom = SeededRandom(seed: seeds.next())
        shiftsRandom = SeededRandom(seed: seeds.next())
        now = setup.start
        try configure(philosophy: philosophy)
        start()
    }

    // MARK: Running

    /// Appends every event with `at` < `end`, in time order (events at one instant in a fixed
    /// order), one NDJSON line each ending in `\n`, to `output`; returns how many. ``now``
    /// becomes `end` (it never moves back: an `end` before it writes nothing).
    @discardableResult
    public mutating func run(until end: Timestamp, into output: inout [UInt8]) -> Int {
        let before = writer.count
        swap(&writer.bytes, &output)
        defer {
            swap(&writer.bytes, &output)
            tally.events = Int(writer.count)
        }
        // Steps at ms m happen at m·10⁶ ns: before `end` while m < ⌈end / 10⁶⌉.
        let limit = Self.ceilingMilliseconds(end)
        if !announced { announceInitialCustomers(before: limit) }
        while let next = calendar.nextTime, next < limit {
            let step = calendar.pop()!
            stepTime = step.at
            perform(step)
        }
        if end > now { now = end }
        return Int(writer.count - before)
    }

    static func ceilingMilliseconds(_ instant: Timestamp) -> Int64 {
        let ns = instant.nanosecondsSinceEpoch
        let quotient = EventWriter.floorDivide(ns, 1_000_000)
        return quotient * 1_000_000 == ns ? quotient : quotient + 1
    }

    var startMs: Int64 { Self.ceilingMilliseconds(setup.start) }

    private mutating func perform(_ step: EventCalendar.Step) {
        let t = step.at
        switch step.kind {
        case .arrival: arrive(at: t)
        case .plan: plan(group: Int(step.a), day: Int(step.b), at: t)
        case .agentOn: agentOn(Int(step.a))
        case .agentOff: agentOff(Int(step.a))
        case .scenarioStart: scenarioStarts(Int(step.a))
        case .scenarioEnd: scenarioEnds(Int(step.a))
        case .newCustomer: newCustomer(at: t)
        case .churn: churn(at: t)
        case .order: order(at: t)
        case .extra: extraEvent(Int(step.a), at: t)
        case .employeesMonth: employeesMonth(at: t)
        case .employeeLeft: employeeLeft(at: t)
        default:
            let slot = step.a
            conversations[Int(slot)].refs -= 1
            performConversationStep(step.kind, slot, step.b, at: t)
            releaseIfDone(slot)
        }
    }

    private mutating func performConversationStep(_ kind: StepKind, _ slot: Int32, _ b: Int32, at t: Int64) {
        switch kind {
        case .botReply: botReply(slot, at: t)
        case .botDone: botDone(slot, at: t)
        case .abandon: abandon(slot, token: UInt32(bitPattern: b), at: t)
        case .chatMessage: chatMessage(slot, at: t)
        case .holdStart: holdStart(slot, length: Int64(b), at: t)
        case .holdEnd: holdEnd(slot, at: t)
        case .talkEnd: talkEnd(slot, agent: Int(b), at: t)
        case .requeue: requeue(slot, team: Int(b), at: t)
        case .wrapupEnd: wrapupEnd(slot, agent: Int(b), at: t)
        case .workDone: workDone(slot, agent: Int(b), at: t)
        case .customerReply: customerReply(slot, token: UInt32(bitPattern: b), at: t)
        case .pendingTimeout: pendingTimeout(slot, token: UInt32(bitPattern: b), at: t)
        case .escalationDone: escalationDone(slot, at: t)
        case .reopen: reopen(slot, at: t)
        case .surveyAnswer: surveyAnswer(slot, kind: Int(b), at: t)
        case .review: review(slot, at: t)
        default: break
        }
    }

    // MARK: Scheduling

    /// Schedules a step of conversation `slot` (keeping the slot alive until it runs).
    mutating func scheduleConversation(_ kind: StepKind, _ slot: Int32, at: Int64, _ b: Int32 = 0) {
        conversations[Int(slot)].refs += 1
        calendar.schedule(kind, at: at, slot, b)
    }

    /// Frees a conversation's slot once it is finished and no step names it.
    mutating func releaseIfDone(_ slot: Int32) {
        let conversation = conversations[Int(slot)]
        if conversation.finished && conversation.refs == 0 {
            freeSlots.append(slot)
            conversations[Int(slot)].finished = false
            conversations[Int(slot)].free = true
        }
    }

    // MARK: Writing

    /// Begins a conversation event with `conversation`, `channel`, `team` and (when one holds it
    /// and `agent` is true) `agent`, and `customer` when asked.
    mutating func beginConversationEvent(_ type: [UInt8], _ slot: Int32, at t: Int64, customer: Bool = false, agent: Bool = true) {
        let conversation = conversations[Int(slot)]
        writer.begin(type, at: t)
        writer.conversation(conversation.number)
        if customer { writer.customer(Int(conversation.customer) + 1) }
        writer.append(channelFragments[Int(conversation.channel)])
        writer.append(teams[Int(conversation.team)].fragment)
        if agent && conversation.agent >= 0 { writer.append(agents[Int(conversation.agent)].fragment) }
    }

    /// A message in a conversation: the customer's (public), an agent's reply (public), a
    /// private note, or the bot's.
    mutating func message(_ slot: Int32, at t: Int64, _ author: [UInt8], customer: Bool = false, agent: Bool = true) {
        beginConversationEvent(Fragments.message, slot, at: t, customer: customer, agent: agent)
        writer.append(author)
        writer.end()
    }

    /// A status change.
    mutating func status(_ slot: Int32, at t: Int64, _ change: [UInt8], to status: ConversationState.Status) {
        beginConversationEvent(Fragments.statusChanged, slot, at: t)
        writer.append(change)
        writer.end()
        conversations[Int(slot)].status = status
    }
}
