import Logging
import TenetBus
import TenetModels
import TenetPlugin
import TenetStoreClient

/// Serves ZeroMQ producers: `lines` and `events` requests are validated, forwarded to the store
/// and answered once the store has committed. One thread owns both sockets; requests are
/// pipelined, so many producers' batches reach the store together and share its commits.
struct ZMQIngestServer: Sendable {
    let context: ZMQContext
    let endpoint: String
    let storeEndpoint: String
    let name: String
    let logger: Logger

    /// The largest line number a producer may give.
    static let maximumLine = 1 << 40

    /// How long the store may take before the producer is told it is unavailable.
    static let storeTimeout: Duration = .seconds(30)

    private struct Waiting {
        var request: BusReplier.Request
        var batch: IngestBatch
        var deadline: ContinuousClock.Instant
    }

    func run(until stop: StopSignal) throws {
        let replier = try BusReplier(context: context, endpoint: endpoint, sender: name)
        defer { replier.close() }
        let store = try ZMQSocket(context: context, type: .dealer)
        try store.set(.linger(.zero))
        try store.connect(storeEndpoint)
        defer { store.close() }
        var stamper = MessageStamper(sender: name)
        var waiting: [String: Waiting] = [:]
        var poller = ZMQPoller()
        let producerIndex = poller.addReadable(replier.socket)
        let storeIndex = poller.addReadable(store)
        let clock = ContinuousClock()
        while !stop.isRaised {
            let ready = try poller.poll(timeout: .milliseconds(100))
            if ready.contains(producerIndex) {
                while let request = try replier.nextRequest() {
                    guard let batch = try batch(for: request, replier: replier) else { continue }
                    let message = stamper.message(topic: StoreMethod.append, type: BusMessageType.request, rawBody: batch.request.body())
                    try store.send(multipart: message.frames())
                    waiting[message.header.id] = Waiting(request: request, batch: batch, deadline: clock.now.advanced(by: Self.storeTimeout))
                }
            }
            if ready.contains(storeIndex) {
                while let frames = try store.receiveMultipart(dontWait: true) {
                    guard let reply = try? BusMessage(frames: frames), let correlation = reply.header.correlation,
                        let entry = waiting.removeValue(forKey: correlation)
                    else { continue }
                    try answer(entry, with: reply, replier: replier)
                }
            }
            let now = clock.now
            for (id, entry) in waiting where entry.deadline <= now {
                waiting[id] = nil
                try replier.fail(entry.request, with: BusErrorBody(
                    code: "store_unavailable", message: "the store did not answer within \(Self.storeTimeout); nothing was acknowledged, retry"))
            }
        }
    }

    private func batch(for request: BusReplier.Request, replier: BusReplier) throws -> IngestBatch? {
        switch request.method {
        case "lines":
            guard let body = try? LinesRequest(json: request.message.body) else {
                try replier.fail(request, with: .badRequest("a lines body is {\"source\": TEXT, \"first_line\": N, \"lines\": [TEXT…]}"))
                return nil
            }
            let numbersFit = (body.lineNumbers ?? []).allSatisfy { (1...Self.maximumLine).contains($0) }
            guard (1...Self.maximumLine).contains(body.firstLine), numbersFit,
                body.lines.count <= Self.maximumLine - body.firstLine
            else {
                try replier.fail(request, with: .badRequest("`first_line` and `line_numbers` must be from 1 to \(Self.maximumLine)"))
                return nil
            }
            return IngestBatch(
                lines: body.lines.map { ArraySlice($0.utf8) }, source: body.source, firstLine: body.firstLine,
                numbers: body.lineNumbers, rejected: body.rejected ?? [])
        case "events":
            guard let items = (try? JSONParser.parse(request.message.body))?.objectValue?["events"]?.arrayValue else {
                try replier.fail(request, with: .badRequest("an events body is {\"events\": [EVENT…]}"))
                return nil
            }
            let source = "zmq:\(request.message.header.sender):\(request.message.header.id)"
            return IngestBatch(lines: items.map { ArraySlice(JSONWriter.bytes($0)) }, source: source)
        default:
            try replier.fail(request, with: .unknownMethod(request.method))
            return nil
        }
    }

    private func answer(_ entry: Waiting, with reply: BusMessage, replier: BusReplier) throws {
        if reply.header.type == BusMessageType.error {
            let remote = (try? reply.decodeBody(BusErrorBody.self)) ?? BusErrorBody(code: "store_error", message: "the store failed")
            try replier.fail(entry.request, with: remote)
            return
        }
        guard let appended = try? AppendReply(json: reply.body) else {
            try replier.fail(entry.request, with: BusErrorBody(code: "store_error", message: "the store's reply could not be read"))
            return
        }
        try replier.reply(to: entry.request, body: entry.batch.report(for: appended))
    }
}
