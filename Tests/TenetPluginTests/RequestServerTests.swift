import Foundation
import Synchronization
import Testing
import TenetBus
import TenetPlugin
import TenetTestSupport

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

@Suite("The request server")
struct RequestServerTests {
    @Test("takes no more requests per turn than the handler's capacity, and answers every one in order")
    func capacityBoundsEachTurn() throws {
        let handler = RecordingHandler(capacity: 3)
        let served = try ServedRequestHandler { _, _ in handler }
        defer { served.close() }
        let client = try served.client()
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
        let served = try ServedRequestHandler(maximumMessageSize: 4096) { _, _ in RecordingHandler(capacity: 512) }
        defer { served.close() }
        let big = try served.client("big")
        defer { big.close() }
        let refused = #expect(throws: BusProtocolError.self) {
            try big.request("echo", rawBody: Array(repeating: UInt8(ascii: "x"), count: 10_000), timeout: .seconds(2))
        }
        #expect(refused?.code == .timedOut)
        let small = try served.client("small")
        defer { small.close() }
        let reply = try small.request("echo", rawBody: Array("{}".utf8), timeout: .seconds(30))
        #expect(reply.body == Array("{}".utf8))
    }
}
