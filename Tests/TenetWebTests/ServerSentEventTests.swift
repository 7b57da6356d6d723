import Testing
import TenetWeb

@Suite("Server-sent events: framing and the hub's bounded queues")
struct ServerSentEventTests {
    @Test("A body becomes one data line per line; CR, LF and CR LF all break lines; a blank line ends the event")
    func framing() {
        let frame = ServerSentEvent.frame(event: "metric", data: Array(#"{"a":1}"#.utf8))
        #expect(String(decoding: frame, as: UTF8.self) == "event: metric\ndata: {\"a\":1}\n\n")
        let multi = ServerSentEvent.frame(event: "alert", data: Array("one\ntwo\r\nthree\rfour".utf8))
        #expect(String(decoding: multi, as: UTF8.self) == "event: alert\ndata: one\ndata: two\ndata: three\ndata: four\n\n")
        #expect(String(decoding: ServerSentEvent.frame(event: "sla", data: []), as: UTF8.self) == "event: sla\ndata: \n\n")
    }

    @Test("Topics map to event names; other topics are not forwarded")
    func eventNames() {
        #expect(ServerSentEvent.eventName(forTopic: "metric.csat") == "metric")
        #expect(ServerSentEvent.eventName(forTopic: "alert.frt_high.firing") == "alert")
        #expect(ServerSentEvent.eventName(forTopic: "target.Speed.first_response_time") == "target")
        #expect(ServerSentEvent.eventName(forTopic: "sla.breach") == "sla")
        #expect(ServerSentEvent.eventName(forTopic: "event.conversation.opened") == nil)
        #expect(ServerSentEvent.eventName(forTopic: "metrics") == nil)
    }

    @Test("A client that does not read is dropped once its queue is full; a reading client gets every frame")
    func slowClientDropped() async {
        let hub = LiveHub(capacity: 3)
        let (_, slow) = hub.connect()
        let (_, fast) = hub.connect()
        var fastReader = fast.makeAsyncIterator()
        var received: [[UInt8]] = []
        for index in 0..<5 {
            hub.publish([UInt8(index)])
            if let frame = await fastReader.next() { received.append(frame) }
        }
        #expect(received == [[0], [1], [2], [3], [4]])
        #expect(hub.droppedCount == 1)
        #expect(hub.clientCount == 1)
        var slowFrames: [[UInt8]] = []
        for await frame in slow { slowFrames.append(frame) }
        // The three queued before the fourth overflowed; then the stream ended.
        #expect(slowFrames == [[0], [1], [2]])
    }

    @Test("Closing the hub ends every stream and refuses new clients")
    func closing() async {
        let hub = LiveHub()
        let (_, stream) = hub.connect()
        hub.close()
        var count = 0
        for await _ in stream { count += 1 }
        #expect(count == 0)
        let (_, late) = hub.connect()
        for await _ in late { count += 1 }
        #expect(count == 0)
        #expect(hub.clientCount == 0)
    }
}
