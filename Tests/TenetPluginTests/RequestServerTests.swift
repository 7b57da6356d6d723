import Foundation
import Synchronization
import Testing
import TenetBus
import TenetPlugin

/// Echoes each request's body and records the size of every batch it was handed.
final class RecordingHandler: RequestHandler, @unchecked Sendable {
    let batches = Mutex<[Int]>([])
    let limit: Int

    init(capacity: Int) {
        limit = capacity
    }

    var capacity: Int { limit }

    func handle(_ requests: [BusReplier.Request], replier: BusReplier) throws {
        batches.withLock { $0.append(requests.count) }
        for request in requests { try replier.reply(to: request, rawBody: request.message.body) }
    }
}

/// A request server on a thread of its own for the length of a test.
struct ServedHandler: ~Copyable {
    let context: ZMQContext
    let endpoint: String
    private let directory: String
    private let stop = StopSignal()
    private let finished = DispatchSemaphore(value: 0)

    init(_ handler: some RequestHandler & Sendable, maximumMessageSize: Int = RequestServer.defaultMaximumMessageSize) throws {
        directory = NSTemporaryDirectory() + "tenet-rs-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        context = try ZMQContext()
        endpoint = "ipc://\(directory)/server.sock"
        let server = RequestServer(context: context, endpoint: endpoint, name: "test", maximumMessageSize: maximumMessageSize)
        let (stop, finished) = (stop, finished)
        Thread {
            try? server.run(handler, until: stop)
            finished.signal()
        }.start()
    }

    deinit {
        stop.raise()
        finished.wait()
        context.terminate()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

@Suite("The request server")
struct RequestServerTests {
    @Test("takes no more requests per turn than the handler's capacity, and answers every one in order")
    func capacityBoundsEachTurn() throws {
        let handler = RecordingHandler(capacity: 3)
        let served = try ServedHandler(handler)
        let client = try BusRequestClient(context: served.context, endpoint: served.endpoint, sender: "test")
        defer { client.close() }
        var ids: [String] = []
        for index in 0..<20 { ids.append(try client.send("echo", rawBody: Array("[\(index)]".utf8), timeout: .seconds(60))) }
        var answers: [String: String] = [:]
        while answers.count < ids.count {
            for completion in try client.wait(timeout: .seconds(5)) {
                answers[completion.id] = String(decoding: try completion.result.get().body, as: UTF8.self)
            }
        }
        #expect(ids.map { answers[$0] } == (0..<20).map { "[\($0)]" })
        let batches = handler.batches.withLock { $0 }
        #expect(batches.reduce(0, +) == 20)
        #expect(batches.allSatisfy { $0 <= 3 }, "\(batches)")
    }

    @Test("a request larger than the limit is never read: its sender is cut off, the server goes on serving others")
    func oversizedRequestRefused() throws {
        let served = try ServedHandler(RecordingHandler(capacity: 512), maximumMessageSize: 4096)
        let big = try BusRequestClient(context: served.context, endpoint: served.endpoint, sender: "big")
        defer { big.close() }
        let refused = #expect(throws: BusProtocolError.self) {
            try big.request("echo", rawBody: Array(repeating: UInt8(ascii: "x"), count: 10_000), timeout: .seconds(2))
        }
        #expect(refused?.code == .timedOut)
        let small = try BusRequestClient(context: served.context, endpoint: served.endpoint, sender: "small")
        defer { small.close() }
        let reply = try small.request("echo", rawBody: Array("{}".utf8), timeout: .seconds(30))
        #expect(reply.body == Array("{}".utf8))
    }
}
