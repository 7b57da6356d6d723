import Foundation
import Testing
import TenetBus

/// Serves `echo` (and fails every other method) on a ROUTER from a thread of its own until
/// `count` requests are answered. Wait on the returned semaphore before terminating the context.
private func startServer(context: ZMQContext, endpoint: String, count: Int) -> DispatchSemaphore {
    let bound = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        defer { done.signal() }
        guard let replier = try? BusReplier(context: context, endpoint: endpoint, sender: "server") else {
            bound.signal()
            return
        }
        bound.signal()
        var poller = ZMQPoller()
        poller.addReadable(replier.socket)
        var answered = 0
        while answered < count {
            guard (try? poller.poll(timeout: .milliseconds(100)))?.isEmpty == false else { continue }
            while answered < count, let request = try? replier.nextRequest() {
                switch request.method {
                case "echo": try? replier.reply(to: request, rawBody: request.message.body)
                default: try? replier.fail(request, with: .unknownMethod(request.method))
                }
                answered += 1
            }
        }
        replier.close()
    }
    thread.start()
    bound.wait()
    return done
}

@Suite("Request and reply")
struct RequestReplyTests {
    @Test("a DEALER client gets the reply that names its request")
    func dealerClient() throws {
        let context = try ZMQContext()
        let endpoint = temporaryEndpoint("rr")
        let served = startServer(context: context, endpoint: endpoint, count: 3)
        let client = try BusRequestClient(context: context, endpoint: endpoint, sender: "test")
        for index in 0..<2 {
            let reply = try client.request("echo", body: ["n": index], timeout: .seconds(30))
            #expect(reply.header.type == BusMessageType.reply)
            #expect(reply.header.sender == "server")
            #expect(reply.topic == "echo")
            #expect(try reply.decodeBody([String: Int].self) == ["n": index])
        }
        let error = #expect(throws: BusProtocolError.self) {
            try client.request("frobnicate", body: EmptyBody(), timeout: .seconds(30))
        }
        #expect(error?.code == .remoteError)
        #expect(error?.remote?.code == "unknown_method")
        #expect(error?.remote?.message.contains("frobnicate") == true)
        client.close()
        served.wait()
        context.terminate()
    }

    @Test("a plain REQ socket works too: the empty delimiter is kept and echoed")
    func reqClient() throws {
        let context = try ZMQContext()
        let endpoint = temporaryEndpoint("req")
        let served = startServer(context: context, endpoint: endpoint, count: 1)
        let req = try ZMQSocket(context: context, type: .req)
        try req.set(.receiveTimeout(.seconds(30)))
        try req.connect(endpoint)
        var stamper = MessageStamper(sender: "py")
        let request = stamper.message(topic: "echo", type: BusMessageType.request, body: ["hello": "world"])
        try req.send(multipart: request.frames())
        let frames = try #require(try req.receiveMultipart())
        let reply = try BusMessage(frames: frames)
        #expect(reply.header.correlation == request.header.id)
        #expect(try reply.decodeBody([String: String].self) == ["hello": "world"])
        req.close()
        served.wait()
        context.terminate()
    }

    @Test("a malformed request is answered with bad_message, not dropped")
    func malformedRequest() throws {
        let context = try ZMQContext()
        let endpoint = temporaryEndpoint("bad")
        let served = startServer(context: context, endpoint: endpoint, count: 1)
        let dealer = try ZMQSocket(context: context, type: .dealer)
        try dealer.set(.receiveTimeout(.seconds(30)))
        try dealer.connect(endpoint)
        try dealer.send(multipart: [Array("echo".utf8), Array("{not json".utf8), Array("{}".utf8)])
        let reply = try BusMessage(frames: try #require(try dealer.receiveMultipart()))
        #expect(reply.header.type == BusMessageType.error)
        let body = try reply.decodeBody(BusErrorBody.self)
        #expect(body.code == "bad_message")
        // The server is still serving: a good request after the bad one is answered.
        let client = try BusRequestClient(context: context, endpoint: endpoint, sender: "test")
        let good = try client.request("echo", body: ["ok": true], timeout: .seconds(30))
        #expect(try good.decodeBody([String: Bool].self) == ["ok": true])
        dealer.close()
        client.close()
        served.wait()
        context.terminate()
    }

    @Test("no answer within the timeout is a timed_out error naming the endpoint")
    func timeout() throws {
        let context = try ZMQContext()
        let endpoint = temporaryEndpoint("silent")
        let client = try BusRequestClient(context: context, endpoint: endpoint, sender: "test")
        let error = #expect(throws: BusProtocolError.self) {
            try client.request("status", body: EmptyBody(), timeout: .milliseconds(200))
        }
        #expect(error?.code == .timedOut)
        #expect(error?.message.contains(endpoint) == true)
        client.close()
        context.terminate()
    }
}
