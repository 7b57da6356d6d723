import TenetCalendar
import TenetModels
import TenetPhilosophy

/// Measures one conversation from its events: the pure heart of the metrics engine.
///
/// The measurements are a function of the set of events alone: they are read in the order of
/// ``ConversationEvent/precedes(_:)`` (time, type, id), whatever order they arrived in, so a late
/// event is handled by measuring the conversation again. docs/METRICS.md defines every metric
/// this produces, with a worked example each.
public struct ConversationMeasurer: Sendable {
    /// The organisation's metric settings.
    public let settings: MetricSettings
    /// The business calendar that applies to a conversation with these dimensions (the
    /// philosophy's coverage); `nil` means calendar time.
    public let calendar: @Sendable (Dimensions) -> BusinessCalendar?

    /// Creates a measurer.
    public init(settings: MetricSettings, calendar: @escaping @Sendable (Dimensions) -> BusinessCalendar? = { _ in nil }) {
        self.settings = settings
        self.calendar = calendar
    }

    /// Measures a conversation from all of its events (in any order).
    public func measure(_ events: [ConversationEvent]) -> ConversationMeasurements {
        measure(sorted: events.sorted { $0.precedes($1) })
    }

    /// Measures a conversation from all of its events, already in ``ConversationEvent/precedes(_:)``
    /// order.
    public func measure(sorted events: [ConversationEvent]) -> ConversationMeasurements {
        var walk = ConversationWalk(measurer: self, events: events)
        return walk.run()
    }

    /// A duration from `start` to `end` in calendar and business time, under the calendar for
    /// `dimensions`; 0 when `end` is not after `start`.
    func duration(from start: Timestamp, to end: Timestamp, _ dimensions: Dimensions) -> Measurement.Value {
        let calendarNanoseconds = max(0, end.nanosecondsSinceEpoch - start.nanosecondsSinceEpoch)
        let business = calendar(dimensions)?.businessNanoseconds(from: start, to: end) ?? calendarNanoseconds
        return .duration(calendar: calendarNanoseconds, business: business)
    }
}

/// One pass over a conversation's sorted events.
struct ConversationWalk {
    let measurer: ConversationMeasurer
    let events: [ConversationEvent]
    var settings: MetricSettings { measurer.settings }

    var result = ConversationMeasurements()
    /// The dimensions in force after each event.
    var dimensions = Dimensions()

    var start: Timestamp?
    var status = "open"
    /// Opened by the organisation (`attributes.direction: outbound` on the opening): nobody
    /// waits for a first response.
    var outbound = false
    // Responses.
    var firstReplyAt: Timestamp?
    var publicAgentReplies = 0
    var botSpoke = false
    var handoffAt: Timestamp?
    var waitingSince: Timestamp?
    // Contacts.
    var queuedAt: Timestamp?
    var answeredAt: Timestamp?
    var holdStartedAt: Timestamp?
    var endedCall: (answered: Timestamp, ended: Timestamp)?
    var answeredAnyContact = false
    // Statuses.
    var solves: [Timestamp] = []
    var reopens: [Timestamp] = []
    var openSince: Timestamp?
    var workSince: Timestamp?
    var work: (calendar: Int64, business: Int64) = (0, 0)
    var transferred = false
    var escalated = false
    var handledAt: (Timestamp, Dimensions)?
    var csatAnswered = false

    init(measurer: ConversationMeasurer, events: [ConversationEvent]) {
        self.measurer = measurer
        self.events = events
    }

    mutating func run() -> ConversationMeasurements {
        for event in events {
            dimensions = dimensions.updated(by: event.dimensions)
            if start == nil, startsConversation(event) { begin(at: event.at) }
            visit(event)
        }
        finish()
        result.start = start
        result.status = start == nil ? nil : status
        result.measurements.sort { $0.at < $1.at }
        return result
    }

    /// The conversation starts at its opening, its first public customer message or its first
    /// queueing, whichever comes first.
    func startsConversation(_ event: ConversationEvent) -> Bool {
        switch event.payload {
        case .conversationOpened, .contactQueued: true
        case .messageCreated(let author, let isPublic): author == .customer && isPublic != false
        default: false
        }
    }

    mutating func begin(at instant: Timestamp) {
        start = instant
        openSince = instant
        workSince = settings.workStatuses.contains(status) ? instant : nil
        record("volume_opened", at: instant, .occurrence)
    }

    mutating func record(_ metric: String, at instant: Timestamp, _ value: Measurement.Value, _ dimensions: Dimensions? = nil) {
        result.measurements.append(Measurement(metric: metric, at: instant, value: value, dimensions: dimensions ?? self.dimensions))
    }

    mutating func note(_ anomaly: MeasurementAnomaly) {
        result.anomalies[anomaly, default: 0] += 1
    }

    mutating func handled(at instant: Timestamp) {
        if handledAt == nil { handledAt = (instant, dimensions) }
    }

    // MARK: Events

    mutating func visit(_ event: ConversationEvent) {
        let at = event.at
        switch event.payload {
        case .messageCreated(let author, let isPublic):
            if isPublic == nil { note(.messageWithoutVisibility) }
            message(author: author, isPublic: isPublic ?? true, at: at)
        case .conversationAssigned, .conversationTransferred:
            if case .conversationTransferred = event.payload { transferred = true }
            if firstReplyAt == nil, botSpoke { handoffAt = at }
        case .conversationEscalated:
            escalated = true
        case .statusChanged(let to, _):
            changeStatus(to: to.rawValue, at: at)
        case .contactQueued:
            if queuedAt == nil { queuedAt = at }
        case .contactAnswered:
            flushCall()
            answeredAnyContact = true
            handled(at: at)
            if let queued = queuedAt {
                let wait = at.nanosecondsSinceEpoch - queued.nanosecondsSinceEpoch
                record("average_speed_of_answer", at: at, measurer.duration(from: queued, to: at, dimensions))
                record("service_level", at: at, .outcome(wait <= nanoseconds(settings.serviceLevelThreshold)))
                record("abandonment_rate", at: at, .outcome(false))
                queuedAt = nil
            } else {
                note(.answerWithoutQueue)
            }
            answeredAt = at
        case .contactAbandoned:
            if let queued = queuedAt {
                let wait = at.nanosecondsSinceEpoch - queued.nanosecondsSinceEpoch
                if wait >= nanoseconds(settings.shortAbandonThreshold) {
                    record("service_level", at: at, .outcome(false))
                    record("abandonment_rate", at: at, .outcome(true))
                } else {
                    note(.shortAbandon)
                }
                queuedAt = nil
            } else {
                note(.answerWithoutQueue)
            }
        case .holdStarted:
            holdStartedAt = at
        case .holdEnded:
            if holdStartedAt == nil { note(.holdEndWithoutStart) }
            holdStartedAt = nil
        case .contactEnded:
            if let answered = answeredAt {
                endedCall = (answered, at)
                answeredAt = nil
            } else {
                note(.endWithoutAnswer)
            }
        case .wrapupEnded:
            if let call = endedCall {
                let talk = measurer.duration(from: call.answered, to: call.ended, dimensions)
                let wrap = measurer.duration(from: call.ended, to: at, dimensions)
                record("average_handle_time", at: at, talk + wrap)
                endedCall = nil
            } else {
                note(.wrapupWithoutEnd)
            }
        case .surveyAnswered(let survey, let score):
            switch survey {
            case .csat:
                csatAnswered = true
                record("csat", at: at, .outcome(score >= 4))
            case .nps:
                record("nps", at: at, .score(score >= 9 ? 100 : score <= 6 ? -100 : 0))
            case .ces:
                record("ces", at: at, .score(Double(score)))
                record("ces_easy_rate", at: at, .outcome(score >= 5))
            }
        case .qaScored(let score, let categories):
            record("qa_score", at: at, .score(Self.qaScore(score, categories)))
        case .orderPlaced(let amount, let currency):
            record("average_order_value", at: at, .money(amount: amount.doubleValue, currency: currency))
        case .conversationOpened:
            if event.dimensions.attributes["direction"] == "outbound" { outbound = true }
        case .customerStarted, .customerChurned, .extension:
            break
        }
    }

    mutating func message(author: MessageAuthor, isPublic: Bool, at: Timestamp) {
        switch author {
        case .customer where isPublic:
            if firstReplyAt != nil, waitingSince == nil, !settings.solvedStatuses.contains(status) { waitingSince = at }
        case .agent where isPublic:
            publicAgentReplies += 1
            handled(at: at)
            if firstReplyAt == nil {
                firstReplyAt = at
                if let start, !outbound {
                    var clock = start
                    if settings.botHandoffRestartsFirstResponse, let handoffAt, handoffAt > clock { clock = handoffAt }
                    record("first_response_time", at: at, measurer.duration(from: clock, to: at, dimensions))
                }
            } else if let since = waitingSince {
                record("next_reply_time", at: at, measurer.duration(from: since, to: at, dimensions))
                waitingSince = nil
            }
        case .bot:
            if firstReplyAt == nil { botSpoke = true }
        default:
            break
        }
    }

    mutating func changeStatus(to next: String, at: Timestamp) {
        let wasSolved = settings.solvedStatuses.contains(status)
        let isSolved = settings.solvedStatuses.contains(next)
        if let since = workSince {
            if case .duration(let calendar, let business) = measurer.duration(from: since, to: at, dimensions) {
                work = (work.calendar + calendar, work.business + business)
            }
        }
        workSince = settings.workStatuses.contains(next) && start != nil ? at : nil
        if !wasSolved, isSolved {
            solves.append(at)
            waitingSince = nil
            record("volume_solved", at: at, .occurrence)
            if let since = openSince {
                record("backlog", at: since, .openSpan(to: at))
                openSince = nil
            }
        } else if wasSolved, !isSolved {
            reopens.append(at)
            if start != nil { openSince = at }
        }
        status = next
    }

    mutating func flushCall() {
        guard let call = endedCall else { return }
        record("average_handle_time", at: call.ended, measurer.duration(from: call.answered, to: call.ended, dimensions))
        endedCall = nil
    }

    // MARK: After the last event

    mutating func finish() {
        flushCall()
        guard let start else {
            if !events.isEmpty, events.contains(where: { isConversationEvent($0) }) { note(.neverOpened) }
            return
        }
        if let since = openSince { record("backlog", at: since, .openSpan(to: nil)) }
        if let first = solves.first {
            let atFirst = dimensions(at: first)
            record("first_resolution_time", at: first, measurer.duration(from: start, to: first, atFirst), atFirst)
            if settings.solvedStatuses.contains(status), let last = solves.last {
                let atLast = dimensions(at: last)
                record("full_resolution_time", at: last, measurer.duration(from: start, to: last, atLast), atLast)
                if !answeredAnyContact {
                    record("average_handle_time", at: last, .duration(calendar: work.calendar, business: work.business), atLast)
                }
            }
            let window = nanoseconds(settings.fcrReopenWindow)
            let reopenedInWindow = reopens.contains { $0.nanosecondsSinceEpoch - first.nanosecondsSinceEpoch <= window }
            record("first_contact_resolution", at: first, .outcome(publicAgentReplies <= 1 && !transferred && !reopenedInWindow), atFirst)
            record("one_touch_rate", at: first, .outcome(publicAgentReplies == 1), atFirst)
            record("reopen_rate", at: first, .outcome(!reopens.isEmpty), atFirst)
            record("csat_response_rate", at: first, .outcome(csatAnswered), atFirst)
        }
        if let (at, atHandling) = handledAt {
            record("transfer_rate", at: at, .outcome(transferred), atHandling)
            record("escalation_rate", at: at, .outcome(escalated), atHandling)
        }
    }

    /// The dimensions in force just after the last event at or before `instant`.
    func dimensions(at instant: Timestamp) -> Dimensions {
        var state = Dimensions()
        for event in events where event.at <= instant { state = state.updated(by: event.dimensions) }
        return state
    }

    func isConversationEvent(_ event: ConversationEvent) -> Bool {
        switch event.payload {
        case .surveyAnswered, .qaScored, .orderPlaced, .customerStarted, .customerChurned, .extension: false
        default: true
        }
    }

    /// A review's score: the weighted mean of its categories when it has any (weight 1 where
    /// none is given), else its overall score.
    static func qaScore(_ score: Double, _ categories: [QACategory]) -> Double {
        guard !categories.isEmpty else { return score }
        let weights = categories.map { $0.weight ?? 1 }
        let total = weights.reduce(0, +)
        guard total > 0 else { return score }
        return zip(categories, weights).reduce(0) { $0 + $1.0.score * $1.1 } / total
    }
}

func nanoseconds(_ duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
}

extension Measurement.Value {
    /// The sum of two durations (talk + wrap-up); other values are not added.
    static func + (lhs: Self, rhs: Self) -> Self {
        guard case .duration(let a, let b) = lhs, case .duration(let c, let d) = rhs else { return lhs }
        return .duration(calendar: a + c, business: b + d)
    }
}
