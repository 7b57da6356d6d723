import TenetCalendar
import TenetModels
import TenetPhilosophy
import TenetSLA

/// Shared fixtures: a Mon–Fri 09:00–17:00 Berlin schedule with Monday 2026-11-30 a holiday,
/// and events in Berlin wall time (CET, UTC+1, in these weeks).
enum SLAFixtures {
    /// `2026-11-27T16:50` in Berlin → the instant.
    static func berlin(_ wall: String) -> Timestamp {
        Timestamp(rfc3339: wall + ":00+01:00")!
    }

    static func policy(
        _ name: String = "standard", where clauses: [MetricFilter.Clause] = [], firstResponse: Duration? = nil, nextReply: Duration? = nil,
        resolution: Duration? = nil, hours: Hours = .business, warning: SLAPolicy.Warning = .elapsed(percent: 80), pauseOn: [String] = ["pending"]
    ) -> SLAPolicy {
        SLAPolicy(
            name: name, filter: MetricFilter(clauses), firstResponse: firstResponse, nextReply: nextReply, resolution: resolution,
            hours: hours, warning: warning, pauseStatuses: pauseOn)
    }

    static func philosophy(_ policies: [SLAPolicy]) -> Philosophy {
        var philosophy = Philosophy()
        var weekly = WeeklyHours()
        for day in [Weekday.monday, .tuesday, .wednesday, .thursday, .friday] { weekly[day] = [DailyInterval("09:00-17:00")!] }
        philosophy.schedules = [
            Schedule(
                name: "support-hours", zone: "Europe/Berlin", versions: [ScheduleVersion(effective: nil, weekly: weekly)],
                holidays: [Holiday(.date(LocalDate("2026-11-30")!), name: "a Monday off")])
        ]
        philosophy.coverage = [CoverageRule(filter: MetricFilter(), schedule: "support-hours")]
        philosophy.slaPolicies = policies
        return philosophy
    }

    static func book(_ policies: [SLAPolicy]) throws -> SLAClockBook {
        try SLAClockBook(philosophy: philosophy(policies))
    }

    static func opened(_ conversation: String, _ wall: String, priority: String? = nil) -> SLAEvent {
        var fields: [FilterField: String] = [:]
        if let priority { fields[.dimension(.priority)] = priority }
        return SLAEvent(conversation: conversation, at: berlin(wall), kind: .opened(outbound: false), fields: fields)
    }

    static func reply(_ conversation: String, _ wall: String) -> SLAEvent {
        SLAEvent(conversation: conversation, at: berlin(wall), kind: .message(author: .agent, isPublic: true))
    }

    static func customer(_ conversation: String, _ wall: String) -> SLAEvent {
        SLAEvent(conversation: conversation, at: berlin(wall), kind: .message(author: .customer, isPublic: true))
    }

    static func status(_ conversation: String, _ wall: String, _ status: ConversationStatus) -> SLAEvent {
        SLAEvent(conversation: conversation, at: berlin(wall), kind: .status(status))
    }

    /// Kind, conversation, metric and instant of each emission: what the tests compare.
    static func summary(_ emissions: [SLAEmission]) -> [String] {
        emissions.map { "\($0.kind.rawValue) \($0.conversation) \($0.metric.rawValue) \($0.at)" }
    }
}
