import Foundation
import Synchronization
import Testing
import TenetBus
import TenetModels

@Suite("Wire protocol")
struct BusProtocolTests {
    @Test("a message round-trips through its three frames")
    func roundTrip() throws {
        var stamper = MessageStamper(sender: "store", instance: "abc123abc123")
        let message = stamper.message(topic: "event.opened", type: "event", body: ["id": "e1"])
        let frames = message.frames()
        #expect(frames.count == 3)
        #expect(frames[0] == Array("event.opened".utf8))
        let decoded = try BusMessage(frames: frames)
        #expect(decoded == message)
        #expect(decoded.header.seq == 1)
        #expect(decoded.header.id == "abc123abc123-1")
        #expect(decoded.header.version == 1)
        // The stamp is a valid RFC 3339 time, now.
        let stamped = try #require(Timestamp(rfc3339: decoded.header.time))
        #expect(abs(stamped.nanosecondsSinceEpoch - Timestamp.now().nanosecondsSinceEpoch) < 5_000_000_000)
        #expect(decoded.header.time.count == 24)
        #expect(try decoded.decodeBody([String: String].self) == ["id": "e1"])
        let second = stamper.message(topic: "event.opened", type: "event", body: EmptyBody())
        #expect(second.header.seq == 2)
        // Each topic counts on its own; ids stay unique across topics.
        let other = stamper.message(topic: "event.solved", type: "event", body: EmptyBody())
        #expect(other.header.seq == 1)
        #expect(other.header.id == "abc123abc123-3")
        #expect(stamper.lastSequence(on: "event.opened") == 2)
        #expect(stamper.stampedCount == 3)
    }

    @Test("unknown header fields are ignored; a newer version is refused")
    func compatibility() throws {
        let header = Array("""
            {"version":1,"id":"i-1","sender":"x","instance":"i","seq":1,"time":"2026-11-22T08:00:00.000Z",
             "type":"future.kind","colour":"blue","nested":{"a":[1,2]}}
            """.utf8)
        let message = try BusMessage(frames: [Array("sys.x".utf8), header, Array("{}".utf8)])
        #expect(message.header.type == "future.kind")

        let newer = Array("""
            {"version":2,"id":"i-1","sender":"x","instance":"i","seq":1,"time":"t","type":"t"}
            """.utf8)
        let error = #expect(throws: BusProtocolError.self) {
            try BusMessage(frames: [Array("sys.x".utf8), newer, Array("{}".utf8)])
        }
        #expect(error?.code == .unsupportedVersion)
    }

    @Test("malformed messages are refused with a reason that names the problem")
    func malformed() {
        let twoFrames = #expect(throws: BusProtocolError.self) { try BusMessage(frames: [[1], [2]]) }
        #expect(twoFrames?.code == .wrongFrameCount)
        #expect(twoFrames?.message.contains("got 2") == true)

        let badTopic = #expect(throws: BusProtocolError.self) { try BusMessage(frames: [[0xFF, 0xFE], [], []]) }
        #expect(badTopic?.code == .badTopic)

        let missing = #expect(throws: BusProtocolError.self) {
            try BusMessage(frames: [Array("t".utf8), Array(#"{"version":1,"id":"a"}"#.utf8), []])
        }
        #expect(missing?.code == .badHeader)
        #expect(missing?.message.contains("is missing") == true)

        let notJSON = #expect(throws: BusProtocolError.self) {
            try BusMessage(frames: [Array("t".utf8), Array("not json".utf8), []])
        }
        #expect(notJSON?.code == .badHeader)
    }

    @Test("the sequence tracker finds gaps, repeats and restarts, topic by topic")
    func sequenceTracker() {
        func header(_ sender: String, _ instance: String, _ seq: UInt64) -> BusHeader {
            BusHeader(id: "\(instance)-\(seq)", sender: sender, instance: instance, seq: seq, time: "", type: "t")
        }
        var tracker = SequenceTracker()
        #expect(tracker.observe(header("a", "1", 5), topic: "x") == .first)
        #expect(tracker.observe(header("a", "1", 6), topic: "x") == .inOrder)
        #expect(tracker.observe(header("a", "1", 10), topic: "x") == .gap(missing: 7...9))
        #expect(tracker.observe(header("a", "1", 9), topic: "x") == .stale)
        #expect(tracker.observe(header("a", "1", 1), topic: "y") == .first)
        #expect(tracker.observe(header("a", "1", 2), topic: "y") == .inOrder)
        #expect(tracker.observe(header("b", "7", 1), topic: "x") == .first)
        #expect(tracker.observe(header("a", "2", 1), topic: "x") == .first)
        #expect(tracker.observe(header("a", "2", 3), topic: "x") == .gap(missing: 2...2))
        #expect(tracker.lostCount == 4)
        #expect(tracker.lastSequence(of: "a", on: "x") == 3)
        #expect(tracker.lastSequence(of: "a", on: "y") == 2)
    }

    @Test("a slow subscriber never blocks the publisher and learns what it lost")
    func slowSubscriber() throws {
        let context = try ZMQContext()
        let endpoint = temporaryEndpoint("slow")
        let subscriber = try ZMQSocket(context: context, type: .sub)
        try subscriber.set(.receiveHighWaterMark(100))
        try subscriber.set(.subscribe("metric."))
        try subscriber.bind(endpoint)
        let publisher = try BusPublisher(context: context, endpoint: endpoint, sender: "metrics", highWaterMark: 100)

        // Wait until the subscription reached the publisher.
        try subscriber.set(.receiveTimeout(.milliseconds(50)))
        var tracker = SequenceTracker()
        let deadline = Date().addingTimeInterval(30)
        var first: BusMessage?
        var primes = 0
        while first == nil && Date() < deadline {
            try publisher.publish(topic: "metric.value", type: "metric", body: ["n": -1])
            primes += 1
            if let frames = try subscriber.receiveMultipart() { first = try BusMessage(frames: frames) }
        }
        let start = try #require(first)
        #expect(tracker.observe(start) == .first)
        var receivedAfterStart = 0
        var sawGap = false
        func take(_ frames: [[UInt8]]) throws {
            let message = try BusMessage(frames: frames)
            if case .gap = tracker.observe(message) { sawGap = true }
            receivedAfterStart += 1
        }
        while let frames = try subscriber.receiveMultipart(dontWait: true) { try take(frames) }

        // Publish far more than both high-water marks hold, without reading: it never blocks.
        let burst = 50_000
        for index in 0..<burst {
            try publisher.publish(topic: "metric.value", type: "metric", body: ["n": index])
        }
        #expect(publisher.lastSequence(on: "metric.value") == UInt64(primes + burst))

        try subscriber.set(.receiveTimeout(.milliseconds(300)))
        while let frames = try subscriber.receiveMultipart() { try take(frames) }
        #expect(receivedAfterStart < burst)
        #expect(sawGap)
        // Every message after the first is either received or counted lost.
        let lastSeen = try #require(tracker.lastSequence(of: "metrics", on: "metric.value"))
        #expect(UInt64(receivedAfterStart) + tracker.lostCount == lastSeen - start.header.seq)
        publisher.close()
        subscriber.close()
        context.terminate()
    }
}
