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
    /// philosophy's coverage); `nil` means calendar time. It must depend on the dimensions alone:
    /// it is asked once per distinct set of dimensions.
    public let calendar: @Sendable (Dimensions) -> BusinessCalendar?
    /// Whether each status (by its index in ``ConversationStatus/allCases``) counts as solved.
    let solvedStatus: [Bool]
    /// Whether each status is a work status (handle time of tickets).
    let workStatus: [Bool]

    /// Creates a measurer.
    public init(settings: MetricSettings, calendar: @escaping @Sendable (Dimensions) -> BusinessCalendar? = { _ in nil }) {
        self.settings = settings
        self.calendar = calendar
        solvedStatus = ConversationStatus.allCases.map { settings.solvedStatuses.contains($0.rawValue) }
        workStatus = ConversationStatus.allCases.map { settings.workStatuses.contains($0.rawValue) }
    }

    /// Measures a conversation from all of its events (in any order).
    public func measure(_ events: [ConversationEvent]) -> ConversationMeasurements {
        measure(sorted: events.sorted { $0.precedes($1) })
    }

    /// Measures a conversation from all of its events, already in ``ConversationEvent/precedes(_:)``
    /// order.
    public func measure(sorted events: [ConversationEvent]) -> ConversationMeasurements {
        var catalog = DimensionCatalog()
        var numbers = EventNumbers()
        let stored = events.map { event in
            HeldEvent(
                at: event.at.nanosecondsSinceEpoch, id: event.id, dimensions: catalog.intern(event.dimensions),
                code: EventCode(event.payload, numbers: &numbers, catalog: &catalog))
        }
        var rows: [MeasuredRow] = []
        let outcome = stored.withUnsafeBufferPointer { measure(sorted: $0, numbers: numbers, catalog: &catalog, into: &rows) }
        return outcome.measurements(rows, catalog)
    }

    /// Measures a conversation from its stored events, in ``HeldEvent/precedes(_:)`` order:
    /// the measurements go to `rows` (emptied first), in the order of their instants.
    func measure(
        sorted events: UnsafeBufferPointer<HeldEvent>, numbers: EventNumbers, catalog: inout DimensionCatalog, into rows: inout [MeasuredRow]
    ) -> WalkOutcome {
        rows.removeAll(keepingCapacity: true)
        var walk = ConversationWalk(measurer: self, events: events, numbers: numbers, rows: rows)
        rows = []
        let outcome = walk.run(&catalog)
        rows = walk.rows
        return outcome
    }

    /// A duration from `start` to `end` in calendar and business time, under the calendar for
    /// the set `dimensions`; 0 when `end` is not after `start`.
    func duration(from start: Int64, to end: Int64, _ dimensions: Int32, _ catalog: inout DimensionCatalog) -> Measurement.Value {
        let calendarNanoseconds = max(0, end - start)
        let business =
            catalog.calendar(of: dimensions, calendar)?.businessNanoseconds(
                from: Timestamp(nanosecondsSinceEpoch: start), to: Timestamp(nanosecondsSinceEpoch: end)) ?? calendarNanoseconds
        return .duration(calendar: calendarNanoseconds, business: business)
    }
}

/// What a walk over a conversation found besides its measurements.
struct WalkOutcome: Sendable {
    /// What did not fit, with how often.
    var anomalies: [MeasurementAnomaly: Int] = [:]
    /// When the conversation started (`nil` when it was never opened).
    var start: Int64?
    /// Its status after its last event (`nil` when it was never opened).
    var status: ConversationStatus?

    /// The public form, with the measurements `rows`.
    func measurements(_ rows: [MeasuredRow], _ catalog: DimensionCatalog) -> ConversationMeasurements {
        var result = ConversationMeasurements()
        result.measurements = rows.map { row in
            Measurement(
                metric: row.metric.name, at: Timestamp(nanosecondsSinceEpoch: row.at), value: row.value,
                dimensions: catalog.dimensions(row.dimensions))
        }
        result.anomalies = anomalies
        result.start = start.map { Timestamp(nanosecondsSinceEpoch: $0) }
        result.status = status?.rawValue
        return result
    }
}

/// One pass over a conversation's sorted events.
struct ConversationWalk {
    let measurer: ConversationMeasurer
    let events: UnsafeBufferPointer<HeldEvent>
    let numbers: EventNumbers
    var settings: MetricSettings { measurer.settings }

    /// The measurements, as they are made.
    var rows: [MeasuredRow]
    var outcome = WalkOutcome()
    /// The dimensions in force after each event (a set id).
    var dimensions: Int32 = 0

    var start: Int64?
    /// The status in force, by its index in ``ConversationStatus/allCases``.
    var status = EventCode.openStatus
    /// Opened by the organisation (`attributes.direction: outbound` on the opening): nobody
    /// waits for a first response.
    var outbound = false
    // Responses.
    var firstReplyAt: Int64?
    var publicAgentReplies = 0
    var botSpoke = false
    var handoffAt: Int64?
    var waitingSince: Int64?
    // Contacts.
    var queuedAt: Int64?
    var answeredAt: Int64?
    var holdStartedAt: Int64?
    var endedCall: (answered: Int64, ended: Int64)?
    var answeredAnyContact = false
    // Statuses.
    var firstSolve: Int64?
    var lastSolve: Int64?
    var reopenCount = 0
    /// The earliest reopen: a reopen within the FCR window of the first solve exists exactly
    /// when the earliest one is.
    var earliestReopen: Int64?
    var openSince: Int64?
    var workSince: Int64?
    var work: (calendar: Int64, business: Int64) = (0, 0)
    var transferred = false
    var escalated = false
    var handledAt: (at: Int64, dimensions: Int32)?
    var csatAnswered = false

    init(measurer: ConversationMeasurer, events: UnsafeBufferPointer<HeldEvent>, numbers: EventNumbers, rows: [MeasuredRow]) {
        self.measurer = measurer
        self.events = events
        self.numbers = numbers
        self.rows = rows
    }

    mutating func run(_ catalog: inout DimensionCatalog) -> WalkOutcome {
        for event in events {
            dimensions = catalog.merged(dimensions, event.dimensions)
            if start == nil, startsConversation(event) { begin(at: event.at) }
            visit(event, &catalog)
        }
        finish(&catalog)
        outcome.start = start
        outcome.status = start == nil ? nil : ConversationStatus.allCases[status]
        rows.sort { $0.at < $1.at }
        return outcome
    }

    /// The conversation starts at its opening, its first public customer message or its first
    /// queueing, whichever comes first.
    func startsConversation(_ event: HeldEvent) -> Bool {
        switch event.code.kind {
        case .conversationOpened, .contactQueued: true
        case .messageCreated: event.code.author == .customer && event.code.isPublic != false
        default: false
        }
    }

    /// Whether the status of index `status` (in ``ConversationStatus/allCases``) counts as solved.
    func isSolved(_ status: Int) -> Bool {
        measurer.solvedStatus[status]
    }

    /// Whether the status of index `status` is a work status.
    func isWork(_ status: Int) -> Bool {
        measurer.workStatus[status]
    }

    mutating func begin(at instant: Int64) {
        start = instant
        openSince = instant
        workSince = isWork(status) ? instant : nil
        record(.volumeOpened, at: instant, .occurrence)
    }

    mutating func record(_ metric: MeasuredMetric, at instant: Int64, _ value: Measurement.Value, _ dimensions: Int32? = nil, currency: Int32 = 0) {
        rows.append(MeasuredRow(metric: metric, at: instant, dimensions: dimensions ?? self.dimensions, value: value, currency: currency))
    }

    mutating func note(_ anomaly: MeasurementAnomaly) {
        outcome.anomalies[anomaly, default: 0] += 1
    }

    mutating func handled(at instant: Int64) {
        if handledAt == nil { handledAt = (instant, dimensions) }
    }

    // MARK: Events

    mutating func visit(_ event: HeldEvent, _ catalog: inout DimensionCatalog) {
        let at = event.at
        let code = event.code
        switch code.kind {
        case .messageCreated:
            if code.isPublic == nil { note(.messageWithoutVisibility) }
            message(author: code.author, isPublic: code.isPublic ?? true, at: at, &catalog)
        case .conversationAssigned, .conversationTransferred:
            if code.kind == .conversationTransferred { transferred = true }
            if firstReplyAt == nil, botSpoke { handoffAt = at }
        case .conversationEscalated:
            escalated = true
        case .statusChanged:
            changeStatus(to: code.status, at: at, &catalog)
        case .contactQueued:
            if queuedAt == nil { queuedAt = at }
        case .contactAnswered:
            flushCall(&catalog)
            answeredAnyContact = true
            handled(at: at)
            if let queued = queuedAt {
                let wait = at - queued
                record(.averageSpeedOfAnswer, at: at, measurer.duration(from: queued, to: at, dimensions, &catalog))
                record(.serviceLevel, at: at, .outcome(wait <= nanoseconds(settings.serviceLevelThreshold)))
                record(.abandonmentRate, at: at, .outcome(false))
                queuedAt = nil
            } else {
                note(.answerWithoutQueue)
            }
            answeredAt = at
        case .contactAbandoned:
            if let queued = queuedAt {
                let wait = at - queued
                if wait >= nanoseconds(settings.shortAbandonThreshold) {
                    record(.serviceLevel, at: at, .outcome(false))
                    record(.abandonmentRate, at: at, .outcome(true))
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
                let talk = measurer.duration(from: call.answered, to: call.ended, dimensions, &catalog)
                let wrap = measurer.duration(from: call.ended, to: at, dimensions, &catalog)
                record(.averageHandleTime, at: at, talk + wrap)
                endedCall = nil
            } else {
                note(.wrapupWithoutEnd)
            }
        case .csatAnswered:
            csatAnswered = true
            record(.csat, at: at, .outcome(numbers.values[code.numbers] >= 4))
        case .npsAnswered:
            let score = numbers.values[code.numbers]
            record(.nps, at: at, .score(score >= 9 ? 100 : score <= 6 ? -100 : 0))
        case .cesAnswered:
            let score = numbers.values[code.numbers]
            record(.ces, at: at, .score(score))
            record(.cesEasyRate, at: at, .outcome(score >= 5))
        case .qaScored:
            record(.qaScore, at: at, .score(numbers.values[code.numbers]))
        case .orderPlaced:
            let currency = numbers.currencies[code.numbers]
            record(
                .averageOrderValue, at: at, .money(amount: numbers.values[code.numbers], currency: catalog.string(currency) ?? ""),
                currency: currency)
        case .conversationOpened:
            if let key = catalog.id(of: "direction"), let outbound = catalog.id(of: "outbound"),
                catalog.attribute(key, in: event.dimensions) == outbound
            {
                self.outbound = true
            }
        case .customerStarted, .customerChurned, .extension:
            break
        }
    }

    mutating func message(author: MessageAuthor, isPublic: Bool, at: Int64, _ catalog: inout DimensionCatalog) {
        switch author {
        case .customer where isPublic:
            if firstReplyAt != nil, waitingSince == nil, !isSolved(status) { waitingSince = at }
        case .agent where isPublic:
            publicAgentReplies += 1
            handled(at: at)
            if firstReplyAt == nil {
                firstReplyAt = at
                if let start, !outbound {
                    var clock = start
                    if settings.botHandoffRestartsFirstResponse, let handoffAt, handoffAt > clock { clock = handoffAt }
                    record(.firstResponseTime, at: at, measurer.duration(from: clock, to: at, dimensions, &catalog))
                }
            } else if let since = waitingSince {
                record(.nextReplyTime, at: at, measurer.duration(from: since, to: at, dimensions, &catalog))
                waitingSince = nil
            }
        case .bot:
            if firstReplyAt == nil { botSpoke = true }
        default:
            break
        }
    }

    mutating func changeStatus(to next: Int, at: Int64, _ catalog: inout DimensionCatalog) {
        let wasSolved = isSolved(status)
        let isSolved = isSolved(next)
        if let since = workSince {
            if case .duration(let calendar, let business) = measurer.duration(from: since, to: at, dimensions, &catalog) {
                work = (work.calendar + calendar, work.business + business)
            }
        }
        workSince = isWork(next) && start != nil ? at : nil
        if !wasSolved, isSolved {
            if firstSolve == nil { firstSolve = at }
            lastSolve = at
            waitingSince = nil
            record(.volumeSolved, at: at, .occurrence)
            if let since = openSince {
                record(.backlog, at: since, .openSpan(to: Timestamp(nanosecondsSinceEpoch: at)))
                openSince = nil
            }
        } else if wasSolved, !isSolved {
            reopenCount += 1
            earliestReopen = min(earliestReopen ?? at, at)
            if start != nil { openSince = at }
        }
        status = next
    }

    mutating func flushCall(_ catalog: inout DimensionCatalog) {
        guard let call = endedCall else { return }
        record(.averageHandleTime, at: call.ended, measurer.duration(from: call.answered, to: call.ended, dimensions, &catalog))
        endedCall = nil
    }

    // MARK: After the last event

    mutating func finish(_ catalog: inout DimensionCatalog) {
        flushCall(&catalog)
        guard let start else {
            if !events.isEmpty, events.contains(where: { isConversationEvent($0) }) { note(.neverOpened) }
            return
        }
        if let since = openSince { record(.backlog, at: since, .openSpan(to: nil)) }
        if let first = firstSolve {
            let atFirst = dimensions(at: first, &catalog)
            record(.firstResolutionTime, at: first, measurer.duration(from: start, to: first, atFirst, &catalog), atFirst)
            if isSolved(status), let last = lastSolve {
                let atLast = dimensions(at: last, &catalog)
                record(.fullResolutionTime, at: last, measurer.duration(from: start, to: last, atLast, &catalog), atLast)
                if !answeredAnyContact {
                    record(.averageHandleTime, at: last, .duration(calendar: work.calendar, business: work.business), atLast)
                }
            }
            let window = nanoseconds(settings.fcrReopenWindow)
            let reopenedInWindow = earliestReopen.map { $0 - first <= window } ?? false
            record(.firstContactResolution, at: first, .outcome(publicAgentReplies <= 1 && !transferred && !reopenedInWindow), atFirst)
            record(.oneTouchRate, at: first, .outcome(publicAgentReplies == 1), atFirst)
            record(.reopenRate, at: first, .outcome(reopenCount > 0), atFirst)
            record(.csatResponseRate, at: first, .outcome(csatAnswered), atFirst)
        }
        if let handled = handledAt {
            record(.transferRate, at: handled.at, .outcome(transferred), handled.dimensions)
            record(.escalationRate, at: handled.at, .outcome(escalated), handled.dimensions)
        }
    }

    /// The dimensions in force just after the last event at or before `instant`.
    func dimensions(at instant: Int64, _ catalog: inout DimensionCatalog) -> Int32 {
        var state: Int32 = 0
        for event in events where event.at <= instant { state = catalog.merged(state, event.dimensions) }
        return state
    }

    func isConversationEvent(_ event: HeldEvent) -> Bool {
        switch event.code.kind {
        case .csatAnswered, .npsAnswered, .cesAnswered, .qaScored, .orderPlaced, .customerStarted, .customerChurned, .extension: false
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
