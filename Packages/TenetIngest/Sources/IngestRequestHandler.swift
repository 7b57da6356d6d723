import Logging
import TenetBus
import TenetIngestProtocol
import TenetModels
import TenetPlugin
import TenetStoreProtocol

/// Serves ZeroMQ producers for ``RequestServer``: `lines` and `events` requests are forwarded
/// to the store and answered once the store has committed them. Requests are pipelined through
/// one ``BusRequestClient``, so many producers' batches reach the store together and share its
/// commits.
public final class IngestRequestHandler: RequestHandler {
    /// The largest line number a producer may give.
    public static let maximumLine = 1 << 40
    /// How long the store may take before the producer is told it is unavailable.
    public static let storeTimeout: Duration = .seconds(30)
    /// The most batches waiting for the store at once; more wait in ZeroMQ's queue.
    public static let maximumInFlight = 256

    private let store: BusRequestClient
    private let logger: Logger
    private var waiting: [String: (request: BusReplier.Request, batch: IngestBatch)] = [:]

    /// Connects to the store at `storeEndpoint`.
    public init(context: ZMQContext, storeEndpoint: String, name: String, logger: Logger) throws(ZMQError) {
        store = try BusRequestClient(context: context, endpoint: storeEndpoint, sender: name)
        self.logger = logger
    }

    deinit {
        store.close()
    }

    public var extraSockets: [ZMQSocket] { [store.socket] }

    public var capacity: Int { max(0, Self.maximumInFlight - waiting.count) }

    public func handle(_ requests: [BusReplier.Request], replier: BusReplier) throws {
        for request in requests {
            guard let batch = try batch(for: request, replier: replier) else { continue }
            do {
                let id = try store.send(StoreMethod.append.rawValue, rawBody: batch.request.body(), timeout: Self.storeTimeout)
                waiting[id] = (request, batch)
            } catch {
                try replier.fail(request, with: BusErrorBody(
                    code: .storeUnavailable, message: "the store cannot be reached (\(error)): nothing was acknowledged, retry"))
            }
        }
    }

    public func turn(replier: BusReplier) throws -> Duration? {
        for completion in try store.collect() {
            guard let entry = waiting.removeValue(forKey: completion.id) else { continue }
            try answer(entry.request, entry.batch, with: completion.result, replier: replier)
        }
        return nil
    }

    private func batch(for request: BusReplier.Request, replier: BusReplier) throws -> IngestBatch? {
        switch IngestMethod(rawValue: request.method) {
        case .lines:
            let body: LinesRequest
            do {
                body = try LinesRequest(json: request.message.body)
            } catch {
                try replier.fail(request, with: .badRequest(error.message))
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
        case .events:
            let items: [JSONValue]
            do {
                guard let list = try JSONParser.parse(request.message.body, maximumDepth: Event.parsingDepth(envelopeLevels: 2)).objectValue?["events"]?.arrayValue else {
                    try replier.fail(request, with: .badRequest("an events body is {\"events\": [EVENT…]}"))
                    return nil
                }
                items = list
            } catch {
                try replier.fail(request, with: .badRequest("an events body is {\"events\": [EVENT…]}: \(error)"))
                return nil
            }
            let source = "zmq:\(request.message.header.sender):\(request.message.header.id)"
            return IngestBatch(lines: items.map { ArraySlice(JSONWriter.bytes($0)) }, source: source)
        case nil:
            try replier.fail(request, with: .unknownMethod(request.method))
            return nil
        }
    }

    private func answer(
        _ request: BusReplier.Request, _ batch: IngestBatch, with result: Result<BusMessage, BusProtocolError>, replier: BusReplier
    ) throws {
        switch result {
        case .failure(let error):
            if let remote = error.remote {
                // The store's own code: retryable ones (storage_full, storage_error) pass as they are;
                // a refusal of the request ingest built is a defect, reported as store_error.
                let code: BusErrorCode = remote.code.isRetryable ? remote.code : .storeError
                try replier.fail(request, with: BusErrorBody(code: code, message: remote.message))
            } else {
                logger.warning("store unavailable: \(error)")
                try replier.fail(request, with: BusErrorBody(
                    code: .storeUnavailable, message: "the store did not answer (\(error.code)): nothing was acknowledged, retry"))
            }
        case .success(let reply):
            guard let appended = try? AppendReply(body: reply.body) else {
                try replier.fail(request, with: BusErrorBody(code: .storeError, message: "the store's reply could not be read"))
                return
            }
            try replier.reply(to: request, body: batch.report(for: appended))
        }
    }
}
