import Foundation
import Testing
import TenetBus

#if canImport(Glibc)
import Glibc
#endif

/// A short, unique ipc endpoint under /tmp (socket paths must stay under 107 bytes).
func temporaryEndpoint(_ name: String) -> String {
    "ipc:///tmp/tenet-bus-test-\(getpid())-\(name)-\(UInt32.random(in: 0...UInt32.max)).sock"
}

@Suite("ZeroMQ binding")
struct ZMQSocketTests {
    @Test("errors keep errno and name the operation and the endpoint")
    func errorsKeepErrno() throws {
        let context = try ZMQContext()
        let socket = try ZMQSocket(context: context, type: .pull)
        let error = #expect(throws: ZMQError.self) { try socket.bind("nonsense://x") }
        #expect(error?.code == .protocolNotSupported)
        #expect(error?.operation == "zmq_bind")
        #expect(error?.description.contains("nonsense://x") == true)
        #expect(error?.description.contains("errno \(EPROTONOSUPPORT)") == true)

        try socket.bind("tcp://127.0.0.1:*")
        let endpoint = try socket.lastEndpoint
        #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
        let second = try ZMQSocket(context: context, type: .pull)
        let inUse = #expect(throws: ZMQError.self) { try second.bind(endpoint) }
        #expect(inUse?.code == .addressInUse)
        socket.close()
        second.close()
        context.terminate()
    }

    @Test("a closed socket refuses work with ENOTSOCK instead of crashing")
    func closedSocket() throws {
        let context = try ZMQContext()
        let socket = try ZMQSocket(context: context, type: .push)
        socket.close()
        socket.close()
        #expect(socket.isClosed)
        let error = #expect(throws: ZMQError.self) { try socket.send([1, 2, 3]) }
        #expect(error?.code == .notSocket)
        context.terminate()
    }

    @Test("multipart messages arrive whole, empty frames included")
    func multipart() throws {
        let context = try ZMQContext()
        let endpoint = "inproc://multipart"
        let pull = try ZMQSocket(context: context, type: .pull)
        try pull.bind(endpoint)
        let push = try ZMQSocket(context: context, type: .push)
        try push.connect(endpoint)
        let frames: [[UInt8]] = [Array("topic".utf8), [], Array(repeating: 7, count: 100_000), [0]]
        try push.send(multipart: frames)
        let received = try pull.receiveMultipart()
        #expect(received == frames)
        #expect(try pull.receiveMultipart(dontWait: true) == nil)
        push.close()
        pull.close()
        context.terminate()
    }

    @Test("receiving into a reused message reads each frame in place")
    func reusedMessage() throws {
        let context = try ZMQContext()
        let pull = try ZMQSocket(context: context, type: .pull)
        try pull.bind("inproc://reuse")
        let push = try ZMQSocket(context: context, type: .push)
        try push.connect("inproc://reuse")
        for index in 0..<100 {
            try push.send(Array(repeating: UInt8(index), count: index + 1))
        }
        let message = ZMQMessage()
        for index in 0..<100 {
            #expect(try pull.receive(into: message))
            #expect(message.count == index + 1)
            #expect(message.withUnsafeBytes { $0.allSatisfy { $0 == UInt8(index) } })
            #expect(!message.hasMore)
        }
        push.close()
        pull.close()
        context.terminate()
    }

    @Test("a received frame can be forwarded without copying, and the message reused")
    func forwardMessage() throws {
        let context = try ZMQContext()
        let first = try ZMQSocket(context: context, type: .pull)
        try first.bind("inproc://forward-in")
        let relay = try ZMQSocket(context: context, type: .push)
        try relay.bind("inproc://forward-out")
        let source = try ZMQSocket(context: context, type: .push)
        try source.connect("inproc://forward-in")
        let sink = try ZMQSocket(context: context, type: .pull)
        try sink.connect("inproc://forward-out")

        try source.send(multipart: [Array("a".utf8), Array("payload".utf8)])
        let message = ZMQMessage()
        var more = true
        while more {
            try first.receive(into: message)
            more = message.hasMore
            try relay.send(message, more: more)
            #expect(message.count == 0)
        }
        #expect(try sink.receiveMultipart() == [Array("a".utf8), Array("payload".utf8)])
        try relay.send(ZMQMessage(bytes: Array("built".utf8)))
        #expect(try sink.receiveMultipart() == [Array("built".utf8)])
        for socket in [first, relay, source, sink] { socket.close() }
        context.terminate()
    }

    @Test("subscriptions filter by topic prefix")
    func subscriptions() throws {
        let context = try ZMQContext()
        let endpoint = temporaryEndpoint("prefix")
        let publisher = try ZMQSocket(context: context, type: .pub)
        try publisher.bind(endpoint)
        let subscriber = try ZMQSocket(context: context, type: .sub)
        try subscriber.set(.subscribe("metric."))
        try subscriber.set(.receiveTimeout(.milliseconds(100)))
        try subscriber.connect(endpoint)
        // The subscription travels asynchronously: publish until the first one gets through.
        var received: [[UInt8]]?
        let deadline = Date().addingTimeInterval(30)
        while received == nil && Date() < deadline {
            try publisher.send(multipart: [Array("event.x".utf8), [1]])
            try publisher.send(multipart: [Array("metric.frt".utf8), [2]])
            received = try subscriber.receiveMultipart()
        }
        #expect(received == [Array("metric.frt".utf8), [2]])
        // Nothing but metric.* ever arrives.
        while let next = try subscriber.receiveMultipart(dontWait: true) {
            #expect(next[0] == Array("metric.frt".utf8))
        }
        publisher.close()
        subscriber.close()
        context.terminate()
    }

    @Test("a clean exit loses nothing: close with linger, then terminate, flushes every message")
    func lingerFlushes() throws {
        let endpoint = temporaryEndpoint("linger")
        let receiverContext = try ZMQContext()
        let pull = try ZMQSocket(context: receiverContext, type: .pull)
        // The receiver reads only after the sender is gone, so it must be able to hold it all.
        try pull.set(.receiveHighWaterMark(0))
        try pull.bind(endpoint)

        let senderContext = try ZMQContext()
        let push = try ZMQSocket(context: senderContext, type: .push)
        try push.set(.sendHighWaterMark(0))
        try push.connect(endpoint)
        let count = 20_000
        for index in 0..<count {
            var value = UInt32(index).littleEndian
            try withUnsafeBytes(of: &value) { buffer in _ = try push.send(buffer) }
        }
        // Close at once and terminate: queued messages must still go out.
        push.close()
        senderContext.terminate()

        let message = ZMQMessage()
        try pull.set(.receiveTimeout(.seconds(30)))
        for index in 0..<count {
            try #require(try pull.receive(into: message))
            let value = message.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
            #expect(UInt32(littleEndian: value) == UInt32(index))
        }
        pull.close()
        receiverContext.terminate()
    }

    @Test("the poller reports readable sockets and file descriptors")
    func poller() throws {
        let context = try ZMQContext()
        let pull = try ZMQSocket(context: context, type: .pull)
        try pull.bind("inproc://poll")
        let push = try ZMQSocket(context: context, type: .push)
        try push.connect("inproc://poll")
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        var poller = ZMQPoller()
        let socketIndex = poller.addReadable(pull)
        let pipeIndex = poller.addReadable(fileDescriptor: fds[0])
        #expect(try poller.poll(timeout: .milliseconds(10)).isEmpty)
        try push.send([1])
        #expect(try poller.poll(timeout: .seconds(30)) == [socketIndex])
        _ = try pull.receiveMultipart()
        var byte: UInt8 = 1
        #expect(write(fds[1], &byte, 1) == 1)
        #expect(try poller.poll(timeout: .seconds(30)) == [pipeIndex])
        push.close()
        pull.close()
        context.terminate()
    }

    @Test("CURVE: a client with the server's key is served, one with a wrong key is not")
    func curve() throws {
        #expect(ZMQContext.hasCapability("curve"))
        let server = try CurveKeyPair.generate()
        let client = try CurveKeyPair.generate()
        let stranger = try CurveKeyPair.generate()
        #expect(server.publicKey.count == 40 && server.secretKey.count == 40)
        #expect(server != client)

        let context = try ZMQContext()
        let pull = try ZMQSocket(context: context, type: .pull)
        try pull.set(.curveServer(secretKey: server.secretKey))
        try pull.set(.receiveTimeout(.seconds(30)))
        try pull.bind("tcp://127.0.0.1:*")
        let endpoint = try pull.lastEndpoint

        let wrong = try ZMQSocket(context: context, type: .push)
        try wrong.set(.curveClient(serverPublicKey: stranger.publicKey, publicKey: client.publicKey, secretKey: client.secretKey))
        try wrong.set(.linger(.zero))
        try wrong.connect(endpoint)
        _ = try wrong.send(Array("intruder".utf8), dontWait: true)

        let right = try ZMQSocket(context: context, type: .push)
        try right.set(.curveClient(serverPublicKey: server.publicKey, publicKey: client.publicKey, secretKey: client.secretKey))
        try right.connect(endpoint)
        try right.send(Array("hello".utf8))

        // Only the properly keyed client's message arrives.
        #expect(try pull.receiveMultipart() == [Array("hello".utf8)])
        try pull.set(.receiveTimeout(.milliseconds(300)))
        #expect(try pull.receiveMultipart() == nil)

        let bad = #expect(throws: ZMQError.self) { try pull.set(.curveServer(secretKey: "too short")) }
        #expect(bad?.code == .invalidArgument)
        wrong.close()
        right.close()
        pull.close()
        context.terminate()
    }

    @Test("every socket type can be made; the library is 4.3")
    func socketTypes() throws {
        let context = try ZMQContext()
        for type in ZMQSocketType.allCases {
            let socket = try ZMQSocket(context: context, type: type)
            #expect(socket.type == type)
            socket.close()
        }
        #expect(ZMQContext.libraryVersion.major == 4)
        #expect(ZMQContext.libraryVersion.minor >= 3)
        context.terminate()
    }
}
