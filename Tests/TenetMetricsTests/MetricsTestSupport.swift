import TenetCalendar
import TenetMetrics
import TenetModels
import TenetPhilosophy

/// Builds the events of docs/METRICS.md's worked examples: times are on Monday 2026-11-23 (UTC)
/// unless a full RFC 3339 time is given.
struct Story {
    var events: [ConversationEvent] = []
    var counter = 0

    static func time(_ text: String) -> Timestamp {
        if text.count > 8, let full = Timestamp(rfc3339: text) { return full }
        let clock = text.count == 5 ? text + ":00" : text
        return Timestamp(rfc3339: "2026-11-23T\(clock)Z")!
    }

    mutating func add(
        _ at: String, _ payload: EventPayload, team: String? = nil, agent: String? = nil, channel: String? = nil,
        priority: String? = nil
    ) {
        counter += 1
        var dimensions = Dimensions()
        dimensions[.team] = team
        dimensions[.agent] = agent
        dimensions[.channel] = channel
        dimensions[.priority] = priority
        events.append(
            ConversationEvent(id: String(format: "e%03d", counter), at: Self.time(at), payload: payload, dimensions: dimensions))
    }

    mutating func opened(_ at: String, channel: String = "chat", team: String = "support") {
        add(at, .conversationOpened, team: team, channel: channel)
    }
    mutating func customer(_ at: String) { add(at, .messageCreated(author: .customer, isPublic: true)) }
    mutating func agent(_ at: String, _ name: String = "ana", public isPublic: Bool = true) {
        add(at, .messageCreated(author: .agent, isPublic: isPublic), agent: name)
    }
    mutating func bot(_ at: String) { add(at, .messageCreated(author: .bot, isPublic: true)) }
    mutating func status(_ at: String, _ status: ConversationStatus) { add(at, .statusChanged(status: status, previous: nil)) }
}

extension ConversationMeasurements {
    /// The measurements of `metric`.
    func of(_ metric: String) -> [Measurement] { measurements.filter { $0.metric == metric } }

    /// The calendar durations of `metric`, in seconds.
    func seconds(_ metric: String) -> [Double] {
        of(metric).compactMap { if case .duration(let calendar, _) = $0.value { Double(calendar) / 1e9 } else { nil } }
    }

    /// The business durations of `metric`, in seconds.
    func businessSeconds(_ metric: String) -> [Double] {
        of(metric).compactMap { if case .duration(_, let business) = $0.value { Double(business) / 1e9 } else { nil } }
    }

    /// The outcomes of a rate metric.
    func outcomes(_ metric: String) -> [Bool] {
        of(metric).compactMap { if case .outcome(let hit) = $0.value { hit } else { nil } }
    }

    /// The scores of a score metric.
    func scores(_ metric: String) -> [Double] {
        of(metric).compactMap { if case .score(let score) = $0.value { score } else { nil } }
    }
}

/// A Monday–Friday 09:00–17:00 schedule in UTC.
let officeHours: BusinessCalendar = {
    var weekly = WeeklyHours()
    for day in [Weekday.monday, .tuesday, .wednesday, .thursday, .friday] { weekly[day] = [DailyInterval("09:00-17:00")!] }
    return try! BusinessCalendar(Schedule(name: "office", zone: "UTC", versions: [ScheduleVersion(effective: nil, weekly: weekly)]))
}()
