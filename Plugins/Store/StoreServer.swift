import Logging
import TenetBus
import TenetModels
import TenetPlugin
import TenetStorage
import TenetStoreClient

/// The store's request loop. Everything it owns (the database, the ROUTER and the PUB socket)
/// is created, used and closed on its one thread.
struct StoreServer: Sendable {
    let context: ZMQContext
    let endpoint: String
    let publishEndpoint: String
    let name: String
    let databasePath: String
    let logger: Logger

    /// Requests gathered into one commit at most.
    static let maximumGroup = 512
    /// Where the store announces its last sequence number every second.
    static let headTopic = StoreHead.topic
    /// The most events one `replay` or `query` returns.
    static let maximumPage = 10_000

    func run(until stop: StopSignal) throws {
        let store = try EventStore(path: databasePath)
        let replier = try BusReplier(context: context, endpoint: endpoint, sender: name)
        defer { replier.close() }
        let publisher = try BusPublisher(context: context, endpoint: publishEndpoint, sender: name)
        defer { publisher.close() }
        logger.info("store open", metadata: ["database": "\(databasePath)", "last_seq": "\((try? store.statistics().lastSeq) ?? -1)"])
        var poller = ZMQPoller()
        poller.addReadable(replier.socket)
        let clock = ContinuousClock()
        var nextHead = clock.now
        while !stop.isRaised {
            if clock.now >= nextHead {
                // Lets subscribers notice events lost at the tail of a burst (see EventFollower).
                try publisher.publish(
                    topic: Self.headTopic, type: "store.head",
                    rawBody: Array(#"{"last_seq":\#((try? store.statistics().lastSeq) ?? 0)}"#.utf8))
                nextHead = clock.now.advanced(by: .seconds(1))
            }
            guard try !poller.poll(timeout: .milliseconds(100)).isEmpty else { continue }
            var appends: [BusReplier.Request] = []
            while appends.count < Self.maximumGroup, let request = try replier.nextRequest() {
                if request.method == StoreMethod.append {
                    appends.append(request)
                } else {
                    do {
                        try answer(request, store: store, replier: replier)
                    } catch let error as StorageError {
                        // A failed read fails that request, not the store.
                        logger.error("\(request.method) failed: \(error)")
                        try replier.fail(request, with: BusErrorBody(code: "storage_error", message: error.message))
                    }
                }
            }
            if !appends.isEmpty { try commit(appends, store: store, replier: replier, publisher: publisher) }
        }
    }

    // MARK: Append (group commit)

    private enum Slot {
        case event(Int)
        case rejected(EventValidationError)
    }

    private func commit(
        _ requests: [BusReplier.Request], store: EventStore, replier: BusReplier, publisher: BusPublisher
    ) throws {
        var events: [Event] = []
        var rejections: [DeadLetter] = []
        var plans: [(request: BusReplier.Request, slots: [Slot])] = []
        for request in requests {
            guard let body = try? JSONParser.parse(request.message.body).objectValue,
                let items = body["events"]?.arrayValue
            else {
                try replier.fail(request, with: .badRequest("an append body is {\"events\": [...], \"rejections\": [...]}"))
                continue
            }
            var slots: [Slot] = []
            slots.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                do {
                    events.append(try EventValidator.validate(item))
                    slots.append(.event(events.count - 1))
                } catch {
                    slots.append(.rejected(error))
                    rejections.append(DeadLetter(
                        source: "store:\(request.message.header.sender):\(request.message.header.id)", line: index + 1,
                        field: error.field.isEmpty ? nil : error.field, reason: error.description,
                        payload: JSONWriter.bytes(item)))
                }
            }
            for item in body["rejections"]?.arrayValue ?? [] {
                guard let rejection = item.objectValue else { continue }
                rejections.append(DeadLetter(
                    source: rejection["source"]?.stringValue ?? request.message.header.sender,
                    line: rejection["line"]?.numberValue.flatMap { Int(exactly: $0) }, field: rejection["field"]?.stringValue,
                    reason: rejection["reason"]?.stringValue ?? "rejected",
                    payload: Array((rejection["payload"]?.stringValue ?? "").utf8)))
            }
            plans.append((request, slots))
        }

        let bodies = events.map(\.json)
        let outcomes: [AppendOutcome]
        do {
            outcomes = try store.append(events, bodies: bodies, rejections: rejections)
        } catch {
            logger.error("append failed: \(error)")
            let code = error.code == .diskFull ? "storage_full" : "storage_error"
            for plan in plans { try replier.fail(plan.request, with: BusErrorBody(code: code, message: error.message)) }
            return
        }
        let lastSeq = (try? store.statistics().lastSeq) ?? (outcomes.map(\.seq).max() ?? 0)
        for plan in plans {
            try replier.reply(to: plan.request, rawBody: Self.appendReply(plan.slots, outcomes: outcomes, lastSeq: lastSeq))
        }
        for (index, outcome) in outcomes.enumerated() {
            guard case .stored(let seq) = outcome else { continue }
            try publisher.publish(
                topic: BusTopic.events + events[index].type.rawValue, type: "event",
                rawBody: Self.eventEntry(seq: seq, json: bodies[index]))
        }
    }

    private static func appendReply(_ slots: [Slot], outcomes: [AppendOutcome], lastSeq: Int64) -> [UInt8] {
        var output = Array(#"{"results":["#.utf8)
        output.reserveCapacity(slots.count * 32 + 32)
        for (index, slot) in slots.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            switch slot {
            case .event(let position):
                switch outcomes[position] {
                case .stored(let seq): output.append(contentsOf: #"{"status":"stored","seq":\#(seq)}"#.utf8)
                case .duplicate(let seq): output.append(contentsOf: #"{"status":"duplicate","seq":\#(seq)}"#.utf8)
                }
            case .rejected(let error):
                var entry = JSONObject([("status", .string("rejected")), ("reason", .string(error.description))])
                if !error.field.isEmpty { entry["field"] = .string(error.field) }
                JSONWriter.write(.object(entry), into: &output)
            }
        }
        output.append(contentsOf: #"],"last_seq":\#(lastSeq)}"#.utf8)
        return output
    }

    /// `{"seq":N,"event":{…}}`, the shape of a published event and of a replayed one.
    static func eventEntry(seq: Int64, json: [UInt8]) -> [UInt8] {
        var output = Array(#"{"seq":\#(seq),"event":"#.utf8)
        output.append(contentsOf: json)
        output.append(UInt8(ascii: "}"))
        return output
    }

    // MARK: Reads

    private func answer(_ request: BusReplier.Request, store: EventStore, replier: BusReplier) throws {
        switch request.method {
        case StoreMethod.replay:
            guard let body = try? request.message.decodeBody(ReplayRequest.self) else {
                try replier.fail(request, with: .badRequest("a replay body is {\"after\": SEQ, \"limit\": N}"))
                return
            }
            try reply(with: store.events(after: body.after, limit: min(max(body.limit, 0), Self.maximumPage)), request, store, replier)
        case StoreMethod.query:
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
                try reply(with: try store.events(matching: query), request, store, replier)
            } catch let error as StorageError where error.code == .invalidQuery {
                try replier.fail(request, with: .badRequest(error.message))
            }
        case StoreMethod.deadLetters:
            let body = (try? request.message.decodeBody(ReplayRequest.self)) ?? ReplayRequest(after: 0, limit: 1000)
            let letters = try store.deadLetters(after: body.after, limit: min(max(body.limit, 0), Self.maximumPage))
            let records = letters.map { letter in
                DeadLetterRecord(
                    seq: letter.seq, recordedAt: Timestamp(nanosecondsSinceEpoch: letter.recordedAt).rfc3339,
                    source: letter.source, line: letter.line, field: letter.field, reason: letter.reason,
                    payload: String(decoding: letter.payload, as: UTF8.self))
            }
            try replier.reply(to: request, body: DeadLettersReply(deadLetters: records))
        case StoreMethod.stats:
            let statistics = try store.statistics()
            try replier.reply(to: request, body: StoreStats(lastSeq: statistics.lastSeq, deadLetters: statistics.deadLetters))
        default:
            try replier.fail(request, with: .unknownMethod(request.method))
        }
    }

    private func reply(with events: [StoredEvent], _ request: BusReplier.Request, _ store: EventStore, _ replier: BusReplier) throws {
        var output = Array(#"{"events":["#.utf8)
        for (index, event) in events.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: Self.eventEntry(seq: event.seq, json: event.json))
        }
        let last = try store.statistics().lastSeq
        output.append(contentsOf: #"],"last_seq":\#(last)}"#.utf8)
        try replier.reply(to: request, rawBody: output)
    }
}
