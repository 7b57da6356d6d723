import Logging
import TenetBus
import TenetModels
import TenetPlugin
import TenetStorage
import TenetStoreProtocol

/// The store plugin's logic: answers the store methods (docs/STORE.md) for ``RequestServer``
/// and publishes every newly stored event after its commit.
///
/// Each turn it commits every `append` it was given in one transaction (group commit), then
/// answers at most ``readsPerTurn`` reads; reads beyond that wait for later turns, and it takes
/// at most ``maximumWaitingReads`` requests (less the reads still waiting) per turn. So appends
/// always go first and a flood of reads slows reads down without starving the producers' appends.
public final class StoreRequestHandler: RequestHandler {
    /// The most reads (`replay`, `query`, `dead_letters`, `stats`) answered in one turn.
    public static let readsPerTurn = 16
    /// The most requests taken in one turn, less the reads still waiting: beyond it, new
    /// requests stay queued in ZeroMQ, which shares the reading fairly between peers, so one
    /// producer's appends are never stuck behind another peer's hundreds of reads.
    public static let maximumWaitingReads = 32
    /// The most events one `replay` or `query` returns.
    public static let maximumPage = 10_000

    private let store: EventStore
    private let publisher: BusPublisher
    private let logger: Logger
    private var waitingReads: [BusReplier.Request] = []
    private var waitingReadsStart = 0
    private let clock = ContinuousClock()
    private var nextHead: ContinuousClock.Instant
    /// How often the last sequence number is announced on `sys.store.head`.
    public var headInterval: Duration = .seconds(1)

    /// Opens the database at `databasePath` and a publisher on `publishEndpoint`.
    public init(context: ZMQContext, databasePath: String, publishEndpoint: String, name: String, logger: Logger) throws {
        store = try EventStore(path: databasePath)
        publisher = try BusPublisher(context: context, endpoint: publishEndpoint, sender: name)
        self.logger = logger
        nextHead = clock.now
        logger.info("store open", metadata: ["database": "\(databasePath)", "last_seq": "\(store.statistics().lastSeq)"])
    }

    deinit {
        publisher.close()
    }

    private var waitingCount: Int { waitingReads.count - waitingReadsStart }

    public var capacity: Int { max(0, Self.maximumWaitingReads - waitingCount) }

    public func handle(_ requests: [BusReplier.Request], replier: BusReplier) throws {
        var appends: [BusReplier.Request] = []
        for request in requests {
            switch StoreMethod(rawValue: request.method) {
            case .append: appends.append(request)
            case .some: waitingReads.append(request)
            case nil: try replier.fail(request, with: .unknownMethod(request.method))
            }
        }
        if !appends.isEmpty { try commit(appends, replier: replier) }
    }

    public func turn(replier: BusReplier) throws -> Duration? {
        var answered = 0
        while answered < Self.readsPerTurn, waitingReadsStart < waitingReads.count {
            let request = waitingReads[waitingReadsStart]
            waitingReadsStart += 1
            answered += 1
            do {
                try answer(request, replier: replier)
            } catch let error as StorageError {
                // A failed read fails that request, not the store.
                logger.error("\(request.method) failed: \(error)")
                try replier.fail(request, with: BusErrorBody(code: BusErrorCode.storageError, message: error.message))
            }
        }
        if waitingReadsStart == waitingReads.count {
            waitingReads.removeAll(keepingCapacity: true)
            waitingReadsStart = 0
        }
        let now = clock.now
        if now >= nextHead {
            // Lets subscribers notice events lost at the tail of a burst (see EventFollower).
            try publisher.publish(
                topic: StoreHead.topic, type: StoreHead.type, rawBody: Array(#"{"last_seq":\#(store.statistics().lastSeq)}"#.utf8))
            nextHead = now.advanced(by: headInterval)
        }
        return waitingCount > 0 ? .zero : now.duration(to: nextHead)
    }

    // MARK: Append (group commit)

    private enum Slot {
        case event(Int)
        case rejected(EventValidationError)
    }

    private func commit(_ requests: [BusReplier.Request], replier: BusReplier) throws {
        var entries: [EventStore.Entry] = []
        var rejections: [DeadLetter] = []
        var plans: [(request: BusReplier.Request, slots: [Slot])] = []
        for request in requests {
            let append: AppendRequest
            do {
                append = try AppendRequest(body: request.message.body)
            } catch {
                try replier.fail(request, with: .badRequest(error.message))
                continue
            }
            var slots: [Slot] = []
            slots.reserveCapacity(append.events.count)
            for (index, line) in append.events.enumerated() {
                let number = append.lineNumber(of: index)
                do {
                    let event = try EventValidator.validate(json: line)
                    entries.append(EventStore.Entry(event: event, body: line, source: append.source, line: number))
                    slots.append(.event(entries.count - 1))
                } catch {
                    slots.append(.rejected(error))
                    rejections.append(DeadLetter(
                        source: append.source, line: number, field: error.field.isEmpty ? nil : error.field,
                        reason: error.description, payload: line))
                }
            }
            for rejection in append.rejections {
                rejections.append(DeadLetter(
                    source: rejection.source, line: rejection.line, field: rejection.field, reason: rejection.reason,
                    payload: Array(rejection.payload.utf8)))
            }
            plans.append((request, slots))
        }

        let outcomes: [AppendOutcome]
        do {
            outcomes = try store.append(entries, rejections: rejections)
        } catch {
            logger.error("append failed: \(error)")
            let code = error.code == .diskFull ? BusErrorCode.storageFull : BusErrorCode.storageError
            for plan in plans { try replier.fail(plan.request, with: BusErrorBody(code: code, message: error.message)) }
            return
        }
        let lastSeq = store.statistics().lastSeq
        for plan in plans {
            let results = plan.slots.map { slot -> AppendResult in
                switch slot {
                case .event(let position):
                    switch outcomes[position] {
                    case .stored(let seq): return AppendResult(status: .stored, seq: seq)
                    case .duplicate(let seq): return AppendResult(status: .duplicate, seq: seq)
                    case .conflict(let seq, let storedDigest, let receivedDigest):
                        return AppendResult(
                            status: .conflict, seq: seq, field: "id",
                            reason: "`id`: \(entries[position].event.id) is already stored (seq \(seq)) with different content "
                                + "(stored sha256 \(storedDigest), received sha256 \(receivedDigest)): not stored")
                    }
                case .rejected(let error):
                    return AppendResult(status: .rejected, field: error.field.isEmpty ? nil : error.field, reason: error.description)
                }
            }
            try replier.reply(to: plan.request, rawBody: AppendReply(results: results, lastSeq: lastSeq).body())
        }
        for (index, outcome) in outcomes.enumerated() {
            guard case .stored(let seq) = outcome else { continue }
            let event = entries[index].event
            var body: [UInt8] = []
            StoredEvent.writeEntry(seq: seq, id: event.id, type: event.type.rawValue, json: entries[index].body, into: &body)
            try publisher.publish(topic: BusTopic.events + event.type.rawValue, type: "event", rawBody: body)
        }
    }

    // MARK: Reads

    private func answer(_ request: BusReplier.Request, replier: BusReplier) throws {
        switch StoreMethod(rawValue: request.method) {
        case .replay:
            guard let body = try? request.message.decodeBody(ReplayRequest.self) else {
                try replier.fail(request, with: .badRequest("a replay body is {\"after\": SEQ, \"limit\": N}"))
                return
            }
            try reply(with: store.events(after: body.after, limit: min(max(body.limit, 0), Self.maximumPage)), request, replier)
        case .query:
            guard let body = try? request.message.decodeBody(QueryRequest.self) else {
                try replier.fail(request, with: .badRequest("a query body is an object of optional filters (see docs/STORE.md)"))
                return
            }
            var query = EventQuery()
            query.afterSeq = body.after ?? 0
            query.conversation = body.conversation
            query.limit = min(max(body.limit ?? 1000, 0), Self.maximumPage)
            query.dimensions = body.dimensions ?? [:]
            if let from = body.from {
                guard let time = Timestamp(rfc3339: from) else {
                    try replier.fail(request, with: .badRequest("`from`: \(from) is not an RFC 3339 time"))
                    return
                }
                query.from = time
            }
            if let until = body.until {
                guard let time = Timestamp(rfc3339: until) else {
                    try replier.fail(request, with: .badRequest("`until`: \(until) is not an RFC 3339 time"))
                    return
                }
                query.until = time
            }
            for name in body.types ?? [] {
                guard let type = EventType(rawValue: name) else {
                    try replier.fail(request, with: .badRequest("`types`: \(name) is not an event type"))
                    return
                }
                query.types.append(type)
            }
            do {
                try reply(with: try store.events(matching: query), request, replier)
            } catch let error as StorageError where error.code == .invalidQuery {
                try replier.fail(request, with: .badRequest(error.message))
            }
        case .deadLetters:
            let body = (try? request.message.decodeBody(ReplayRequest.self)) ?? ReplayRequest(after: 0, limit: 1000)
            let letters = try store.deadLetters(after: body.after, limit: min(max(body.limit, 0), Self.maximumPage))
            let records = letters.map { letter in
                DeadLetterRecord(
                    seq: letter.seq, recordedAt: Timestamp(nanosecondsSinceEpoch: letter.recordedAt).rfc3339,
                    source: letter.source, line: letter.line, field: letter.field, reason: letter.reason,
                    payload: String(decoding: letter.payload, as: UTF8.self))
            }
            try replier.reply(to: request, body: DeadLettersReply(deadLetters: records))
        case .stats:
            let statistics = store.statistics()
            try replier.reply(to: request, body: StoreStats(lastSeq: statistics.lastSeq, deadLetters: statistics.deadLetters))
        case .append, nil:
            try replier.fail(request, with: .unknownMethod(request.method))
        }
    }

    private func reply(with events: [StoredEvent], _ request: BusReplier.Request, _ replier: BusReplier) throws {
        var output = Array(#"{"events":["#.utf8)
        for (index, event) in events.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            event.writeEntry(into: &output)
        }
        output.append(contentsOf: #"],"last_seq":\#(store.statistics().lastSeq)}"#.utf8)
        try replier.reply(to: request, rawBody: output)
    }
}
